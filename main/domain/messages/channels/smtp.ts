import nodemailer from 'nodemailer';
import { ChannelError, type MessageChannel, type OutgoingMessage } from '../channel';

export type SmtpSecurity = 'none' | 'starttls' | 'tls';

export interface SmtpConfig {
  host: string;
  port: number;
  /** none: plain (a relay on the shop's LAN); starttls: upgrade on 587; tls: implicit on 465. */
  security: SmtpSecurity;
  user: string;
  password: string;
  fromAddress: string;
  fromName: string;
  /** Off only for a shop's own server with a self-signed certificate. */
  rejectUnauthorized: boolean;
  timeoutMs?: number;
  ca?: string | Buffer;
}

/** A Message-ID made from the outbox's idempotency key: a re-send carries the same id, so the
 * receiving side (and a person reading headers) can tell it is the same message. */
export function messageIdFor(idempotencyKey: string, fromAddress: string): string {
  const domain = fromAddress.split('@')[1]?.replace(/[^A-Za-z0-9.-]/g, '') || 'localhost';
  const local = idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '-');
  return `<${local}@${domain}>`;
}

interface SmtpFailure extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

/** E-mail over SMTP with nodemailer: one connection per message (a shop sends few). */
export class SmtpChannel implements MessageChannel {
  readonly kind = 'email' as const;
  readonly provider = 'smtp';
  constructor(private readonly cfg: SmtpConfig) {}

  async send(msg: OutgoingMessage): Promise<{ providerId: string }> {
    const { cfg } = this;
    // Watches the dialogue (never stores it: it would hold the AUTH line) for the server's 354,
    // after which the message may have been taken even if the connection then dies.
    let dataAccepted = false;
    const watch = (entry: { tnx?: string } | undefined, line: unknown) => {
      if (entry?.tnx === 'server' && typeof line === 'string' && /^354/.test(line)) {
        dataAccepted = true;
      }
    };
    const logger = {
      trace: () => {},
      debug: watch,
      info: () => {},
      warn: () => {},
      error: () => {},
      fatal: () => {},
    };
    const timeout = cfg.timeoutMs ?? 30_000;
    const transport = nodemailer.createTransport({
      host: cfg.host,
      port: cfg.port,
      secure: cfg.security === 'tls',
      requireTLS: cfg.security === 'starttls',
      ignoreTLS: cfg.security === 'none',
      auth: cfg.user ? { user: cfg.user, pass: cfg.password } : undefined,
      tls: { rejectUnauthorized: cfg.rejectUnauthorized, ...(cfg.ca ? { ca: cfg.ca } : {}) },
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      logger,
      transactionLog: true,
    });
    try {
      const info = await transport.sendMail({
        from: cfg.fromName ? { name: cfg.fromName, address: cfg.fromAddress } : cfg.fromAddress,
        to: msg.to,
        subject: msg.subject ?? '',
        text: msg.body,
        messageId: messageIdFor(msg.idempotencyKey, cfg.fromAddress),
        headers: { 'Content-Language': msg.language === 'zh' ? 'zh-CN' : 'en' },
      });
      return { providerId: info.messageId };
    } catch (err) {
      throw smtpError(err as SmtpFailure, dataAccepted);
    } finally {
      transport.close();
    }
  }
}

export function smtpError(err: SmtpFailure, dataAccepted: boolean): ChannelError {
  const reply = (err.response ?? err.message ?? '').slice(0, 200);
  const params = { code: err.responseCode ?? err.code ?? '', reason: reply };
  const rc = err.responseCode ?? 0;
  if (err.code === 'EAUTH' || err.code === 'ENOAUTH' || rc === 535) {
    return new ChannelError('transient', 'messageChannels.errors.smtpAuth', params, err.message);
  }
  if (rc >= 500 && rc !== 503) {
    // 5yz is a permanent refusal (RFC 5321): an unknown mailbox, a message refused as spam.
    return new ChannelError(
      'permanent',
      'messageChannels.errors.emailRejected',
      params,
      err.message,
    );
  }
  if (err.code === 'EENVELOPE' && !rc) {
    return new ChannelError(
      'permanent',
      'messageChannels.errors.emailInvalidAddress',
      params,
      err.message,
    );
  }
  if (rc >= 400)
    return new ChannelError(
      'transient',
      'messageChannels.errors.emailDeferred',
      params,
      err.message,
    );
  if (dataAccepted) {
    // The text went over the wire and the final answer never came.
    return new ChannelError(
      'uncertain',
      'messageChannels.errors.sendUncertain',
      params,
      err.message,
    );
  }
  // Implicit TLS reports a refused certificate as a socket error: recognise it by its reason.
  if (err.code === 'ETLS' || /certificate|self[- ]signed|SSL|TLS/i.test(err.message))
    return new ChannelError('transient', 'messageChannels.errors.smtpTls', params, err.message);
  return new ChannelError(
    'transient',
    'messageChannels.errors.smtpConnection',
    params,
    err.message,
  );
}
