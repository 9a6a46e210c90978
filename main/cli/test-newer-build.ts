import { migrations } from '../db/migrations';
import type { Migration } from '../db/migrations/types';

/**
 * TEST-ONLY (`start:web --test-newer-build VERSION`): the harness plays a newer build of the
 * app, this version with one more migration than the real list (an empty probe table), so an
 * e2e test can upgrade a shop's shared database on the screen. The app never passes it.
 */
export function testNewerBuild(version: string): { appVersion: string; migrations: Migration[] } {
  return {
    appVersion: version,
    migrations: [
      ...migrations,
      {
        id: 9001,
        name: 'upgrade-probe',
        sql: ['CREATE TABLE upgrade_probe (id INTEGER PRIMARY KEY)'],
      },
    ],
  };
}
