import http from 'node:http';
import {
  ChannelError,
  type ChannelResolver,
  type MessageChannel,
  type OutgoingMessage,
} from '../../domain/messages/channel';

/**
 * The outbox drill's channel: POSTs each message as JSON to a local HTTP sink, classifying
 * failures the way the real adapters do: refused connection or 5xx → transient (nothing was
 * accepted), 4xx → permanent, no answer within `timeoutMs` after the request left → uncertain
 * (the sink may have taken it).
 */
export class HttpSinkChannel implements MessageChannel {
  readonly kind = 'email' as const;
  readonly provider = 'drill-sink';

  constructor(
    private readonly url: string,
    private readonly timeoutMs = 500,
  ) {}

  send(msg: OutgoingMessage): Promise<{ providerId: string }> {
    const body = JSON.stringify({ key: msg.idempotencyKey, id: msg.id, to: msg.to });
    return new Promise((resolve, reject) => {
      let sent = false;
      const req = http.request(
        this.url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': msg.idempotencyKey },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status === 200) resolve({ providerId: text.trim() });
            else if (status >= 500 || status === 429)
              reject(new ChannelError('transient', 'errors.channel.serverError', { status }));
            else reject(new ChannelError('permanent', 'errors.channel.rejected', { status }));
          });
        },
      );
      req.setTimeout(this.timeoutMs, () => {
        req.destroy(
          sent
            ? new ChannelError('uncertain', 'errors.channel.timeout', { ms: this.timeoutMs })
            : new ChannelError('transient', 'errors.channel.network', { code: 'TIMEOUT' }),
        );
      });
      req.on('error', (err) =>
        reject(
          err instanceof ChannelError
            ? err
            : new ChannelError('transient', 'errors.channel.network', {
                code: (err as NodeJS.ErrnoException).code ?? 'ERROR',
              }),
        ),
      );
      req.end(body, () => {
        sent = true;
      });
    });
  }
}

export const httpSinkResolver = (url: string): ChannelResolver => {
  const channel = new HttpSinkChannel(url);
  return async (kind) => (kind === 'email' ? channel : null);
};
