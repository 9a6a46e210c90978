import { createHmac, randomBytes } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestCert } from './tls-cert';

/**
 * One local HTTPS server that answers like Twilio's Messages API and Alibaba Cloud's SendSms,
 * after checking each request the way the provider documents it. Written apart from the
 * adapters (its own encoding and signature code), so a shared mistake cannot pass.
 */
export const TWILIO = {
  accountSid: 'AC' + 'a1b2c3d4'.repeat(4),
  authToken: 'twilio-secret-token-0123456789',
};
export const ALIYUN = { accessKeyId: 'LTAI5tTestKeyId', accessKeySecret: 'aliyun-secret-abcdef' };

/** Recipients that make the fake provider answer with a given failure. */
export const NUMBERS = {
  invalid: { twilio: '+15005550001', aliyun: '10000000001' },
  noCredit: { twilio: '+15005550002', aliyun: '13900000002' },
  rateLimited: { twilio: '+15005550003', aliyun: '13900000003' },
  hang: { twilio: '+15005550004', aliyun: '13900000004' },
  unsubscribed: { twilio: '+15005550005', aliyun: '' },
};

export interface SeenRequest {
  provider: 'twilio' | 'aliyun';
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  form?: URLSearchParams;
  query?: URLSearchParams;
  /** What the server found wrong with the request; empty when it matched the documentation. */
  problems: string[];
}

export interface FakeProviders {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** RFC 3986 byte by byte (unreserved: A-Z a-z 0-9 - _ . ~), as Alibaba Cloud specifies. */
function rfc3986(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

export function expectedAliyunSignature(query: URLSearchParams, secret: string): string {
  const pairs = [...query.entries()].filter(([k]) => k !== 'Signature');
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = pairs.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
  const toSign = 'GET&' + rfc3986('/') + '&' + rfc3986(canonical);
  return createHmac('sha1', secret + '&')
    .update(toSign)
    .digest('base64');
}

const twilioError = (status: number, code: number, message: string) => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});

export async function startFakeProviders(cert: TestCert): Promise<FakeProviders> {
  const seen: SeenRequest[] = [];
  const nonces = new Set<string>();
  const hung: Array<() => void> = [];
  const server = https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'https://localhost');
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      };
      const twilioPath = url.pathname.match(/^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/);
      if (twilioPath) {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const r: SeenRequest = {
          provider: 'twilio',
          method: req.method ?? '',
          path: url.pathname,
          headers: req.headers,
          form,
          problems: [],
        };
        seen.push(r);
        const expectedAuth =
          'Basic ' + Buffer.from(`${TWILIO.accountSid}:${TWILIO.authToken}`).toString('base64');
        if (req.method !== 'POST') r.problems.push('method');
        if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
          r.problems.push('content-type');
        if (decodeURIComponent(twilioPath[1]) !== TWILIO.accountSid)
          r.problems.push('account in path');
        if (!form.get('To')) r.problems.push('To');
        if (!form.get('Body')) r.problems.push('Body');
        if (!form.get('From') && !form.get('MessagingServiceSid')) r.problems.push('From');
        if (req.headers.authorization !== expectedAuth) {
          const e = twilioError(401, 20003, 'Authenticate');
          return send(e.status, e.body);
        }
        if (r.problems.length) {
          const e = twilioError(400, 21604, `Bad request: ${r.problems.join(', ')}`);
          return send(e.status, e.body);
        }
        const to = form.get('To');
        if (to === NUMBERS.hang.twilio) return hung.push(() => res.destroy());
        const failure =
          to === NUMBERS.invalid.twilio
            ? twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`)
            : to === NUMBERS.rateLimited.twilio
              ? twilioError(429, 20429, 'Too Many Requests')
              : to === NUMBERS.noCredit.twilio
                ? twilioError(401, 10001, 'Account is not active')
                : to === NUMBERS.unsubscribed.twilio
                  ? twilioError(400, 21610, 'Attempt to send to unsubscribed recipient')
                  : null;
        if (failure) return send(failure.status, failure.body);
        return send(201, {
          sid: 'SM' + randomBytes(16).toString('hex'),
          account_sid: TWILIO.accountSid,
          to,
          from: form.get('From'),
          messaging_service_sid: form.get('MessagingServiceSid'),
          body: form.get('Body'),
          status: 'queued',
          num_segments: '1',
          direction: 'outbound-api',
          api_version: '2010-04-01',
          error_code: null,
          error_message: null,
        });
      }
      if (url.pathname === '/') {
        const q = url.searchParams;
        const r: SeenRequest = {
          provider: 'aliyun',
          method: req.method ?? '',
          path: url.pathname,
          headers: req.headers,
          query: q,
          problems: [],
        };
        seen.push(r);
        const requestId = randomBytes(8).toString('hex').toUpperCase();
        const fixed: Record<string, string> = {
          Action: 'SendSms',
          Version: '2017-05-25',
          Format: 'JSON',
          SignatureMethod: 'HMAC-SHA1',
          SignatureVersion: '1.0',
          AccessKeyId: ALIYUN.accessKeyId,
        };
        for (const [k, v] of Object.entries(fixed)) if (q.get(k) !== v) r.problems.push(k);
        for (const k of ['PhoneNumbers', 'SignName', 'TemplateCode', 'SignatureNonce', 'Signature'])
          if (!q.get(k)) r.problems.push(k);
        const ts = q.get('Timestamp') ?? '';
        if (
          !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(ts) ||
          Math.abs(Date.parse(ts) - Date.now()) > 15 * 60_000
        )
          r.problems.push('Timestamp');
        try {
          JSON.parse(q.get('TemplateParam') ?? '');
        } catch {
          r.problems.push('TemplateParam');
        }
        if (req.method !== 'GET') r.problems.push('method');
        if (q.get('Signature') !== expectedAliyunSignature(q, ALIYUN.accessKeySecret)) {
          r.problems.push('Signature');
          return send(400, {
            RequestId: requestId,
            Code: 'SignatureDoesNotMatch',
            Message: 'Specified signature is not matched with our calculation.',
          });
        }
        const nonce = q.get('SignatureNonce') ?? '';
        if (nonces.has(nonce)) {
          r.problems.push('nonce reused');
          return send(400, {
            RequestId: requestId,
            Code: 'SignatureNonceUsed',
            Message: 'Specified signature nonce was used already.',
          });
        }
        nonces.add(nonce);
        if (r.problems.length)
          return send(400, {
            RequestId: requestId,
            Code: 'MissingParameter',
            Message: r.problems.join(', '),
          });
        const phone = q.get('PhoneNumbers');
        if (phone === NUMBERS.hang.aliyun) return hung.push(() => res.destroy());
        const code =
          phone === NUMBERS.invalid.aliyun
            ? ['isv.MOBILE_NUMBER_ILLEGAL', '非法手机号']
            : phone === NUMBERS.noCredit.aliyun
              ? ['isv.AMOUNT_NOT_ENOUGH', '账户余额不足']
              : phone === NUMBERS.rateLimited.aliyun
                ? ['isv.BUSINESS_LIMIT_CONTROL', '触发号码天级流控Permits:10']
                : null;
        if (code) return send(200, { RequestId: requestId, Code: code[0], Message: code[1] });
        return send(200, {
          RequestId: requestId,
          Code: 'OK',
          Message: 'OK',
          BizId: `${Date.now()}^0`,
        });
      }
      send(404, { message: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const end of hung.splice(0)) end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
