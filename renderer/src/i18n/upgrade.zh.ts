/** 从较新的工作站升级店铺共享数据库（中文）。 */
export const upgradeErrorsZh = {
  upgradeAdminOnly: '只有管理员可以升级店铺数据库。',
  upgradeRunning: '升级已在进行中。',
};

export const upgradeZh = {
  title: '升级店铺数据库',
  intro:
    '店铺数据库（{{server}}）的版本是 {{shop}}。本电脑的版本是 {{mine}}，需要先升级数据库才能打开。',
  stationsIntro: '以下工作站在使用该数据库。确认后，它们将停止保存并提示更新：',
  station: '工作站',
  lastSeen: '最近在线',
  version: '版本',
  plan: '确认后：通知其他工作站停止保存，备份数据库，然后升级数据库。任何一步失败，数据库都保持原样。',
  admin: '管理员姓名',
  pin: '管理员 PIN',
  confirm: '升级数据库',
  steps: {
    admin: '管理员已确认',
    announced: '已通知其他工作站停止保存',
    stopped: '已等待它们停止',
    backup: '已备份：{{file}}',
    migrated: '数据库已升级',
    done: '完成 — 正在打开登录…',
  },
  failed: {
    backup:
      '无法完成备份，因此数据库未升级，保持原样。其他工作站可以继续保存。请检查备份文件夹和 PostgreSQL 客户端工具，然后重试。',
    migrate: '数据库升级失败并已撤销：数据库保持原样。其他工作站可以继续保存。没有丢失任何数据。',
  },
  detail: '详情：{{message}}',
  opening: '正在打开工作站…',
};
