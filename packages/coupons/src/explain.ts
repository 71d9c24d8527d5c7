/**
 * English sentences for reasons and nudges. UIs localise from the structured `reason`; these
 * are for logs, servers and the default rendering.
 */
import { toDecimal } from './money.js';
import type { Reason, ReasonCode } from './types.js';

type Sentence<R> = (reason: R, currency: string) => string;
type Excluded = Extract<Reason, { code: 'excluded' }>;

/**
 * One small function per code rather than one switch: a page's first solve compiles only the
 * sentences it writes (usually one or two).
 */
const SENTENCES: { [C in ReasonCode]: Sentence<Extract<Reason, { code: C }>> } = {
  expired: (r) => `Expired on ${new Date(r.expiredAt).toISOString()}.`,
  'not-yet-valid': (r) => `Valid from ${new Date(r.startsAt).toISOString()}.`,
  'outside-window': (r) => {
    let spans = '';
    for (const w of r.windows) spans += `${spans && ', '}${w.start}–${w.end}`;
    return `Only valid ${spans} (${r.timeZone}); it is ${r.localTime} now.`;
  },
  'not-eligible': (r) =>
    r.requirement === 'new-customer'
      ? 'Only for new customers.'
      : `Only for members of tier ${(r.tiers ?? []).join(', ')}.`,
  'no-matching-items': () => 'No item in the cart qualifies.',
  'below-min-quantity': (r) => `Needs ${r.required} qualifying items; add ${r.short} more.`,
  'below-threshold': (r, currency) =>
    `Spend ${toDecimal(r.threshold, currency)} on qualifying items (${r.basis === 'list' ? 'list price' : 'after earlier discounts'}); ${toDecimal(r.short, currency)} short.`,
  excluded: (r) => EXCLUDED[r.rule]?.(r) ?? '',
  'no-saving': () => 'Would save nothing on this cart.',
  'not-better': () => 'The applied combination saves more without it.',
};

const EXCLUDED: Record<Excluded['rule'], (r: Excluded) => string> = {
  'exclusive-group': (r) => `Cannot be combined with ${r.by.join(', ')} (same group${r.group ? ` "${r.group}"` : ''}).`,
  'combines-with': (r) => `Cannot be combined with ${r.by.join(', ')}.`,
  'class-limit': (r) => `The limit for this kind of coupon is reached by ${r.by.join(', ')}.`,
  'order-limit': (r) => `The limit of coupons per order is reached by ${r.by.join(', ')}.`,
};

export function describeReason(reason: Reason, currency: string): string {
  return (SENTENCES[reason.code] as Sentence<Reason> | undefined)?.(reason, currency) ?? '';
}

export function describeNudge(extra: number, gain: number, currency: string): string {
  return `Add ${toDecimal(extra, currency)} to save ${toDecimal(gain, currency)} more.`;
}
