import type { Catalog } from '../../base/i18n.js';

/** Arabic strings, loaded only when an element renders in this locale. */
export default {
  label: 'لماذا تشتري منا',
  hm: '{h} س {m} د',
  m: '{m} د',
  today: 'اطلب خلال {t} — يُشحن اليوم',
  next: 'يُشحن {d}',
  empty: 'نقاط البيع: أضف من 2 إلى 6 عناصر',
} satisfies Catalog;
