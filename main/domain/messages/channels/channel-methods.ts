import { randomUUID } from 'node:crypto';
import type { ChannelSettingsDto, ChannelTestResult } from '../../../api/contract-message-channels';
import { ApiError } from '../../../api/errors';
import { defineMethod, type Services } from '../../../api/method';
import { empty } from '../../../api/schemas/misc';
import {
  SECRET_NAMES,
  channelSaveSchema,
  channelTestSchema,
  type ChannelSettings,
  type SecretName,
} from '../../../api/schemas/message-channels';
import { ChannelError } from '../channel';

function view(services: Services): ChannelSettingsDto {
  const secrets = Object.fromEntries(
    SECRET_NAMES.map((n) => [n, services.channelSecrets.get(n) !== null]),
  ) as Record<SecretName, boolean>;
  return { settings: services.settings.get('messages.channels'), secrets };
}

/** The secret each chosen provider cannot work without. */
function neededSecrets(s: ChannelSettings): SecretName[] {
  const need: SecretName[] = [];
  if (s.email.provider === 'smtp' && s.email.smtp?.user) need.push('smtpPassword');
  if (s.sms.provider === 'twilio') need.push('twilioAuthToken');
  if (s.sms.provider === 'aliyun') need.push('aliyunAccessKeySecret');
  return need;
}

/** The test message, in the language the shop prints in. */
function testText(shop: string, language: 'en' | 'zh') {
  return language === 'zh'
    ? { subject: `${shop}：测试消息`, body: `这是${shop}发送的测试消息。收到即表示消息设置正确。` }
    : {
        subject: `${shop}: test message`,
        body: `This is a test message from ${shop}. If it arrived, the message settings work.`,
      };
}

export const messageChannelMethods = [
  defineMethod('messageChannels.get', {
    input: empty,
    access: 'settings.write',
    write: false,
    handler(_input, ctx) {
      return Promise.resolve(view(ctx.services));
    },
  }),

  defineMethod('messageChannels.save', {
    input: channelSaveSchema,
    access: 'settings.write',
    write: true,
    async handler({ secrets, ...settings }, ctx) {
      const store = ctx.services.channelSecrets;
      const missing = neededSecrets(settings).filter((n) =>
        secrets[n] === undefined ? store.get(n) === null : secrets[n] === null,
      );
      if (missing.length) {
        throw new ApiError('VALIDATION', 'A secret the chosen provider needs is not set.', {
          key: 'messageChannels.errors.secretMissing',
          issues: missing.map((n) => ({
            path: `secrets.${n}`,
            key: 'messageChannels.errors.secretMissing',
            message: 'Required',
          })),
        });
      }
      const before = ctx.services.settings.get('messages.channels');
      const apply = await ctx.services.settings.write(
        ctx.em,
        'messages.channels',
        settings,
        ctx.session.staffId,
        ctx.now,
      );
      const changes = Object.fromEntries(
        Object.entries(secrets).filter(([, v]) => v !== undefined),
      ) as Partial<Record<SecretName, string | null>>;
      ctx.afterCommit(() => {
        apply();
        if (Object.keys(changes).length) store.set(changes);
      });
      ctx.audit.entity = 'setting';
      ctx.audit.entityId = 'messages.channels';
      // What changed, and for secrets only that they did: never their value.
      ctx.audit.details = {
        before,
        after: settings,
        secrets: Object.fromEntries(
          Object.entries(changes).map(([k, v]) => [k, v === null ? 'cleared' : 'replaced']),
        ),
      };
      const dto = view(ctx.services);
      return {
        settings,
        secrets: Object.fromEntries(
          SECRET_NAMES.map((n) => [n, n in changes ? changes[n] !== null : dto.secrets[n]]),
        ) as Record<SecretName, boolean>,
      };
    },
  }),

  defineMethod('messageChannels.test', {
    input: channelTestSchema,
    access: 'settings.write',
    write: true,
    // A provider may take seconds to answer: the wait must not hold other calls.
    long: true,
    async handler({ kind, to }, ctx): Promise<ChannelTestResult> {
      const { settings } = ctx.services;
      ctx.audit.entity = 'message_channel';
      ctx.audit.entityId = kind;
      const channel = await ctx.services.channels(kind);
      if (!channel) {
        ctx.audit.details = { outcome: 'notConfigured' };
        return { ok: false, kind: null, key: 'messageChannels.errors.notConfigured', params: {} };
      }
      const language = settings.get('print.language');
      const text = testText(settings.get('shop.name'), language);
      try {
        const { providerId } = await channel.send({
          id: 0,
          idempotencyKey: `test-${randomUUID()}`,
          channel: kind,
          to,
          subject: kind === 'email' ? text.subject : null,
          body: text.body,
          language,
        });
        ctx.audit.details = { provider: channel.provider, outcome: 'sent' };
        return { ok: true, provider: channel.provider, providerId };
      } catch (err) {
        if (!(err instanceof ChannelError)) throw err;
        ctx.audit.details = { provider: channel.provider, outcome: err.kind, key: err.key };
        return { ok: false, kind: err.kind, key: err.key, params: err.params };
      }
    },
  }),
];
