import type { concurrencyEn, concurrencyErrorCodesEn, concurrencyErrorsEn } from './concurrency.en';

/** 多工作站保存（问题 15）：编辑冲突、店内数据库暂不可用时的重试（中文）。 */
export const concurrencyZh: typeof concurrencyEn = {
  waiting: '正在等待店内数据库，稍后保存…',
  waitingHint: '您的修改仍在屏幕上，会自动重新发送，只会保存一次。',
  landed: '已保存，店内数据库已恢复。',
  changedTitle: '他人已保存此工单',
  reload: '重新加载',
  reloaded: '已重新加载：您输入的内容已保留，请按“保存”。',
};

export const concurrencyErrorsZh: typeof concurrencyErrorsEn = {
  ticketChangedBy: '已由 {{name}} 于 {{time}} 修改 — 请重新加载查看。',
  idempotencyReused: '此请求已用于另一项修改，未保存任何内容。',
  databaseAway: '无法连接店内数据库，恢复后再保存。',
};

export const concurrencyErrorCodesZh: typeof concurrencyErrorCodesEn = {
  UNAVAILABLE: '无法连接店内数据库。',
};
