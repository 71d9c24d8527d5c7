import type { Catalog } from '../../base/i18n.js';

/** Simplified Chinese strings, loaded only when an element renders in this locale
 * (with the strings of the lazily loaded panel and "coming soon" parts). */
export default {
  view: '在你的空间中查看',
  phone: '在手机上查看',
  d3: '3D 查看',
  soon: '3D 展示即将推出',
  notify: '上线时通知我',
  cart: '加入购物车',
  scan: '用手机相机扫描，即可在你的空间中查看。',
  close: '关闭',
  no3d: '3D 查看器暂时不可用。',
  qr: '本商品页面的二维码',
} satisfies Catalog;
