import type { photosEn } from './photos.en';

export const photosZh: { [K in keyof typeof photosEn]: string } = {
  title: '照片（{{count}}）',
  caption: '说明',
  captionPlaceholder: '下一张照片的说明（可选）',
  drop: '把照片拖到这里，或按回车 / 点击选择',
  meta: '{{file}} · {{size}} · {{width}}×{{height}} · {{who}} · {{when}}',
  remove: '删除照片',
  removeTitle: '为什么删除这张照片？',
};
