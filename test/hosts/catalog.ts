// The product data every framework host renders: plain objects and arrays, set on the elements
// as properties (never serialised into attributes). Amounts are fen (CNY minor units).

export const lines = [
  { id: 'aoki-mini', name: 'Aoki Quiet Cooker Mini', unitPrice: 69900, quantity: 1 },
  { id: 'steamer', name: 'Steamer basket', unitPrice: 12900, quantity: 1, categories: ['accessory'] },
];

export const coupons = [
  {
    id: 'store-50',
    label: 'Aoki store: ¥50 off the cooker',
    kind: 'fixed' as const,
    amount: 5000,
    scope: { products: ['aoki-mini'] },
  },
  { id: 'free-ship', label: 'Free shipping over ¥99', kind: 'free-shipping' as const, minSpend: 9900 },
];

export const scenarios = [
  { id: 'dorm', title: 'Dorm room', points: ['Fits on a desk: 22 cm wide', '38 dB while cooking'] },
  { id: 'office', title: 'Office lunch', points: ['Keeps rice warm for 12 h'] },
  { id: 'family', title: 'Family dinner', points: ['Cooks 3 cups of rice in 25 min'] },
];

export const specs = [
  { label: 'Capacity', value: '1.2 L', scenarios: ['dorm', 'office'] },
  { label: 'Noise', value: '38 dB', scenarios: ['dorm'] },
  { label: 'Keep warm', value: '12 h', scenarios: ['office', 'family'] },
];

/** What a host shows after the element's events, so a test can read the framework's own state. */
export interface HostState {
  scenario: string;
  quantities: string;
  checkouts: number;
}
