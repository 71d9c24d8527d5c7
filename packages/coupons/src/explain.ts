/**
 * English sentences for reasons and nudges. UIs localise from the structured `reason`; these
 * are for logs, servers and the default rendering.
 */
import { toDecimal } from './money.js';
import type { Reason } from './types.js';

export function describeReason(reason: Reason, currency: string): string {
  const money = (m: number) => toDecimal(m, currency);
  switch (reason.code) {
    case 'expired':
      return `Expired on ${new Date(reason.expiredAt).toISOString()}.`;
    case 'not-yet-valid':
      return `Valid from ${new Date(reason.startsAt).toISOString()}.`;
    case 'outside-window':
      return `Only valid ${reason.windows.map((w) => `${w.start}–${w.end}`).join(', ')} (${reason.timeZone}); it is ${reason.localTime} now.`;
    case 'not-eligible':
      return reason.requirement === 'new-customer'
        ? 'Only for new customers.'
        : `Only for members of tier ${(reason.tiers ?? []).join(', ')}.`;
    case 'no-matching-items':
      return 'No item in the cart qualifies.';
    case 'below-min-quantity':
      return `Needs ${reason.required} qualifying items; add ${reason.short} more.`;
    case 'below-threshold':
      return `Spend ${money(reason.threshold)} on qualifying items (${reason.basis === 'list' ? 'list price' : 'after earlier discounts'}); ${money(reason.short)} short.`;
    case 'excluded':
      switch (reason.rule) {
        case 'exclusive-group':
          return `Cannot be combined with ${reason.by.join(', ')} (same group${reason.group ? ` "${reason.group}"` : ''}).`;
        case 'combines-with':
          return `Cannot be combined with ${reason.by.join(', ')}.`;
        case 'class-limit':
          return `The limit for this kind of coupon is reached by ${reason.by.join(', ')}.`;
        case 'order-limit':
          return `The limit of coupons per order is reached by ${reason.by.join(', ')}.`;
      }
      break;
    case 'no-saving':
      return 'Would save nothing on this cart.';
    case 'not-better':
      return 'The applied combination saves more without it.';
  }
  return '';
}

export function describeNudge(extra: number, gain: number, currency: string): string {
  return `Add ${toDecimal(extra, currency)} to save ${toDecimal(gain, currency)} more.`;
}
