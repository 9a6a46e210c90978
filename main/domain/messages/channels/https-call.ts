import http from 'node:http';
import https from 'node:https';
import { ChannelError } from '../channel';

export interface HttpsCall {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Extra trusted certificate (tests point the adapters at a local HTTPS server). */
  ca?: string | Buffer;
}

export interface HttpsAnswer {
  status: number;
  text: string;
}

/**
 * One request to an SMS provider, with the one distinction the outbox needs: did the request
 * surely not leave (connection refused, TLS failed: safe to retry), or may the provider have
 * acted on it (it was written and then no answer came: uncertain, never repeated blindly)?
 * Node's `finish` fires once the whole request has been handed to the connected socket.
 */
export function httpsCall(call: HttpsCall): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const url = new URL(call.url);
    const mod = url.protocol === 'http:' ? http : https;
    let written = false;
    let settled = false;
    const fail = (err: ChannelError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    };
    const req = mod.request(url, {
      method: call.method,
      headers: {
        ...call.headers,
        ...(call.body !== undefined
          ? { 'Content-Length': String(Buffer.byteLength(call.body)) }
          : {}),
      },
      ...(call.ca ? { ca: call.ca } : {}),
    });
    const timer = setTimeout(() => {
      fail(
        written
          ? new ChannelError(
              'uncertain',
              'messageChannels.errors.sendUncertain',
              {},
              'no answer in time',
            )
          : new ChannelError(
              'transient',
              'messageChannels.errors.providerUnreachable',
              {},
              'timeout',
            ),
      );
      req.destroy();
    }, call.timeoutMs);
    req.on('finish', () => {
      written = true;
    });
    req.on('error', (err) => {
      fail(
        written
          ? new ChannelError('uncertain', 'messageChannels.errors.sendUncertain', {}, err.message)
          : new ChannelError(
              'transient',
              'messageChannels.errors.providerUnreachable',
              {},
              err.message,
            ),
      );
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err) =>
        fail(
          new ChannelError('uncertain', 'messageChannels.errors.sendUncertain', {}, err.message),
        ),
      );
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.end(call.body);
  });
}

/** A provider's JSON answer, or null when it sent something else (a proxy's HTML page). */
export function parseJson(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
