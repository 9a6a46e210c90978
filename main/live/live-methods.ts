import { defineMethod } from '../api/method';
import { empty } from '../api/schemas/misc';
import { localLive } from './pg-live';

/** The live-updates link's state: a window opened while it is down shows the banner at once. */
export const liveMethods = [
  defineMethod('live.status', {
    input: empty,
    access: 'signedIn',
    write: false,
    async handler(_input, ctx) {
      return (ctx.services.live ?? localLive).status();
    },
  }),
];
