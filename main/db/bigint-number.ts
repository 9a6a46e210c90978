import type { ValueTransformer } from 'typeorm';

/**
 * Epoch-ms and other BIGINT columns as JS numbers on both engines. better-sqlite3 already gives
 * numbers; `pg` gives int8 as a string (it may exceed 2^53), which ours never do (epoch ms,
 * durations). Every `type: 'bigint'` entity column carries this.
 */
export const bigintNumber: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : Number(value)),
};
