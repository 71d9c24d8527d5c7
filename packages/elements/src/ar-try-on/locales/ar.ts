import type { Catalog } from '../../base/i18n.js';

/** Arabic strings, loaded only when an element renders in this locale
 * (with the strings of the lazily loaded panel and "coming soon" parts). */
export default {
  view: 'اعرضه في مساحتك',
  phone: 'اعرضه على هاتفك',
  d3: 'عرض ثلاثي الأبعاد',
  soon: 'العرض ثلاثي الأبعاد قريبًا',
  notify: 'أبلغني',
  cart: 'أضف إلى السلة',
  scan: 'امسح الرمز بكاميرا هاتفك لتراه في مساحتك.',
  close: 'إغلاق',
  no3d: 'عارض الأبعاد الثلاثية غير متاح الآن.',
  qr: 'رمز QR لصفحة هذا المنتج',
} satisfies Catalog;
