import { z } from 'zod';
import { ApiError } from '../api/errors';
import type { Migration } from '../db/migrations/types';
import {
  upgradeShopDatabase,
  UpgradeFailed,
  type UpgradeStep,
} from '../domain/versions/shop-upgrade';
import type { UpgradePlan } from '../domain/versions/upgrade-plan';

/**
 * "Upgrade the shop's database" (a newer station whose start stopped with ENGINE_UPGRADE_NEEDED),
 * one contract for both transports, beside Setup's (answer.ts): the harness's `GET
 * /upgrade/state` and `POST /upgrade/confirm` (main/web/upgrade-server.ts) and the Electron
 * shell's `upgrade.state` / `upgrade.confirm` over its one IPC channel (electron/upgrade-ipc.ts).
 * An admin's name and PIN start the upgrade (main/domain/versions/shop-upgrade.ts); the screen
 * polls its steps. `done` resolves when the database is upgraded and recorded; a failure is
 * shown and may be tried again (the database is as it was).
 */
export const UPGRADE_ACTIONS = ['state', 'confirm'] as const;
export type UpgradeAction = (typeof UPGRADE_ACTIONS)[number];

const confirmSchema = z.object({
  name: z.string().trim().min(1).max(80),
  pin: z.string().min(1).max(40),
});

/** What the screen polls: the plan, and how far a confirmed upgrade has come. */
export interface UpgradeProgress {
  steps: UpgradeStep[];
  backup?: string;
  running: boolean;
  failed?: { step: 'backup' | 'migrate'; message: string };
}

export interface UpgradeStateAnswer {
  needed: true;
  plan: Pick<UpgradePlan, 'server' | 'shopVersion' | 'mine' | 'stations'>;
  progress: UpgradeProgress;
}

export type UpgradeConfirmAnswer =
  { ok: true } | { ok: false; key?: string; params?: Record<string, unknown> };

/** The HTTP status the harness sends with a confirm answer (IPC carries the answer alone). */
export type UpgradeConfirmStatus = 200 | 400 | 409;

export interface UpgradeDeskOptions {
  url: string;
  dataDir: string;
  plan: UpgradePlan;
  migrations: readonly Migration[];
  /** This station's name, recorded with the announcement and the new version. */
  station: string | null;
  now: () => number;
}

/** One pending upgrade of the shop's database, asked about and confirmed from the screen. */
export class UpgradeDesk {
  private readonly progress: UpgradeProgress = { steps: [], running: false };
  private finish: () => void = () => undefined;
  /** Resolves once the database is upgraded, recorded and audited. */
  readonly done = new Promise<void>((resolve) => (this.finish = resolve));

  constructor(private readonly opts: UpgradeDeskOptions) {}

  state(): UpgradeStateAnswer {
    const { server, shopVersion, mine, stations } = this.opts.plan;
    return { needed: true, plan: { server, shopVersion, mine, stations }, progress: this.progress };
  }

  /** Starts the upgrade; answers once the admin is checked (a refusal changes nothing). The PIN
   * guard counts wrong PINs per `origin` (where the PIN was typed). */
  async confirm(
    input: unknown,
    origin: string,
  ): Promise<{ status: UpgradeConfirmStatus; answer: UpgradeConfirmAnswer }> {
    if (this.progress.running) {
      return { status: 409, answer: { ok: false, key: 'errors.upgradeRunning' } };
    }
    const parsed = confirmSchema.safeParse(input);
    if (!parsed.success) {
      return {
        status: 400,
        answer: { ok: false, key: 'errors.badPin', params: { attemptsLeft: '' } },
      };
    }
    return { status: 200, answer: await this.start(parsed.data, origin) };
  }

  private start(admin: { name: string; pin: string }, origin: string) {
    const progress = this.progress;
    return new Promise<UpgradeConfirmAnswer>((answer) => {
      progress.steps = [];
      progress.failed = undefined;
      progress.running = true;
      const { url, dataDir, plan, migrations, station, now } = this.opts;
      upgradeShopDatabase({
        url,
        dataDir,
        plan,
        migrations,
        station,
        now,
        admin,
        origin,
        onStep(step, detail) {
          progress.steps.push(step);
          if (detail?.file) progress.backup = detail.file;
          if (step === 'admin') answer({ ok: true });
        },
      }).then(
        () => {
          progress.running = false;
          this.finish();
        },
        (err: unknown) => {
          progress.running = false;
          if (err instanceof ApiError) {
            answer({ ok: false, key: err.details?.key, params: err.details?.params });
          } else if (err instanceof UpgradeFailed) {
            progress.failed = { step: err.step, message: err.message };
          } else {
            console.error('[upgrade] failed', err);
            progress.failed = {
              step: 'migrate',
              message: err instanceof Error ? err.message : String(err),
            };
            answer({ ok: false, key: 'errors.internal' });
          }
        },
      );
    });
  }
}
