import { m0001 } from './0001-foundation';
import { m0002 } from './0002-bench';
import { m0005 } from './0005-devices';
import type { Migration } from './types';

/** Ordered, append-only. Never edit an entry once it has shipped: add a new one. */
export const migrations: readonly Migration[] = [m0001, m0002, m0005];
