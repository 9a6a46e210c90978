import { ChannelError, type MessageChannel, type OutgoingMessage } from '../channel';
import { httpsCall, parseJson } from './https-call';

export const TWILIO_BASE_URL = 'https://api.twilio.com';

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** A Twilio number (E.164) or alphanumeric sender id; or a Messaging Service instead. */
  from: string;
  messagingServiceSid: string;
  baseUrl?: string;
  timeoutMs?: number;
  ca?: string | Buffer;
}

// Twilio's error dictionary (twilio.com/docs/errors): the codes a shop meets when sending.
const INVALID_NUMBER = new Set([21211, 21214, 21217, 21401, 21407, 21408, 21612, 21614]);
const UNSUBSCRIBED = new Set([21610]);
const NOT_VERIFIED = new Set([21608]);
const AUTH = new Set([20003, 20008]);
const RATE_LIMIT = new Set([20429, 14107]);
/** 10001/20005: "account not active" — what a Twilio account with an empty balance answers. */
const NO_CREDIT = new Set([10001, 20005]);

/**
 * Twilio Programmable Messaging: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`,
 * HTTP Basic auth (Account SID : Auth Token), form fields To, From or MessagingServiceSid,
 * Body. A created message answers 201 with its `sid`; errors answer a JSON body
 * `{ code, message, more_info, status }`.
 */
export class TwilioChannel implements MessageChannel {
  readonly kind = 'sms' as const;
  readonly provider = 'twilio';
  constructor(private readonly cfg: TwilioConfig) {}

  async send(msg: OutgoingMessage): Promise<{ providerId: string }> {
    const { cfg } = this;
    const form = new URLSearchParams({ To: msg.to });
    if (cfg.messagingServiceSid) form.set('MessagingServiceSid', cfg.messagingServiceSid);
    else form.set('From', cfg.from);
    form.set('Body', msg.body);
    const base = (cfg.baseUrl || TWILIO_BASE_URL).replace(/\/+$/, '');
    const auth = Buffer.from(`${cfg.accountSid}:${cfg.authToken}`, 'utf8').toString('base64');
    const res = await httpsCall({
      url: `${base}/2010-04-01/Accounts/${encodeURIComponent(cfg.accountSid)}/Messages.json`,
      method: 'POST',
      headers: {
        Authorization: `Basic ${auth}`,
        'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
        Accept: 'application/json',
      },
      body: form.toString(),
      timeoutMs: cfg.timeoutMs ?? 15_000,
      ca: cfg.ca,
    });
    const json = parseJson(res.text);
    if (res.status >= 200 && res.status < 300) {
      if (json && typeof json.sid === 'string') return { providerId: json.sid };
      // Accepted, but we cannot tell which message it became.
      throw new ChannelError('uncertain', 'messageChannels.errors.sendUncertain', {}, 'no sid');
    }
    throw twilioError(res.status, json);
  }
}

export function twilioError(status: number, json: Record<string, unknown> | null): ChannelError {
  const code = typeof json?.code === 'number' ? json.code : 0;
  const text = typeof json?.message === 'string' ? json.message : `HTTP ${status}`;
  const params = { provider: 'Twilio', code: code || status, reason: text.slice(0, 200) };
  if (INVALID_NUMBER.has(code))
    return new ChannelError('permanent', 'messageChannels.errors.invalidNumber', params, text);
  if (UNSUBSCRIBED.has(code))
    return new ChannelError('permanent', 'messageChannels.errors.unsubscribed', params, text);
  if (NOT_VERIFIED.has(code))
    return new ChannelError('permanent', 'messageChannels.errors.smsRejected', params, text);
  if (AUTH.has(code) || (status === 401 && !NO_CREDIT.has(code)))
    return new ChannelError('transient', 'messageChannels.errors.smsAuth', params, text);
  if (RATE_LIMIT.has(code) || status === 429)
    return new ChannelError('transient', 'messageChannels.errors.rateLimited', params, text);
  if (NO_CREDIT.has(code))
    return new ChannelError('transient', 'messageChannels.errors.noCredit', params, text);
  if (status >= 500 || status === 0)
    return new ChannelError('transient', 'messageChannels.errors.providerDown', params, text);
  return new ChannelError('permanent', 'messageChannels.errors.smsRejected', params, text);
}
