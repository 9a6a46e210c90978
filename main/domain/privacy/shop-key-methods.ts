import type { ShopKeyStateDto } from '../../api/contract';
import { ApiError, conflict } from '../../api/errors';
import { defineMethod, type MethodContext } from '../../api/method';
import { emptyInput } from '../../api/schemas/devices';
import { shopKeyShareSchema } from '../../api/schemas/stations';
import { sqlOf } from '../../db/sql';
import { JOIN_SECRET_MIN, publishShopKey } from './shop-key';

/** What Settings → Stations shows of the shared key: whether and when, never the key. */
async function state(ctx: MethodContext): Promise<ShopKeyStateDto> {
  const server = ctx.services.engine === 'postgres';
  if (!server) return { shared: false, sharedAt: null, server };
  const row = await sqlOf(ctx.em).get<{ at: number | string }>(
    'SELECT created_at AS "at" FROM shop_key WHERE id = 1',
  );
  return { shared: !!row, sharedAt: row ? Number(row.at) : null, server };
}

/**
 * An admin shares this station's passcode key with the stations that join later (issue 15):
 * wrapped by a join secret they choose, so the database alone never opens a passcode. Sharing
 * again replaces the wrapping (a new secret); the key stays, so nothing taken before is lost.
 */
export const shopKeyMethods = [
  defineMethod('stations.shopKey', {
    input: emptyInput,
    access: 'station.manage',
    write: false,
    async handler(_input, ctx) {
      return state(ctx);
    },
  }),

  defineMethod('stations.shareKey', {
    input: shopKeyShareSchema,
    access: 'station.manage',
    write: true,
    async handler({ secret }, ctx) {
      if (ctx.services.engine !== 'postgres') {
        throw conflict(
          'Sharing the passcode key is for a shop database server: on this PC only, there is no other station.',
          'shopKey.errors.sqlite',
        );
      }
      if (secret.length < JOIN_SECRET_MIN) {
        throw new ApiError(
          'VALIDATION',
          `The join secret needs ${JOIN_SECRET_MIN} characters or more.`,
          { key: 'shopKey.errors.short', params: { min: JOIN_SECRET_MIN } },
        );
      }
      const before = await state(ctx);
      await publishShopKey(sqlOf(ctx.em), ctx.services.cipher.key(), secret, ctx.now);
      // Neither the secret nor the key: only that it was shared, and whether it replaced one.
      ctx.audit.entity = 'shop_key';
      ctx.audit.entityId = ctx.services.station.id;
      ctx.audit.details = { replaced: before.shared, station: ctx.services.station.identity.name };
      return { shared: true, sharedAt: ctx.now, server: true };
    },
  }),
];
