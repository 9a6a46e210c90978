/**
 * Why the shop's database could not be opened, in words a shop owner can act on. The texts
 * live here (the CLIs, the harness and Electron print them before any window exists) and the
 * renderer's i18n (engine.en.ts / engine.zh.ts) takes the same ones.
 */
export type EngineProblem =
  | 'ENGINE_URL_INVALID'
  | 'ENGINE_CONFIG_INVALID'
  | 'ENGINE_AUTH_FAILED'
  | 'ENGINE_NO_DATABASE'
  | 'ENGINE_UNREACHABLE'
  | 'ENGINE_FOREIGN_DATABASE'
  | 'ENGINE_NEWER_DATABASE'
  | 'ENGINE_NOT_YET';

export type EngineErrorParams = Record<string, string>;

export const ENGINE_ERRORS_EN: Record<EngineProblem, string> = {
  ENGINE_URL_INVALID:
    'The database address "{{url}}" is not a PostgreSQL address. Write it as postgres://user:password@host:5432/database.',
  ENGINE_CONFIG_INVALID:
    'The database settings in {{file}} cannot be read. Write {"engine":"postgres","url":"postgres://user:password@host:5432/database"}, or delete the file to use the built-in database.',
  ENGINE_AUTH_FAILED:
    'The database server {{server}} refused the user name or password. Check them in the database address.',
  ENGINE_NO_DATABASE:
    'The database server {{server}} has no database of that name. Create it (an empty database) or correct the address.',
  ENGINE_UNREACHABLE:
    'The database server {{server}} cannot be reached. Check that the server is on and connected to the network, and that the address and port are right.',
  ENGINE_FOREIGN_DATABASE:
    'The database {{server}} already holds tables of another program. The workstation will not write into it: give it an empty database of its own.',
  ENGINE_NEWER_DATABASE:
    'The database {{server}} was set up by a newer version of the workstation. Update this app before using it.',
  ENGINE_NOT_YET:
    '{{what}} is not yet on PostgreSQL (this station uses {{server}}). Nothing was done.',
};

export const ENGINE_ERRORS_ZH: Record<EngineProblem, string> = {
  ENGINE_URL_INVALID:
    '数据库地址“{{url}}”不是 PostgreSQL 地址。请写成 postgres://用户名:密码@主机:5432/数据库名。',
  ENGINE_CONFIG_INVALID:
    '无法读取 {{file}} 中的数据库设置。请写成 {"engine":"postgres","url":"postgres://用户名:密码@主机:5432/数据库名"}，或删除该文件以使用内置数据库。',
  ENGINE_AUTH_FAILED:
    '数据库服务器 {{server}} 拒绝了用户名或密码。请检查数据库地址中的用户名和密码。',
  ENGINE_NO_DATABASE:
    '数据库服务器 {{server}} 上没有这个名称的数据库。请先创建一个空数据库，或更正地址。',
  ENGINE_UNREACHABLE:
    '无法连接数据库服务器 {{server}}。请检查服务器是否已开机并已联网，以及地址和端口是否正确。',
  ENGINE_FOREIGN_DATABASE:
    '数据库 {{server}} 中已有其他程序的数据表。工作站不会写入其中：请为它提供一个单独的空数据库。',
  ENGINE_NEWER_DATABASE: '数据库 {{server}} 由更新版本的工作站建立。请先更新本程序再使用。',
  ENGINE_NOT_YET: '{{what}} 尚不支持 PostgreSQL（本工作站使用 {{server}}）。未做任何操作。',
};

export type EngineLang = 'en' | 'zh';

/** The title of the start-up refusal (Electron's error box). */
export const ENGINE_START_TITLE: Record<EngineLang, string> = {
  en: "The shop's database cannot be opened",
  zh: '无法打开店铺数据库',
};

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
