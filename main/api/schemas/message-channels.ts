import { z } from 'zod';

/** Settings → Messages → channels: everything but the secrets, which never reach the database. */

const text = (max: number) => z.string().trim().max(max, { error: 'errors.field.tooLong' });
const required = (max: number) => text(max).min(1, { error: 'errors.field.required' });
/** Provider addresses are https only (tests point them at a local HTTPS server). */
const httpsUrl = z
  .string()
  .trim()
  .max(200)
  .regex(/^https:\/\/[^\s/?#]+(:\d+)?\/?$/, { error: 'messageChannels.errors.field.baseUrl' });

export const smtpSettingsSchema = z
  .object({
    host: required(253).regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, {
      error: 'messageChannels.errors.field.host',
    }),
    port: z.number({ error: 'errors.field.invalid' }).int().min(1).max(65535),
    security: z.enum(['none', 'starttls', 'tls'], { error: 'errors.field.choice' }),
    user: text(200),
    fromAddress: z.email({ error: 'errors.field.email' }).max(254),
    fromName: text(80),
    /** Off only for the shop's own server with a self-signed certificate. */
    rejectUnauthorized: z.boolean(),
  })
  .strict();

export const twilioSettingsSchema = z
  .object({
    accountSid: z
      .string()
      .trim()
      .regex(/^AC[0-9a-fA-F]{32}$/, { error: 'messageChannels.errors.field.accountSid' }),
    /** A Twilio number in E.164 or an alphanumeric sender id; empty when a service sends. */
    from: text(20).regex(/^$|^\+[1-9]\d{6,14}$|^[A-Za-z0-9 ]{1,11}$/, {
      error: 'messageChannels.errors.field.sender',
    }),
    messagingServiceSid: text(34).regex(/^$|^MG[0-9a-fA-F]{32}$/, {
      error: 'messageChannels.errors.field.serviceSid',
    }),
    baseUrl: httpsUrl.default('https://api.twilio.com'),
  })
  .strict()
  .refine((t) => t.from !== '' || t.messagingServiceSid !== '', {
    error: 'messageChannels.errors.field.sender',
    path: ['from'],
  });

const aliyunTemplate = z
  .string()
  .trim()
  .regex(/^SMS_\d{3,20}$/, { error: 'messageChannels.errors.field.templateCode' });

export const aliyunSettingsSchema = z
  .object({
    accessKeyId: required(128).regex(/^[A-Za-z0-9]+$/, {
      error: 'messageChannels.errors.field.accessKeyId',
    }),
    signName: required(40),
    templateCode: z.object({ en: aliyunTemplate, zh: aliyunTemplate }).strict(),
    templateParam: z
      .string()
      .trim()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,31}$/, {
        error: 'messageChannels.errors.field.templateParam',
      })
      .default('content'),
    endpoint: httpsUrl.default('https://dysmsapi.aliyuncs.com'),
  })
  .strict();

export const channelSettingsSchema = z
  .object({
    email: z
      .object({
        provider: z.enum(['none', 'smtp'], { error: 'errors.field.choice' }),
        smtp: smtpSettingsSchema.nullable(),
      })
      .strict()
      .refine((e) => e.provider !== 'smtp' || e.smtp !== null, {
        error: 'errors.field.required',
        path: ['smtp'],
      }),
    sms: z
      .object({
        provider: z.enum(['none', 'twilio', 'aliyun'], { error: 'errors.field.choice' }),
        twilio: twilioSettingsSchema.nullable(),
        aliyun: aliyunSettingsSchema.nullable(),
      })
      .strict()
      .refine((s) => s.provider !== 'twilio' || s.twilio !== null, {
        error: 'errors.field.required',
        path: ['twilio'],
      })
      .refine((s) => s.provider !== 'aliyun' || s.aliyun !== null, {
        error: 'errors.field.required',
        path: ['aliyun'],
      }),
  })
  .strict();

export type ChannelSettings = z.output<typeof channelSettingsSchema>;

export const DEFAULT_CHANNEL_SETTINGS: ChannelSettings = {
  email: { provider: 'none', smtp: null },
  sms: { provider: 'none', twilio: null, aliyun: null },
};

export const SECRET_NAMES = ['smtpPassword', 'twilioAuthToken', 'aliyunAccessKeySecret'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** A secret is write-only: a string sets it, null clears it, absent keeps it. */
const secretInput = z
  .string()
  .min(1, { error: 'errors.field.required' })
  .max(512, { error: 'errors.field.tooLong' })
  .refine((v) => !/[\r\n]/.test(v), { error: 'errors.field.invalid' })
  .nullable()
  .optional();

export const channelSaveSchema = channelSettingsSchema
  .safeExtend({
    secrets: z
      .object({
        smtpPassword: secretInput,
        twilioAuthToken: secretInput,
        aliyunAccessKeySecret: secretInput,
      })
      .strict()
      .default({}),
  })
  .strict();

export const channelTestSchema = z
  .object({
    kind: z.enum(['email', 'sms'], { error: 'errors.field.choice' }),
    to: required(254),
  })
  .strict()
  .superRefine((v, ctx) => {
    const ok =
      v.kind === 'email'
        ? z.email().safeParse(v.to).success
        : /^\+?\d{5,15}$/.test(v.to.replace(/[\s\-()]/g, ''));
    if (!ok) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: v.kind === 'email' ? 'errors.field.email' : 'errors.field.phone',
      });
    }
  });
