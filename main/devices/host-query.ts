import { parseHostStatus, type HostStatus } from './host-status';
import type { SerialLink } from './serial-link';

/** Sends `~HS` and waits for the three-frame answer; null when the printer says nothing. */
export async function queryHostStatus(link: SerialLink, timeoutMs: number): Promise<HostStatus | null> {
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
