import { parseHostStatus, type HostStatus } from './host-status';
import type { SerialLink } from './serial-link';

/** ESC/POS real-time status (DLE EOT n): the printer answers one byte; null without an answer. */
export async function queryRealtimeStatus(
  link: SerialLink,
  n: 1 | 2 | 4,
  timeoutMs: number,
): Promise<number | null> {
  let done: (b: number | null) => void = () => undefined;
  const answer = new Promise<number | null>((resolve) => (done = resolve));
  const onData = (chunk: Buffer) => done(chunk[0] ?? null);
  const onLost = () => done(null);
  link.on('data', onData);
  link.on('lost', onLost);
  const timer = setTimeout(() => done(null), timeoutMs);
  try {
    await link.write(Buffer.from([0x10, 0x04, n]));
    return await answer;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    link.off('data', onData);
    link.off('lost', onLost);
  }
}

/** Sends `~HS` and waits for the three-frame answer; null when the printer says nothing. */
export async function queryHostStatus(
  link: SerialLink,
  timeoutMs: number,
): Promise<HostStatus | null> {
  let text = '';
  let done: (s: HostStatus | null) => void = () => undefined;
  const answer = new Promise<HostStatus | null>((resolve) => (done = resolve));
  const onData = (chunk: Buffer) => {
    text += chunk.toString('latin1');
    const parsed = parseHostStatus(text);
    if (parsed) done(parsed);
  };
  const onLost = () => done(null);
  link.on('data', onData);
  link.on('lost', onLost);
  const timer = setTimeout(() => done(null), timeoutMs);
  try {
    await link.write(Buffer.from('~HS', 'ascii'));
    return await answer;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    link.off('data', onData);
    link.off('lost', onLost);
  }
}
