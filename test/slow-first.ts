import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, in seconds of one CI run (clean clone, 2 cores; the larger of
 * the SQLite and PostgreSQL runs). Vitest orders by last run's durations when it has them, but
 * a clean clone has none and falls back to file size, so a three-minute file could start last
 * and run alone at the end. Started first, the long files run beside the short ones.
 * Approximate on purpose: the order matters, not the figures; a file missing here just runs
 * after the listed ones.
 */
const SECONDS: Record<string, number> = {
  'test/integration/bench-whole.test.ts': 227,
  'test/integration/drills.test.ts': 116,
  'test/integration/intake.test.ts': 113,
  'test/integration/exit-backup.test.ts': 109,
  'test/integration/safety-keep.test.ts': 107,
  'test/integration/parts-import-upload.test.ts': 83,
  'test/integration/seed-shop.test.ts': 51,
  'test/integration/outbox-crash.test.ts': 50,
  'test/integration/safety-numbers.test.ts': 44,
  'test/integration/staff.test.ts': 43,
  'test/integration/db-move.test.ts': 37,
  'test/integration/pg-backup.test.ts': 37,
  'test/e2e/walk.e2e.test.ts': 180,
  'test/e2e/messages.e2e.test.ts': 89,
  'test/e2e/stations-three.e2e.test.ts': 57,
  'test/e2e/intake-money.e2e.test.ts': 57,
  'test/e2e/bench-shop.e2e.test.ts': 52,
  'test/e2e/staff.e2e.test.ts': 51,
  'test/e2e/shop-upgrade.e2e.test.ts': 47,
  'test/e2e/devices.e2e.test.ts': 43,
  'test/e2e/station-move.e2e.test.ts': 40,
};

export class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const root = this.ctx.config.root.replace(/\/?$/, '/');
    const seconds = (f: TestSpecification) => SECONDS[f.moduleId.replace(root, '')] ?? 0;
    const group = (f: TestSpecification) => f.project.config.sequence.groupOrder;
    // Array.prototype.sort is stable: unlisted files keep the base order among themselves.
    return base.sort(
      (a, b) =>
        group(a) - group(b) ||
        a.project.name.localeCompare(b.project.name) ||
        seconds(b) - seconds(a),
    );
  }
}
