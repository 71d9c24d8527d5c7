import type { Catalog } from '../../base/i18n.js';

/** Arabic strings, loaded only when an element renders in this locale. */
export default {
  play: 'تشغيل الفيديو: {title}',
  rating: '{rating} من {max}',
  verified: 'مشترٍ موثَّق',
  transcript: 'النص المكتوب',
  list: 'فيديوهات العملاء',
  prev: 'الفيديو السابق',
  next: 'الفيديو التالي',
  position: '{n} من {total}',
  empty: 'فيديو تقييم: اضبط src على رابط فيديو',
} satisfies Catalog;
