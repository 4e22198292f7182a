/** The Simplified Chinese side of ./train.ts (loaded only when the page is shown in Chinese; see ./index.ts). */
import type { trainEn } from './train';

export const trainZh: Record<keyof typeof trainEn, string> = {
  'train.title': '训练实验室：网络越深，训练得越好吗？',
  'train.teaser': '现场重现 ResNet 论文的图 1：用同一个随机种子训练浅层和深层的普通链及其残差版本，看看谁的训练损失最后更高。',
  'train.open': '打开训练实验室',
  'train.close': '收起训练实验室',
  'train.loading': '正在加载训练实验室…',
};
