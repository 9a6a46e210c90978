import type { CallResult } from '../main/api/dispatcher';
import {
  SETUP_ACTIONS,
  setupAnswer,
  type SetupAction,
  type SetupChoice,
  type SetupKeys,
} from '../main/setup/answer';

/**
 * Setup in the app (first start, no database chosen for the data folder): the window shows the
 * same SetupDatabase screen as the harness, and its requests come over the one `api` IPC channel
 * as `setup.state` / `setup.test` / `setup.join` / `setup.local` (the preload stays `call` and
 * `on`; the sender check is the same as for every API call). The answers are the harness's
 * (main/setup/answer.ts), wrapped as a CallResult; the shell opens the workstation once chosen.
 */
export const isSetupMethod = (method: string): boolean => method.startsWith('setup.');

/** A `setup.*` / `upgrade.*` name the shell does not answer (now). */
export const noSuchMethod = (): CallResult => ({
  ok: false,
  error: {
    code: 'NOT_FOUND',
    message: 'No such method.',
    details: { key: 'errors.unknownMethod' },
  },
});

export class SetupOverIpc {
  private chosen: SetupChoice | null = null;
  private finish: (c: SetupChoice) => void = () => undefined;
  /** Resolves with the person's choice (database.json written, or This PC only). */
  readonly choice = new Promise<SetupChoice>((resolve) => (this.finish = resolve));

  constructor(
    private readonly dataDir: string,
    private readonly keys: SetupKeys,
  ) {}

  /** Answers one setup request; `workstationOpen` says whether Setup is over (the workstation
   * is open, or the shop's database awaits an admin's upgrade first). */
  async call(method: string, input: unknown, workstationOpen: boolean): Promise<CallResult> {
    if (method === 'setup.state') {
      return { ok: true, result: { needed: !workstationOpen, opening: this.chosen !== null } };
    }
    const action = method.slice('setup.'.length) as SetupAction;
    if (!SETUP_ACTIONS.includes(action)) return noSuchMethod();
    // a second window (or a reload) cannot choose again once the first choice is made
    if (this.chosen) return { ok: true, result: { ok: false, code: 'SETUP_DONE' } };
    const out = await setupAnswer(this.dataDir, action, input, this.keys);
    if (out.done && !this.chosen) {
      this.chosen = out.done;
      this.finish(out.done);
    }
    return { ok: true, result: out.answer };
  }
}
