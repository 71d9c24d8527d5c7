import type { Catalogs } from '../base/i18n.js';

/**
 * The cart's English strings for its first render. The coupon list's (`coupons`, `best`, the
 * reasons `r-…`) load with it, in picker.ts; the zh-CN and ar catalogues hold both.
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
    say: 'Total {total}, you save {saved}.',
    bad: 'Part of this cart could not be read and is not shown.',
  },
};
