/** The texts of a refused start (main/db/engine-errors.ts prints them), in both languages. Plain data: the
 * renderer's i18n imports them too (engine.en.ts / engine.zh.ts). */
export type EngineProblem =
  | 'ENGINE_URL_INVALID'
  | 'ENGINE_CONFIG_INVALID'
  | 'ENGINE_AUTH_FAILED'
  | 'ENGINE_NO_DATABASE'
  | 'ENGINE_UNREACHABLE'
  | 'ENGINE_FOREIGN_DATABASE'
  | 'ENGINE_NEWER_DATABASE'
  | 'ENGINE_UPGRADE_NEEDED'
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
  ENGINE_UPGRADE_NEEDED:
    "The shop's database {{server}} is at version {{shop}} (recorded in app_version); this PC is {{mine}} and would upgrade it. Stations {{stations}} use it: an admin must confirm the upgrade on this PC (the app, or npm run start:web, shows the upgrade screen). Nothing was changed.",
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
  ENGINE_UPGRADE_NEEDED:
    '店铺数据库 {{server}} 的版本是 {{shop}}（记录在 app_version 中）；本电脑是 {{mine}}，会升级该数据库。工作站 {{stations}} 正在使用它：须由管理员在本电脑上确认升级（本程序或 npm run start:web 会显示升级页面）。未做任何更改。',
  ENGINE_NOT_YET: '{{what}} 尚不支持 PostgreSQL（本工作站使用 {{server}}）。未做任何操作。',
};

export type EngineLang = 'en' | 'zh';

/** The title of the start-up refusal (Electron's error box). */
export const ENGINE_START_TITLE: Record<EngineLang, string> = {
  en: "The shop's database cannot be opened",
  zh: '无法打开店铺数据库',
};
