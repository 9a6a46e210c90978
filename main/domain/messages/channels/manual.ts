import { ChannelError, type MessageChannel } from '../channel';

/**
 * WeChat and anything else without an API: the outbox shows the text ready to copy and a
 * person confirms it was sent. The worker must leave these to people; if it ever calls send,
 * the refusal is permanent so nothing is retried behind the staff member's back.
 */
export class ManualChannel implements MessageChannel {
  readonly kind = 'manual' as const;
  readonly provider = 'manual';

  send(): Promise<{ providerId: string }> {
    return Promise.reject(new ChannelError('permanent', 'messageChannels.errors.manualOnly'));
  }
}
