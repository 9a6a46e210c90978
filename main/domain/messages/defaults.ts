import type { MessageRulesDto, MessageTemplatesDto } from '../../api/contract-messages';

/** Status messages only (no marketing): each is about the customer's own repair. */
export const DEFAULT_MESSAGE_RULES: MessageRulesDto = {
  rules: [
    { event: 'approval_needed', enabled: true, template: 'approval_needed', channel: 'preferred' },
    {
      event: 'ready_for_pickup',
      enabled: true,
      template: 'ready_for_pickup',
      channel: 'preferred',
    },
    { event: 'not_collected', enabled: true, template: 'not_collected', channel: 'preferred' },
    { event: 'after_pickup', enabled: true, template: 'after_pickup', channel: 'preferred' },
  ],
  quietFrom: '21:00',
  quietTo: '08:00',
  notCollectedDays: 14,
  defaultLanguage: 'en',
  afterPickupHours: 2,
  hours: { en: 'Mon–Sat 09:00–18:00', zh: '周一至周六 09:00–18:00' },
};

export const DEFAULT_MESSAGE_TEMPLATES: MessageTemplatesDto = {
  approval_needed: {
    en: {
      subject: '{shop}: your approval for ticket {ticket}',
      body: 'Hello {customer}, we have checked your {device} (ticket {ticket}). The repair costs {amountDue}. Please tell {shop} whether we may go ahead.',
    },
    zh: {
      subject: '{shop}：工单 {ticket} 需要您的确认',
      body: '{customer}您好，您的{device}（工单 {ticket}）已检测完毕，维修费用 {amountDue}。请告知{shop}是否同意维修。',
    },
  },
  ready_for_pickup: {
    en: {
      subject: '{shop}: your {device} is ready',
      body: 'Hello {customer}, your {device} (ticket {ticket}) is ready for pickup at {shop}. Amount due: {amountDue}. Opening hours: {hours}.',
    },
    zh: {
      subject: '{shop}：您的{device}已修好',
      body: '{customer}您好，您的{device}（工单 {ticket}）已修好，可到{shop}取机。应付金额：{amountDue}。营业时间：{hours}。',
    },
  },
  not_collected: {
    en: {
      subject: '{shop}: your {device} is waiting for you',
      body: 'Hello {customer}, your {device} (ticket {ticket}) is still waiting for you at {shop}. Amount due: {amountDue}. Opening hours: {hours}.',
    },
    zh: {
      subject: '{shop}：您的{device}仍在等您取回',
      body: '{customer}您好，您的{device}（工单 {ticket}）仍在{shop}等您取回。应付金额：{amountDue}。营业时间：{hours}。',
    },
  },
  after_pickup: {
    en: {
      subject: '{shop}: how was your repair?',
      body: 'Hello {customer}, thank you for choosing {shop}. How was the repair of your {device} (ticket {ticket})? Just reply and tell us.',
    },
    zh: {
      subject: '{shop}：您对本次维修满意吗？',
      body: '{customer}您好，感谢您选择{shop}。您对{device}（工单 {ticket}）的维修满意吗？欢迎回复告诉我们。',
    },
  },
};
