import type { benchEn } from './bench.en';

/** 维修台看板各列与工单抽屉中的备件选择（中文）。 */
export const benchZh: typeof benchEn = {
  benchBoard: {
    subtitle: '未完成工单按状态分列：新接收的最新在前，其余按承诺时间排序',
    more: '再显示 {{count}} 张',
    range: '第 {{from}}–{{to}} 条，共 {{total}} 条',
    overdueTotal_one: '{{count}} 张工单已超期或即将到期',
    overdueTotal_other: '{{count}} 张工单已超期或即将到期',
  },
  benchDetail: {
    revealNotAllowed: '您的角色无权查看设备密码。',
  },
  benchParts: {
    reserved: '已为此工单预留 {{name}}。',
    waiting: '{{name}} 无库存，工单已登记等待该备件。',
    noneFound: '未找到备件',
  },
};
