/** 受理草稿、估价与客户确认中的金额、受理表单提示（简体中文）。 */
export const intakeMoreZh = {
  draft: {
    restored: '已恢复草稿',
    restoredNote: '已恢复您在 {{when}} 未保存的受理单。请保存，或放弃后重新开始。',
    discard: '放弃草稿',
  },
  money: {
    subtotal: '小计',
    covered: '保修承担',
    tax: '税额 {{rate}}%',
    taxIncl: '税额 {{rate}}%（已含）',
    total: '应付合计',
    estimateToPay: '预估应付：{{total}}',
    inclTax: '含税 {{tax}}',
  },
  intakeMore: {
    problemCount: '{{count}} / {{max}}',
    dupTitle: '该设备已有未完成的工单',
    dupBody: '该序列号 / IMEI 的工单 {{number}}（{{status}}）仍未完成。',
    dupOpen: '打开 {{number}}',
    dupContinue: '仍要新建第二张工单',
    dupConfirmed: '将有意保存第二张工单。',
  },
};

export const intakeFieldErrorsZh = {
  moneyNegative: '金额不能为负数',
  moneyPositive: '请输入大于 0 的金额',
};
