import type { Catalog } from '../../base/i18n.js';

/** Arabic strings, loaded only when an element renders in this locale. */
export default {
  tabs: 'سيناريوهات الاستخدام',
  specs: 'المواصفات',
  spec: 'المواصفة',
  value: 'القيمة',
  fits: 'مناسب لـ',
  compare: 'قبل وبعد',
  before: 'قبل',
  after: 'بعد',
  shows: '{p} قبل',
} satisfies Catalog;
