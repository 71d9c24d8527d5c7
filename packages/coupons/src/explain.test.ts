import { describe, expect, it } from 'vitest';
import { describeNudge, describeReason } from './explain.js';
import type { Reason } from './types.js';

describe('English sentences', () => {
  it('one for every reason code and exclusion rule', () => {
    const cases: [Reason, string][] = [
      [{ code: 'expired', expiredAt: Date.UTC(2026, 10, 1) }, 'Expired on 2026-11-01T00:00:00.000Z.'],
      [{ code: 'not-yet-valid', startsAt: Date.UTC(2026, 11, 24, 12) }, 'Valid from 2026-12-24T12:00:00.000Z.'],
      [
        {
          code: 'outside-window',
          windows: [
            { start: '23:00', end: '01:00' },
            { start: '12:00', end: '13:30', days: [1] },
          ],
          timeZone: 'Asia/Shanghai',
          localTime: '14:00',
        },
        'Only valid 23:00–01:00, 12:00–13:30 (Asia/Shanghai); it is 14:00 now.',
      ],
      [{ code: 'not-eligible', requirement: 'new-customer' }, 'Only for new customers.'],
      [
        { code: 'not-eligible', requirement: 'member-tier', tiers: ['silver', 'gold'] },
        'Only for members of tier silver, gold.',
      ],
      [{ code: 'no-matching-items', scope: { categories: ['tea'] } }, 'No item in the cart qualifies.'],
      [{ code: 'below-min-quantity', required: 3, actual: 1, short: 2 }, 'Needs 3 qualifying items; add 2 more.'],
      [
        { code: 'below-threshold', threshold: 40000, amount: 33700, short: 6300, basis: 'discounted' },
        'Spend 400.00 on qualifying items (after earlier discounts); 63.00 short.',
      ],
      [
        { code: 'below-threshold', threshold: 19900, amount: 9000, short: 10900, basis: 'list' },
        'Spend 199.00 on qualifying items (list price); 109.00 short.',
      ],
      [
        { code: 'excluded', rule: 'exclusive-group', by: ['a'], group: 'platform' },
        'Cannot be combined with a (same group "platform").',
      ],
      [{ code: 'excluded', rule: 'combines-with', by: ['a', 'b'] }, 'Cannot be combined with a, b.'],
      [{ code: 'excluded', rule: 'class-limit', by: ['a'] }, 'The limit for this kind of coupon is reached by a.'],
      [{ code: 'excluded', rule: 'order-limit', by: ['a', 'b'] }, 'The limit of coupons per order is reached by a, b.'],
      [{ code: 'no-saving' }, 'Would save nothing on this cart.'],
      [{ code: 'not-better' }, 'The applied combination saves more without it.'],
    ];
    for (const [reason, sentence] of cases) expect(describeReason(reason, 'CNY')).toBe(sentence);
  });

  it('writes amounts in the currency’s minor units', () => {
    expect(
      describeReason({ code: 'below-threshold', threshold: 5000, amount: 4000, short: 1000, basis: 'list' }, 'JPY'),
    ).toBe('Spend 5000 on qualifying items (list price); 1000 short.');
    expect(describeNudge(6300, 2000, 'CNY')).toBe('Add 63.00 to save 20.00 more.');
  });
});
