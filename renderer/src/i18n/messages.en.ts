/** Customer messages through the outbox (issue 16): the server's error keys (English). */
export const messagesErrorsEn = {
  messages: {
    notFound: 'That message was not found.',
    notRetryable: 'A message that is {{state}} cannot be sent again.',
    notCancellable: 'A message that is {{state}} cannot be cancelled.',
    notConfirmable: 'A message that is {{state}} cannot be confirmed as sent.',
    notManual: 'Only a manual message is confirmed by hand; the others are sent by the app.',
    duplicateRule: 'Each event may have only one rule.',
    unknownVariable:
      'Unknown variable in braces: use {shop}, {ticket}, {device}, {amountDue}, {hours} or {customer}.',
    interrupted:
      'Sending was interrupted (the app stopped): the message may or may not have arrived. Check with the customer, then retry or cancel.',
    channelNotConfigured:
      'No {{channel}} channel is set up in Settings → Messages: the message waits.',
    unexpected: 'The send ended unexpectedly ({{message}}): it may have arrived.',
  },
};

/** The outbox's figures on the daily report and the dashboard (English). */
export const outboxReportEn = {
  outboxReport: {
    title: 'Customer messages',
    channel: 'Channel',
    sent: 'Sent',
    failed: 'Failed',
    uncertain: 'Uncertain',
    queuedAtEnd: 'Still queued at the end of the day',
    channels: { email: 'E-mail', sms: 'SMS', manual: 'Manual (WeChat…)' },
    toldWithin15: 'Told within 15 min',
    toldDetail: '{{told}} of {{ready}} ready devices',
  },
};
