import { defineMethod } from '../../api/method';
import { empty } from '../../api/schemas/misc';
import { describeTarget } from '../../db/engine';

/** Settings → About: the engine and where the shop's data is, for whoever supports the shop. */
export const databaseMethods = [
  defineMethod('system.database', {
    input: empty,
    access: 'settings.read',
    write: false,
    async handler(_input, ctx) {
      return describeTarget(ctx.services.database);
    },
  }),
];
