import type { Content } from 'pdfmake/interfaces';
import type { DailyReport } from '../../api/contract';
import { h2, keep, num, table } from '../reports/pdf-kit';

const STRINGS = {
  en: {
    title: 'Customer messages',
    channel: 'Channel',
    sent: 'Sent',
    failed: 'Failed',
    uncertain: 'Uncertain',
    queuedAtEnd: 'Still queued at the end of the day',
    channels: { email: 'E-mail', sms: 'SMS', manual: 'Manual (WeChat…)' },
  },
  zh: {
    title: '客户消息',
    channel: '渠道',
    sent: '已发送',
    failed: '失败',
    uncertain: '不确定',
    queuedAtEnd: '当天结束时仍在排队',
    channels: { email: '电子邮件', sms: '短信', manual: '手动（微信等）' },
  },
} as const;

/** The printed report's messages section: per channel, as on the screen. */
export function messagesPdfSection(r: DailyReport, lang: 'en' | 'zh'): Content[] {
  const s = STRINGS[lang];
  const m = r.messages;
  return [
    keep(
      h2(s.title),
      table(
        ['*', 60, 60, 60],
        [s.channel, s.sent, s.failed, s.uncertain],
        m.byChannel.map((c) => [
          s.channels[c.channel],
          num(c.sent),
          num(c.failed),
          num(c.uncertain),
        ]),
        '–',
      ),
      { text: `${s.queuedAtEnd}: ${m.queuedAtEnd}`, color: '#495057', margin: [0, 0, 0, 6] },
    ),
  ];
}
