import type { Catalog } from '../../base/i18n.js';

/** Arabic strings, loaded only when an element renders in this locale
 * (with the strings of the lazily loaded player and list parts). */
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
  noHls: 'لا يستطيع هذا المتصفح تشغيل بث الفيديو هذا.',
  noVideo: 'لا يمكن تشغيل هذا الفيديو هنا.',
  open: 'افتح الفيديو',
  video: 'فيديو العميل',
} satisfies Catalog;
