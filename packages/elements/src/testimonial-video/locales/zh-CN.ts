import type { Catalog } from '../../base/i18n.js';

/** Simplified Chinese strings, loaded only when an element renders in this locale
 * (with the strings of the lazily loaded player and list parts). */
export default {
  play: '播放视频：{title}',
  rating: '{rating} 分（满分 {max} 分）',
  verified: '已验证买家',
  transcript: '文字稿',
  list: '顾客视频',
  prev: '上一个视频',
  next: '下一个视频',
  position: '第 {n} 个，共 {total} 个',
  empty: '顾客视频：请把 src 设为视频地址',
  noHls: '此浏览器无法播放该视频流。',
  noVideo: '此视频无法在这里播放。',
  open: '打开视频',
  video: '顾客视频',
} satisfies Catalog;
