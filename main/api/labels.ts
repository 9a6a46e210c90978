/**
 * Names of the fixed values that appear both on screen and on paper (the PDF reports run in
 * the main process, outside the renderer's i18n). Pure module: the renderer's en/zh messages
 * and the PDF strings both read these, so a status is named the same everywhere.
 */
const en = {
  status: {
    received: 'Received',
    diagnosing: 'Diagnosing',
    awaiting_approval: 'Awaiting approval',
    awaiting_parts: 'Awaiting parts',
    in_repair: 'In repair',
    quality_check: 'Quality check',
    ready: 'Ready for pickup',
    collected: 'Collected',
    cancelled: 'Cancelled',
    on_hold: 'On hold',
    at_vendor: 'At vendor',
    back_from_vendor: 'Back from vendor',
  },
  deviceType: {
    phone: 'Phone',
    laptop: 'Laptop',
    tablet: 'Tablet',
    console: 'Console',
    desktop: 'Desktop',
    watch: 'Watch',
    other: 'Other',
  },
  category: {
    fault: 'Fault',
    consultation: 'Consultation',
    complaint: 'Complaint',
    suggestion: 'Suggestion',
  },
  satisfaction: {
    very_satisfied: 'Very satisfied',
    satisfied: 'Satisfied',
    neutral: 'Neutral',
    dissatisfied: 'Dissatisfied',
  },
  /** Words of the daily report's money, parts and follow-up sections (screen and PDF). */
  report: {
    money: 'Takings',
    net: 'Net',
    deposits: 'Deposits taken',
    discounts: 'Discounts',
    invoice: 'Invoice',
    amount: 'Amount',
    reason: 'Reason',
    approvedBy: 'Approved by',
    parts: 'Parts used',
    sku: 'SKU',
    part: 'Part',
    qty: 'Qty',
    cost: 'Cost',
    price: 'Charged',
    margin: 'Margin',
    followup: 'Callbacks and customers',
    callbacksDue: 'Callbacks due',
    callbacksDone: 'Callbacks done',
    callbacksOpen: 'Not reached yet',
    unhappy: 'Unhappy customers',
    openTasks: 'Open manager tasks',
    satisfaction: 'Satisfaction',
    comments: 'Comments',
    task: 'Task',
  },
  paymentMethod: {
    cash: 'Cash',
    card: 'Card',
    wechat: 'WeChat Pay',
    alipay: 'Alipay',
    bank_transfer: 'Bank transfer',
  },
};

const zh: typeof en = {
  status: {
    received: '已接收',
    diagnosing: '检测中',
    awaiting_approval: '待客户确认',
    awaiting_parts: '待配件',
    in_repair: '维修中',
    quality_check: '质检中',
    ready: '待取机',
    collected: '已取机',
    cancelled: '已取消',
    on_hold: '暂停',
    at_vendor: '已送厂',
    back_from_vendor: '已返厂',
  },
  deviceType: {
    phone: '手机',
    laptop: '笔记本电脑',
    tablet: '平板电脑',
    console: '游戏机',
    desktop: '台式机',
    watch: '手表',
    other: '其他',
  },
  category: { fault: '故障', consultation: '咨询', complaint: '投诉', suggestion: '建议' },
  satisfaction: {
    very_satisfied: '非常满意',
    satisfied: '满意',
    neutral: '一般',
    dissatisfied: '不满意',
  },
  report: {
    money: '收款',
    net: '净额',
    deposits: '收取定金',
    discounts: '折扣',
    invoice: '发票',
    amount: '金额',
    reason: '原因',
    approvedBy: '批准人',
    parts: '配件用量',
    sku: '编号',
    part: '配件',
    qty: '数量',
    cost: '成本',
    price: '售价',
    margin: '毛利',
    followup: '回访与客户',
    callbacksDue: '应回访',
    callbacksDone: '已回访',
    callbacksOpen: '尚未联系上',
    unhappy: '不满意客户',
    openTasks: '未完成店长任务',
    satisfaction: '满意度',
    comments: '意见',
    task: '任务',
  },
  paymentMethod: {
    cash: '现金',
    card: '银行卡',
    wechat: '微信支付',
    alipay: '支付宝',
    bank_transfer: '银行转账',
  },
};

export const LABELS = { en, zh };
export type Labels = typeof en;
export const PAYMENT_METHOD_LABELS = { en: en.paymentMethod, zh: zh.paymentMethod };

/** A label for a value that may come from data the module does not know (shown as is). */
export function labelOf(group: Record<string, string>, key: string): string {
  return group[key] ?? key;
}
