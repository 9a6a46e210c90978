import { ENGINE_ERRORS_ZH } from '../../../main/api/labels-engine';
import type { engineEn } from './engine.en';

/** 设置 → 关于（本工作站使用的数据库）及启动时的拒绝提示（简体中文）。 */
export const engineZh: typeof engineEn = {
  title: '关于本工作站',
  database: '数据库',
  sqlite: '内置数据库（SQLite）· {{where}}',
  postgres: 'PostgreSQL 服务器 · {{where}}',
  dataFolderHint: '本机自己的数据（密钥、照片、设备）仍保存在其数据文件夹中。',
  errors: ENGINE_ERRORS_ZH,
};
