/**
 * The playbook's cart (test data and the demo's config): the Aoki Quiet Cooker Mini with a
 * steamer basket, a store coupon, a platform "every ¥300 save ¥40" discount, free shipping and a
 * late-night coupon that shares the platform's exclusive group. Amounts are fen (CNY minor units).
 */
export const DEMO = {
  currency: 'CNY',
  shipping: 1500,
  context: { timeZone: 'Asia/Shanghai' },
  lines: [
    { id: 'aoki-mini', name: 'Aoki Quiet Cooker Mini', unitPrice: 69900, quantity: 1, image: '/media/cooker.svg' },
    {
      id: 'steamer',
      name: 'Steamer basket',
      unitPrice: 12900,
      quantity: 1,
      categories: ['accessory'],
      image: '/media/cooker-side.svg',
    },
  ],
  coupons: [
    {
      id: 'store-50',
      label: 'Aoki store: ¥50 off the cooker',
      kind: 'fixed',
      amount: 5000,
      scope: { products: ['aoki-mini'] },
    },
    {
      id: 'platform-300-40',
      label: 'Platform: every ¥300 saves ¥40',
      kind: 'repeating',
      every: 30000,
      amount: 4000,
      group: 'platform',
    },
    { id: 'free-ship', label: 'Free shipping over ¥99', kind: 'free-shipping', minSpend: 9900 },
    {
      id: 'late-night',
      label: 'Late night: ¥30 off over ¥500',
      kind: 'threshold',
      spend: 50000,
      amount: 3000,
      windows: [{ start: '23:00', end: '01:00' }],
      group: 'platform',
    },
  ],
} as const;

/** 14:00 and 23:30 in Shanghai on 25 Nov 2026 (UTC+8), for fixed-clock tests. */
export const AFTERNOON = Date.UTC(2026, 10, 25, 6, 0);
export const LATE_NIGHT = Date.UTC(2026, 10, 25, 15, 30);
