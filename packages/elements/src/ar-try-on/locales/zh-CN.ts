import type { Catalog } from '../../base/i18n.js';

/** Simplified Chinese strings, loaded only when an element renders in this locale. */
export default {
  view: '在你的空间中查看',
  phone: '在手机上查看',
  d3: '3D 查看',
  soon: '3D 展示即将推出',
  notify: '上线时通知我',
  cart: '加入购物车',
} satisfies Catalog;
