/**
 * Why the shop's database could not be opened, in words a shop owner can act on. The texts
 * (main/api/labels-engine.ts) are printed by the CLIs, the harness and Electron before any window
 * exists, and the renderer's i18n (engine.en.ts / engine.zh.ts) takes the same ones.
 */
import {
  ENGINE_ERRORS_EN,
  ENGINE_ERRORS_ZH,
  type EngineErrorParams,
  type EngineLang,
  type EngineProblem,
} from '../api/labels-engine';

export {
  ENGINE_START_TITLE,
  type EngineErrorParams,
  type EngineLang,
  type EngineProblem,
} from '../api/labels-engine';

export const engineErrorText = (
  code: EngineProblem,
  params: EngineErrorParams,
  lang: EngineLang = 'en',
): string =>
  (lang === 'zh' ? ENGINE_ERRORS_ZH : ENGINE_ERRORS_EN)[code].replace(
    /\{\{(\w+)\}\}/g,
    (_, k: string) => params[k] ?? '',
  );

/** The language of a terminal (LANG/LC_ALL) or of Electron's `app.getLocale()`. */
export const langOf = (locale: string | undefined): EngineLang =>
  /^zh/i.test(locale ?? '') ? 'zh' : 'en';

export const terminalLang = (env: NodeJS.ProcessEnv = process.env): EngineLang =>
  langOf(env.LC_ALL || env.LC_MESSAGES || env.LANG);

/** A start refused because of the shop's database: a code, the i18n key and its parameters. */
export class EngineStartError extends Error {
  readonly key: string;
  constructor(
    readonly code: EngineProblem,
    readonly params: EngineErrorParams,
  ) {
    super(engineErrorText(code, params, 'en'));
    this.name = 'EngineStartError';
    this.key = `engine.errors.${code}`;
  }

  text(lang: EngineLang): string {
    return engineErrorText(this.code, this.params, lang);
  }
}

/** What the pg driver said on connecting, as one of the problems above. Unknown errors pass
 * through unchanged (a bug must still show as one). */
export function classifyPgError(err: unknown, server: string): unknown {
  if (err instanceof EngineStartError) return err;
  const e = err as { code?: string; message?: string; errors?: unknown[] };
  const code = e?.code ?? '';
  const message = e?.message ?? '';
  // 28P01 wrong password, 28000 no such role / not allowed by pg_hba
  if (code === '28P01' || code === '28000')
    return new EngineStartError('ENGINE_AUTH_FAILED', { server });
  if (code === '3D000') return new EngineStartError('ENGINE_NO_DATABASE', { server });
  const unreachable =
    [
      'ECONNREFUSED',
      'ENOTFOUND',
      'EAI_AGAIN',
      'ETIMEDOUT',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'ECONNRESET',
    ].includes(code) ||
    /timeout|terminated unexpectedly|Connection terminated/i.test(message) ||
    // a refused connection to a name with several addresses (localhost: ::1 and 127.0.0.1)
    (Array.isArray(e?.errors) && e.errors.length > 0 && !code);
  if (unreachable) return new EngineStartError('ENGINE_UNREACHABLE', { server });
  // the server is shutting down or starting up
  if (code === '57P03' || code === '57P01')
    return new EngineStartError('ENGINE_UNREACHABLE', { server });
  return err;
}
