import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { TestCert } from './tls-cert';

export interface Received {
  from: string;
  to: string[];
  raw: Buffer;
  mail: ParsedMail;
  user: string | undefined;
  secure: boolean;
}

export interface SmtpInbox {
  port: number;
  received: Received[];
  /** Resolves with the next message that arrives (or one that already has, unread). */
  next(): Promise<Received>;
  close(): Promise<void>;
}

export interface InboxOptions {
  cert: TestCert;
  /** Implicit TLS (port 465 style) instead of STARTTLS. */
  secure?: boolean;
  users?: Record<string, string>;
  /** Recipients the server refuses with 550. */
  rejectRecipients?: string[];
  /** Read the whole message, then never answer the end of DATA. */
  hangAfterData?: boolean;
}

/** A real SMTP server (the `smtp-server` package) that keeps what it receives, parsed. */
export async function startSmtpInbox(opts: InboxOptions): Promise<SmtpInbox> {
  const received: Received[] = [];
  let read = 0;
  const waiters: Array<(r: Received) => void> = [];
  const users = opts.users ?? {};
  const options: SMTPServerOptions = {
    secure: opts.secure ?? false,
    key: opts.cert.key,
    cert: opts.cert.cert,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: Object.keys(users).length === 0,
    disableReverseLookup: true,
    closeTimeout: 200,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username && users[auth.username] === auth.password)
        cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (opts.rejectRecipients?.includes(address.address)) {
        cb(Object.assign(new Error('No such user here'), { responseCode: 550 }));
      } else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (opts.hangAfterData) return; // the message arrived; the answer never does
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then((mail) => {
          const r: Received = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((a) => a.address),
            raw,
            mail,
            user: session.user as string | undefined,
            secure: session.secure,
          };
          received.push(r);
          const w = waiters.shift();
          if (w) {
            read++;
            w(r);
          }
          cb();
        }, cb);
      });
    },
  };
  const server = new SMTPServer(options);
  // A client that drops the connection (a refused certificate) is not the test's failure.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    next() {
      if (read < received.length) return Promise.resolve(received[read++]);
      return new Promise((resolve) => waiters.push(resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
