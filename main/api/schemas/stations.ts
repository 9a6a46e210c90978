import { z } from 'zod';
import { idSchema } from './common';

export const stationNameSchema = z.object({ name: z.string().trim().min(1).max(80) }).strict();
export const stationIdSchema = z.object({ id: z.string().min(1).max(40) }).strict();
/** Send a waiting print job to a printer (of any station). */
export const printJobRerouteSchema = z.object({ id: idSchema, deviceId: idSchema }).strict();
/** Sharing this station's passcode key under a join secret (its length is checked by the
 * handler, so the refusal names the join secret's own minimum). */
export const shopKeyShareSchema = z.object({ secret: z.string().min(1).max(200) }).strict();
/** Moving this shop's SQLite file to a database server (Settings → Stations): Setup's fields. */
export const stationMoveSchema = z
  .object({
    host: z.string().trim().min(1).max(253),
    port: z.coerce.number().int().min(1).max(65535),
    database: z.string().trim().min(1).max(63),
    user: z.string().trim().min(1).max(63),
    password: z.string().max(200),
  })
  .strict();
