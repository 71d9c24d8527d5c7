import { defineElement } from '../base/define.js';
import { CouponCart } from './coupon-cart.js';

defineElement('vitrine-coupon-cart', CouponCart);

declare global {
  interface HTMLElementTagNameMap {
    'vitrine-coupon-cart': CouponCart;
  }
}

export { CouponCart };
