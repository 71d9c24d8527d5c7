import type { Catalogs } from '../base/i18n.js';

/**
 * The cart's English strings for its first render. Those of code loaded on demand come with it:
 * the coupon list's (`coupons`, `best`, the reasons `r-…`) in picker.ts, the announcement
 * (`say`, `say-total`) in actions.ts, the bad-data notice (`bad`) in safe-solve.ts. The zh-CN and ar
 * catalogues hold them all.
 */
export const STRINGS: Catalogs = {
  en: {
    title: 'Your cart',
    empty: 'Your cart is empty.',
    each: '{price} each',
    qty: 'Quantity of {name}',
    dec: 'Decrease quantity of {name}',
    inc: 'Increase quantity of {name}',
    remove: 'Remove {name}',
    choose: 'Choose coupons ({n} of {all} applied)',
    product: 'Product coupons',
    order: 'Order discounts',
    ship: 'Shipping',
    shipping: 'Shipping discounts',
    subtotal: 'Subtotal',
    total: 'Total',
    saved: 'You save {amount}',
    nudge: 'Add {extra} more to save {gain}',
    'nudge-scope': 'Add {extra} more of qualifying items to save {gain}',
    checkout: 'Checkout',
  },
};
