import type { Catalog } from '../../base/i18n.js';

/** Arabic strings, loaded only when an element renders in this locale. */
export default {
  view: 'اعرضه في مساحتك',
  phone: 'اعرضه على هاتفك',
  d3: 'عرض ثلاثي الأبعاد',
  soon: 'العرض ثلاثي الأبعاد قريبًا',
  notify: 'أبلغني',
  cart: 'أضف إلى السلة',
} satisfies Catalog;
