import type { LiveStatusDto } from '../../../main/api/contract';

/**
 * What a page makes of a link status it hears (the `live.state` event) or asks for
 * (`live.status`): the two arrive in no guaranteed order, so an answer read before a change can
 * land after it. The newest status of the link is kept; a stale one changes nothing (it must not
 * say 'connected' while the link is down, or the real 'connected' after it would look like no
 * change and nothing would be re-read). `reread`: the link came back since this page last knew
 * it was up, so whatever other stations announced meanwhile was missed.
 */
export function adoptStatus(
  held: LiveStatusDto | undefined,
  heard: LiveStatusDto,
): { keep: LiveStatusDto; reread: boolean } {
  // The first answer: the screens are loading anyway.
  if (!held) return { keep: heard, reread: false };
  const sameLink = held.link === heard.link;
  if (sameLink && heard.seq <= held.seq) return { keep: held, reread: false };
  // A newer 'connected' of the same link followed a 'reconnecting', heard or not; another link
  // (the station restarted) may have missed anything.
  return { keep: heard, reread: heard.state === 'connected' };
}
