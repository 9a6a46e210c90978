import {
  ChannelError,
  type ChannelKind,
  type ChannelResolver,
  type MessageChannel,
  type OutgoingMessage,
} from '../../main/domain/messages/channel';

/**
 * A real channel for tests: it records every message handed to it and can be told to fail the
 * next sends with each ChannelError kind. `offline` makes every send a transient failure.
 */
export class TestChannel implements MessageChannel {
  readonly provider = 'test';
  readonly sent: OutgoingMessage[] = [];
  readonly tries: OutgoingMessage[] = [];
  /** Failures for the next sends, in order; a send with none queued succeeds. */
  failures: ChannelError[] = [];
  offline = false;

  constructor(readonly kind: ChannelKind) {}

  async send(msg: OutgoingMessage): Promise<{ providerId: string }> {
    this.tries.push(msg);
    if (this.offline)
      throw new ChannelError('transient', 'errors.channel.network', { code: 'ENETUNREACH' });
    const fail = this.failures.shift();
    if (fail) throw fail;
    this.sent.push(msg);
    return { providerId: `test-${msg.idempotencyKey}` };
  }
}

export function testChannels(): {
  sms: TestChannel;
  email: TestChannel;
  resolver: ChannelResolver;
} {
  const sms = new TestChannel('sms');
  const email = new TestChannel('email');
  return {
    sms,
    email,
    resolver: async (kind) => (kind === 'sms' ? sms : kind === 'email' ? email : null),
  };
}
