import { createHmac, randomUUID } from 'node:crypto';
import { ChannelError, type MessageChannel, type OutgoingMessage } from '../channel';
import { httpsCall, parseJson } from './https-call';

export const ALIYUN_ENDPOINT = 'https://dysmsapi.aliyuncs.com';

export interface AliyunConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** The approved signature (短信签名), e.g. the shop's name. */
  signName: string;
  /** Approved template codes per language; each has one variable that carries the text. */
  templateCode: { en: string; zh: string };
  /** The template's variable name, e.g. `content` for a template "${content}". */
  templateParam: string;
  endpoint?: string;
  timeoutMs?: number;
  ca?: string | Buffer;
}

/** RFC 3986 encoding as Alibaba Cloud's RPC signature wants it: only A-Z a-z 0-9 - _ . ~ stay. */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Signature method V1 (HMAC-SHA1) over `GET&%2F&` + the encoded, sorted canonical query. */
export function aliyunSignature(params: Record<string, string>, secret: string, method = 'GET') {
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join('&');
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

const INVALID_NUMBER = new Set(['isv.MOBILE_NUMBER_ILLEGAL', 'isv.MOBILE_COUNT_OVER_LIMIT']);
const NO_CREDIT = new Set(['isv.AMOUNT_NOT_ENOUGH', 'isv.OUT_OF_SERVICE']);
const AUTH = new Set([
  'InvalidAccessKeyId.NotFound',
  'InvalidAccessKeyId.Inactive',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'isp.RAM_PERMISSION_DENY',
  'Forbidden.RAM',
]);
const PROVIDER_DOWN = new Set(['isp.SYSTEM_ERROR', 'isp.GATEWAY_ERROR', 'ServiceUnavailable']);

/**
 * Alibaba Cloud SMS `SendSms` (API version 2017-05-25), RPC style: a signed GET on
 * dysmsapi.aliyuncs.com. Success is `Code: "OK"` with a `BizId`; failures name an `isv.*` or
 * `isp.*` code. The API has no idempotency of its own; `OutId` carries our key so a message
 * can be found in the provider's records.
 */
export class AliyunChannel implements MessageChannel {
  readonly kind = 'sms' as const;
  readonly provider = 'aliyun';
  constructor(private readonly cfg: AliyunConfig) {}

  async send(msg: OutgoingMessage): Promise<{ providerId: string }> {
    const { cfg } = this;
    const params: Record<string, string> = {
      AccessKeyId: cfg.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      OutId: msg.idempotencyKey,
      PhoneNumbers: msg.to,
      RegionId: 'cn-hangzhou',
      SignName: cfg.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: cfg.templateCode[msg.language],
      TemplateParam: JSON.stringify({ [cfg.templateParam]: msg.body }),
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    params.Signature = aliyunSignature(params, cfg.accessKeySecret);
    const query = Object.keys(params)
      .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
      .join('&');
    const base = (cfg.endpoint || ALIYUN_ENDPOINT).replace(/\/+$/, '');
    const res = await httpsCall({
      url: `${base}/?${query}`,
      method: 'GET',
      headers: { Accept: 'application/json' },
      timeoutMs: cfg.timeoutMs ?? 15_000,
      ca: cfg.ca,
    });
    const json = parseJson(res.text);
    if (json?.Code === 'OK' && typeof json.BizId === 'string') return { providerId: json.BizId };
    if (!json && res.status >= 200 && res.status < 300) {
      // Taken, but we cannot read what became of it.
      throw new ChannelError(
        'uncertain',
        'messageChannels.errors.sendUncertain',
        {},
        'unreadable answer',
      );
    }
    throw aliyunError(res.status, json);
  }
}

export function aliyunError(status: number, json: Record<string, unknown> | null): ChannelError {
  const code = typeof json?.Code === 'string' ? json.Code : `HTTP ${status}`;
  const text = typeof json?.Message === 'string' ? json.Message : code;
  const params = { provider: 'Aliyun', code, reason: text.slice(0, 200) };
  if (INVALID_NUMBER.has(code))
    return new ChannelError('permanent', 'messageChannels.errors.invalidNumber', params, text);
  if (NO_CREDIT.has(code))
    return new ChannelError('transient', 'messageChannels.errors.noCredit', params, text);
  // isv.BUSINESS_LIMIT_CONTROL (per number per minute/hour/day) and API throttling.
  if (/BUSINESS_LIMIT|^Throttling/.test(code))
    return new ChannelError('transient', 'messageChannels.errors.rateLimited', params, text);
  if (AUTH.has(code) || status === 401 || status === 403)
    return new ChannelError('transient', 'messageChannels.errors.smsAuth', params, text);
  if (PROVIDER_DOWN.has(code) || status >= 500 || !json)
    return new ChannelError('transient', 'messageChannels.errors.providerDown', params, text);
  return new ChannelError('permanent', 'messageChannels.errors.smsRejected', params, text);
}
