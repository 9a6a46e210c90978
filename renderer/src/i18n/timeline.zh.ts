import type { timelineKindsEn, timelinePartEn } from './timeline.en';

export const timelineKindsZh: typeof timelineKindsEn = {
  part: '备件',
  callback_missed: '回访未接通',
  complaint: '投诉',
  complaint_closed: '投诉已结案',
  customer_told: '已通知客户',
  manager_followup: '经理跟进',
  refund: '退款',
  returned_unrepaired: '未修复退回',
  passcode_erased: '密码已清除',
};

export const timelinePartZh: typeof timelinePartEn = {
  waiting: '等待到货',
  reserved: '已预留',
  fitted: '已安装',
  released: '已释放',
  returned: '已退回库存',
  returnedFaulty: '已退回库存（故障件）',
  removed: '拆下旧件 {{serial}}',
};
