import { parseHostStatus, type HostStatus } from './host-status';
import type { SerialLink } from './serial-link';

/** Writes a query and waits until what came back reads as its answer; null without one (a
 * timeout, or the port lost). Everything received since the write is passed to `read`. */
async function ask<T>(
  link: SerialLink,
  query: Buffer,
  read: (received: Buffer) => T | null,
  timeoutMs: number,
): Promise<T | null> {
  let received = Buffer.alloc(0);
  let done: (v: T | null) => void = () => undefined;
  const answer = new Promise<T | null>((resolve) => (done = resolve));
  const onData = (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    const value = read(received);
    if (value !== null) done(value);
  };
  const onLost = () => done(null);
  link.on('data', onData);
  link.on('lost', onLost);
  const timer = setTimeout(() => done(null), timeoutMs);
  try {
    await link.write(query);
    return await answer;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    link.off('data', onData);
    link.off('lost', onLost);
  }
}

/** ESC/POS real-time status (DLE EOT n): the printer answers one byte; null without an answer. */
export const queryRealtimeStatus = (link: SerialLink, n: 1 | 2 | 4, timeoutMs: number) =>
  ask(link, Buffer.from([0x10, 0x04, n]), (r) => (r.length ? r[0] : null), timeoutMs);

/** Sends `~HS` and waits for the three-frame answer; null when the printer says nothing. */
export const queryHostStatus = (link: SerialLink, timeoutMs: number): Promise<HostStatus | null> =>
  ask(link, Buffer.from('~HS', 'ascii'), (r) => parseHostStatus(r.toString('latin1')), timeoutMs);
