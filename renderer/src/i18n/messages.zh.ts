/** 通过发件箱发送客户消息（issue 16）：服务器错误键（简体中文）。 */
export const messagesErrorsZh = {
  messages: {
    notFound: '未找到该消息。',
    notRetryable: '状态为“{{state}}”的消息不能重新发送。',
    notCancellable: '状态为“{{state}}”的消息不能取消。',
    notConfirmable: '状态为“{{state}}”的消息不能确认为已发送。',
    notManual: '只有手动消息需要人工确认；其他消息由系统自动发送。',
    duplicateRule: '每个事件只能有一条规则。',
    unknownVariable:
      '花括号中的变量未知：请使用 {shop}、{ticket}、{device}、{amountDue}、{hours} 或 {customer}。',
    interrupted: '发送被中断（程序已停止）：消息可能已送达，也可能没有。请与客户核实后重发或取消。',
    channelNotConfigured: '“设置 → 消息”中尚未配置{{channel}}渠道：消息将继续等待。',
    unexpected: '发送意外结束（{{message}}）：消息可能已送达。',
  },
};

/** 日报与仪表板中的发件箱数据（简体中文）。 */
export const outboxReportZh = {
  outboxReport: {
    title: '客户消息',
    channel: '渠道',
    sent: '已发送',
    failed: '失败',
    uncertain: '不确定',
    queuedAtEnd: '当天结束时仍在排队',
    channels: { email: '电子邮件', sms: '短信', manual: '手动（微信等）' },
    toldWithin15: '15 分钟内已通知',
    toldDetail: '已完成设备 {{ready}} 台中的 {{told}} 台',
  },
};
