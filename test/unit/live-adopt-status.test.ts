import { describe, expect, it } from 'vitest';
import type { LiveStatusDto } from '../../main/api/contract';
import { adoptStatus } from '../../renderer/src/live/adoptStatus';

const up = (seq: number, link = 'L1'): LiveStatusDto => ({
  state: 'connected',
  shared: true,
  link,
  seq,
});
const down = (seq: number, link = 'L1'): LiveStatusDto => ({
  ...up(seq, link),
  state: 'reconnecting',
});

/** Replays what a page hears, in the order it hears it: what it shows, and when it re-reads. */
function replay(heard: LiveStatusDto[]) {
  let held: LiveStatusDto | undefined;
  const rereads: number[] = [];
  heard.forEach((s, i) => {
    const r = adoptStatus(held, s);
    held = r.keep;
    if (r.reread) rereads.push(i);
  });
  return { shows: held?.state, rereads };
}

describe("a page's view of its station's link (events and answers in any order)", () => {
  it('the first answer is taken as it is; nothing to re-read yet', () => {
    expect(replay([up(1)])).toEqual({ shows: 'connected', rereads: [] });
    expect(replay([down(0)])).toEqual({ shows: 'reconnecting', rereads: [] });
  });

  it('down then back: re-reads once, when back; the same status heard twice changes nothing', () => {
    expect(replay([up(1), down(2), up(3), up(3)])).toEqual({ shows: 'connected', rereads: [2] });
  });

  it("an answer read while the link was up, landing after the event that said it went down, is stale: the page keeps 'reconnecting' and re-reads at the real return", () => {
    // up(1) is the late answer: taken, it would hide the banner and turn up(3) into "no change"
    expect(replay([up(1), down(2), up(1)])).toEqual({ shows: 'reconnecting', rereads: [] });
    expect(replay([up(1), down(2), up(1), up(3)])).toEqual({ shows: 'connected', rereads: [3] });
  });

  it("a missed 'reconnecting' (the page's socket was away) still re-reads at the next 'connected'", () => {
    expect(replay([up(1), up(3)])).toEqual({ shows: 'connected', rereads: [1] });
  });

  it('another link (the station restarted) starts over at its own count and is re-read', () => {
    expect(replay([up(5), down(6), up(1, 'L2')])).toEqual({ shows: 'connected', rereads: [2] });
    expect(replay([up(5), down(0, 'L2')])).toEqual({ shows: 'reconnecting', rereads: [] });
  });
});
