import { m0001 } from './0001-foundation';
import type { Migration } from './types';

/** Ordered, append-only. Never edit an entry once it has shipped: add a new one. */
export const migrations: readonly Migration[] = [m0001];
