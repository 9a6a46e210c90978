import { z } from 'zod';
import { DEVICE_TYPES, SERVICE_MODES, isoDate } from '../../api/schemas/common';
import { PHOTO_MAX_BYTES_CEILING } from '../../api/schemas/photos';
import {
  DEFAULT_CHANNEL_SETTINGS,
  channelSettingsSchema,
} from '../../api/schemas/message-channels';
import { isValidTimeZone } from '../calendar/shop-zone';
import { messageRulesSchema, messageTemplatesSchema } from '../../api/schemas/messages';
import { DEFAULT_MESSAGE_RULES, DEFAULT_MESSAGE_TEMPLATES } from '../messages/defaults';

const perDeviceType = z.record(z.enum(DEVICE_TYPES), z.number().int().min(0).max(120));
const perServiceMode = z.record(z.enum(SERVICE_MODES), z.number().int().min(0).max(60));
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** One customer message in both languages. */
const messageTemplate = z.object({ en: z.string().max(1000), zh: z.string().max(1000) });

/** Every business rule number from DOMAIN.md is a setting with its default here. */

export const SETTINGS = {
  'shop.name': { schema: z.string().min(1).max(80), default: 'Service Centre' },
  'shop.address': { schema: z.string().max(200), default: '' },
  'shop.phone': { schema: z.string().max(40), default: '' },
  /** IANA zone (Asia/Shanghai, Europe/Berlin) that decides the shop's days in reports, the day
   * close and the dashboard; empty = this computer's zone. */
  'shop.timeZone': {
    schema: z.string().max(64).refine(isValidTimeZone, { error: 'errors.field.timeZone' }),
    default: '',
  },
  /** Printed at the top of receipts: a small PNG/JPEG as a data URL ('' = none). */
  'shop.logo': {
    schema: z
      .string()
      .max(200_000, { error: 'errors.field.logo' })
      .regex(/^$|^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, { error: 'errors.field.logo' }),
    default: '',
  },
  'ticket.prefix': { schema: z.string().max(8), default: 'R-' },
  'ticket.digits': { schema: z.number().int().min(3).max(10), default: 6 },
  'auth.maxPinAttempts': { schema: z.number().int().min(1).max(20), default: 5 },
  'auth.lockoutMinutes': { schema: z.number().int().min(1).max(1440), default: 5 },
  /** After a person is locked at one station, every station waits this long before trying them. */
  'auth.throttleSeconds': { schema: z.number().int().min(0).max(3600), default: 30 },
  /** Wrong PINs in a row at one station (any person) before that station pauses. */
  'auth.stationMaxAttempts': { schema: z.number().int().min(3).max(100), default: 10 },
  'auth.stationPauseSeconds': { schema: z.number().int().min(5).max(3600), default: 60 },
  /** PINs people choose: digits, this many (within 4-8). */
  'auth.pinMinLength': { schema: z.number().int().min(4).max(8), default: 4 },
  'auth.pinMaxLength': { schema: z.number().int().min(4).max(8), default: 8 },
  /** Minutes without input before the screen locks over the work; 0 = never. */
  'auth.idleLockMinutes': { schema: z.number().min(0).max(240), default: 10 },
  /** A session ends this long after sign-in, whatever happens. */
  'auth.sessionHours': { schema: z.number().min(0.1).max(72), default: 12 },
  'warranty.months': {
    schema: perDeviceType,
    default: { phone: 12, laptop: 12, tablet: 12, console: 12, desktop: 12, watch: 12, other: 6 },
  },
  'warranty.repairDays': { schema: z.number().int().min(0).max(3650), default: 90 },
  'warranty.repeatFree': { schema: z.boolean(), default: true },
  'promise.workingDays': {
    schema: perServiceMode,
    default: { carry_in: 3, on_site: 2, vendor: 10, swap: 1, loaner: 3, remote: 1 },
  },
  /** Urgent and emergency tickets are promised in this fraction of the normal time. */
  'promise.urgentFactor': { schema: z.number().min(0.1).max(1), default: 0.5 },
  'business.days': {
    schema: z.array(z.number().int().min(0).max(6)).max(7),
    default: [1, 2, 3, 4, 5, 6],
  },
  'business.open': { schema: hhmm, default: '09:00' },
  'business.close': { schema: hhmm, default: '18:00' },
  'business.holidays': { schema: z.array(isoDate).max(400), default: [] as string[] },
  /** First response (received → diagnosing), in business minutes; normal work: same day. */
  'sla.firstResponseMinutes': {
    schema: z.object({
      normal: z.number().int().min(1).max(100_000).nullable(),
      urgent: z.number().int().min(1).max(100_000),
      emergency: z.number().int().min(1).max(100_000),
    }),
    default: { normal: null as number | null, urgent: 10, emergency: 10 },
  },
  /** How long before a deadline a ticket is marked near due, in business minutes. */
  'sla.nearDueMinutes': { schema: z.number().int().min(0).max(10_000), default: 120 },
  'qc.weights': {
    schema: z
      .object({
        procedure: z.number().int().min(0).max(100),
        effectiveness: z.number().int().min(0).max(100),
        communication: z.number().int().min(0).max(100),
      })
      .refine((w) => w.procedure + w.effectiveness + w.communication === 100),
    default: { procedure: 30, effectiveness: 50, communication: 20 },
  },
  'qc.excellentFrom': { schema: z.number().int().min(0).max(100), default: 90 },
  'qc.passFrom': { schema: z.number().int().min(0).max(100), default: 70 },
  /** Share of routine completions checked in any window of `qc.window` consecutive ones. */
  'qc.sampleRate': { schema: z.number().min(0).max(1), default: 0.3 },
  /** Largest photo accepted on a ticket (the app shrinks camera photos before sending). */
  'photo.maxBytes': {
    schema: z.number().int().min(100_000).max(PHOTO_MAX_BYTES_CEILING),
    default: 3 * 1024 * 1024,
  },
  'qc.window': { schema: z.number().int().min(1).max(10_000), default: 100 },
  'qc.reworkDays': { schema: z.number().int().min(0).max(30), default: 1 },
  'print.language': { schema: z.enum(['en', 'zh']), default: 'en' },
  'print.receiptWidthMm': { schema: z.union([z.literal(58), z.literal(80)]), default: 80 },
  'print.labelWidthMm': { schema: z.number().int().min(20).max(120), default: 50 },
  'print.labelHeightMm': { schema: z.number().int().min(10).max(120), default: 30 },
  /** Job kind → printer (peripheral id); unset kinds go to the first printer of the right type. */
  'print.defaultPrinters': {
    schema: z.record(z.string().max(24), z.number().int().positive()),
    default: {} as Record<string, number>,
  },
  /** Tries before a print job is marked failed and shown in the print-queue panel. */
  'print.maxAttempts': { schema: z.number().int().min(1).max(100), default: 5 },
  'intake.terms': {
    schema: z.string().max(2000),
    default:
      'Devices not collected within 90 days may be disposed of. We are not responsible for data loss; please back up your data.',
  },
  /** Pickup and follow-up (issue 6): money is integer cents, rates are basis points. */
  'tax.rateBp': { schema: z.number().int().min(0).max(10_000), default: 1300 },
  'tax.inclusive': { schema: z.boolean(), default: false },
  'pickup.discountLimitCents': { schema: z.number().int().min(0).max(100_000_000), default: 5000 },
  'pickup.signatureRequired': { schema: z.boolean(), default: true },
  'pickup.diagnosticFeeCents': { schema: z.number().int().min(0).max(100_000_000), default: 5000 },
  'privacy.passcodeEraseDays': { schema: z.number().int().min(0).max(3650), default: 30 },
  'callback.dueHours': { schema: z.number().min(1).max(720), default: 24 },
  'callback.retryMinutes': { schema: z.number().int().min(5).max(10_080), default: 120 },
  'callback.managerDueHours': { schema: z.number().min(0.25).max(720), default: 1 },
  'messages.templates': {
    // `progress` came later: a shop's saved set without it stays valid (compose falls back to
    // the default text), so it is optional where the first three are required.
    schema: z.object({
      ready: messageTemplate,
      awaiting_approval: messageTemplate,
      delayed: messageTemplate,
      progress: messageTemplate.optional(),
    }),
    default: {
      ready: {
        en: 'Hello {name}, your {device} (ticket {number}) is ready for pickup at {shop}. Amount due: {due}.',
        zh: '{name}您好，您的{device}（工单 {number}）已修好，可到{shop}取机。应付金额：{due}。',
      },
      awaiting_approval: {
        en: 'Hello {name}, we have diagnosed your {device} (ticket {number}). The repair costs {estimate}. Please tell us if we may go ahead.',
        zh: '{name}您好，您的{device}（工单 {number}）已检测完毕，维修费用 {estimate}。请回复是否同意维修。',
      },
      delayed: {
        en: 'Hello {name}, we are sorry: the repair of your {device} (ticket {number}) takes longer than planned. New date: {promised}.',
        zh: '{name}您好，抱歉，您的{device}（工单 {number}）维修需要更长时间，预计完成时间：{promised}。',
      },
      progress: {
        en: 'Hello {name}, we are working on your {device} (ticket {number}). We expect it to be ready by {promised}.',
        zh: '{name}您好，您的{device}（工单 {number}）正在处理中，预计完成时间：{promised}。',
      },
    },
  },
  /** Outbox messages (issue 16): which event sends which template on which channel, quiet
   * hours; edited through messageRules.* / messageTemplates.* (admin). */
  'messages.rules': { schema: messageRulesSchema, default: DEFAULT_MESSAGE_RULES },
  'messages.outboxTemplates': { schema: messageTemplatesSchema, default: DEFAULT_MESSAGE_TEMPLATES },
  /** Backups: a folder on another disk (USB drive, network share); empty means <data>/backups. */
  'backup.folder': {
    // absolute, so it never depends on the folder the app was started from
    schema: z
      .string()
      .max(500)
      .refine((v) => v === '' || /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(v)),
    default: '',
  },
  'backup.intervalMinutes': { schema: z.number().int().min(1).max(1440), default: 15 },
  'backup.onExit': { schema: z.boolean(), default: true },
  'backup.keepDaily': { schema: z.number().int().min(1).max(60), default: 7 },
  'backup.keepWeekly': { schema: z.number().int().min(0).max(52), default: 4 },
  /** Backups made on purpose (the button, the CLI, before a restore or a migration) never rotate
   * with the automatic ones: kept this many days, or until a person deletes them (0). */
  'backup.keepDeliberateDays': { schema: z.number().int().min(0).max(3650), default: 0 },
  /** E-mail and SMS providers (Settings → Messages); their secrets live in <data>/keys, never here. */
  'messages.channels': { schema: channelSettingsSchema, default: DEFAULT_CHANNEL_SETTINGS },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]['schema']>;
export const isSettingKey = (key: string): key is SettingKey =>
  Object.prototype.hasOwnProperty.call(SETTINGS, key);
