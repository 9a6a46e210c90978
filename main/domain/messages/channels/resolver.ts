import type { ChannelSettings } from '../../../api/schemas/message-channels';
import type { ChannelKind, ChannelResolver, MessageChannel } from '../channel';
import { AliyunChannel } from './aliyun';
import { ManualChannel } from './manual';
import type { SecretStore } from './secret-store';
import { SmtpChannel } from './smtp';
import { TwilioChannel } from './twilio';

export interface ResolverOptions {
  /** The saved (non-secret) settings, read at each send so a change applies at once. */
  settings: () => ChannelSettings;
  secrets: SecretStore;
  /** Extra trusted certificate and shorter waits (tests with local servers). */
  ca?: string;
  timeoutMs?: number;
}

/** The configured channel for a kind, built at send time; null when the shop has none. */
export function createChannelResolver(opts: ResolverOptions): ChannelResolver {
  return (kind) => Promise.resolve(channelFor(kind, opts));
}

function channelFor(kind: ChannelKind, opts: ResolverOptions): MessageChannel | null {
  const { email, sms } = opts.settings();
  const net = { ca: opts.ca, timeoutMs: opts.timeoutMs };
  if (kind === 'manual') return new ManualChannel();
  if (kind === 'email') {
    if (email.provider !== 'smtp' || !email.smtp) return null;
    return new SmtpChannel({
      ...email.smtp,
      password: opts.secrets.get('smtpPassword') ?? '',
      ...net,
    });
  }
  if (sms.provider === 'twilio' && sms.twilio) {
    const authToken = opts.secrets.get('twilioAuthToken');
    if (!authToken) return null;
    return new TwilioChannel({ ...sms.twilio, authToken, ...net });
  }
  if (sms.provider === 'aliyun' && sms.aliyun) {
    const accessKeySecret = opts.secrets.get('aliyunAccessKeySecret');
    if (!accessKeySecret) return null;
    return new AliyunChannel({ ...sms.aliyun, accessKeySecret, ...net });
  }
  return null;
}
