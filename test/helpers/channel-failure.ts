import { expect } from 'vitest';
import { ChannelError } from '../../main/domain/messages/channel';

/** The ChannelError a send failed with (the test fails if it succeeded or threw anything else). */
export async function channelFailure(p: Promise<unknown>): Promise<ChannelError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ChannelError);
  return err as ChannelError;
}
