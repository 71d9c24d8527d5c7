import { registerStrings, translate, type Catalog } from '../base/i18n.js';

/**
 * Adds English strings that come with a module loaded on demand (the coupon list, the controls,
 * the repair of bad data). Strings a page registered for English before win over these.
 */
export function addEnglish(strings: Catalog): void {
  const missing = Object.entries(strings).filter(([key]) => translate('coupon-cart', 'en', key) === key);
  registerStrings('coupon-cart', { en: Object.fromEntries(missing) });
}
