import { defineElement } from '../base/define.js';
import { SellingPoints } from './selling-points.js';

defineElement('vitrine-selling-points', SellingPoints);

declare global {
  interface HTMLElementTagNameMap {
    'vitrine-selling-points': SellingPoints;
  }
}

export { SellingPoints };
