import { configDefaults, defineConfig } from 'vitest/config';
import { SlowFirst } from './test/slow-first';

const onPostgres = process.env.TEST_DB === 'postgres';

/** Backend files that mock Electron (vi.mock): they run in a project that isolates each file. */
const MOCKS_ELECTRON = ['test/integration/electron-*.test.ts'];

const backend = {
  environment: 'node',
  testTimeout: 30_000,
  // TEST_DB=postgres (npm run test:pg): one throwaway cluster for the run, a fresh database per
  // test file and per test shop (test/helpers/pg-*.ts).
  ...(onPostgres
    ? {
        globalSetup: ['test/helpers/pg-global-setup.ts'],
        setupFiles: ['test/helpers/pg-file-db.ts'],
      }
    : {}),
} as const;

export default defineConfig({
  esbuild: {
    // TypeORM's decorators; columns carry explicit types, so no emitted metadata is needed.
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  },
  test: {
    // Business-hours maths is local time: pin the zone so results don't depend on the machine.
    env: { TZ: 'Asia/Shanghai' },
    // The longest files start first (a clean clone has no timings to order by).
    sequence: { sequencer: SlowFirst },
    projects: [
      {
        extends: true,
        test: {
          ...backend,
          name: 'backend',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...MOCKS_ELECTRON],
          // One module graph per worker, not per file: importing the app afresh for each of
          // ~100 files was 300 s of the run's CPU (vitest's "import"), on 2 cores that were
          // already the limit; shared, 36 s. Every file still opens its own shops.
          isolate: false,
          // Four files at a time on 2 cores: a backend file mostly waits (child processes, a
          // PostgreSQL server, timers).
          maxWorkers: 4,
        },
      },
      {
        extends: true,
        test: {
          ...backend,
          // vi.mock('electron') replaces a module for the whole file: these need their own graph
          name: 'backend-electron',
          include: MOCKS_ELECTRON,
          maxWorkers: 1,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          setupFiles: ['test/e2e/on-failure.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // Two files at a time: an e2e file mostly waits (a harness starting, a page settling,
          // live updates), so two share 2 cores well (31 files: 764 s instead of ~1,000 one at a
          // time); four overloaded them (load 14, slower, a staff test timing out).
          maxWorkers: 2,
          // After the backend project, not beside it: on a busy machine the backend's CPU load
          // slowed the browser enough to break keyboard-wedge scan timing (onscan's 30 ms/char).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
