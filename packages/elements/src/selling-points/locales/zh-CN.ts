import type { Catalog } from '../../base/i18n.js';

/** Simplified Chinese strings, loaded only when an element renders in this locale. */
export default {
  label: '购买理由',
  hm: '{h} 小时 {m} 分钟',
  m: '{m} 分钟',
  today: '{t}内下单，今天发货',
  next: '{d}发货',
  empty: '卖点：请添加 2 到 6 项',
} satisfies Catalog;
