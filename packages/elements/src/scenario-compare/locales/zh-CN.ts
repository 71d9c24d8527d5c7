import type { Catalog } from '../../base/i18n.js';

/** Simplified Chinese strings, loaded only when an element renders in this locale. */
export default {
  tabs: '使用场景',
  specs: '规格参数',
  spec: '参数',
  value: '数值',
  fits: '适用场景',
  compare: '使用前后对比',
  before: '使用前',
  after: '使用后',
  shows: '使用前 {p}',
} satisfies Catalog;
