/** 设置本工作站的数据库，以及各工作站的程序版本（中文）。 */
export const setupDbErrorsZh = {
  appOutdated: '本电脑的程序（{{mine}}）比店铺数据库（{{shop}}）旧 — 请更新本电脑。',
};

export const setupDbZh = {
  title: '设置本工作站',
  intro: '本店的数据存放在哪里？本电脑首次启动时只问一次。',
  local: '仅本电脑（内置数据库）',
  localHint: '一台电脑：店铺数据保存在本机的一个文件中，无需安装任何软件。',
  join: '加入店铺数据库',
  joinHint: '多台电脑共用店内服务器或 NAS 上的一个数据库（PostgreSQL）。',
  moveHint:
    '要把已有电脑的数据迁移到数据库服务器：在那台电脑上由管理员打开 设置 → 工作站 → 把本店数据迁移到数据库服务器（或运行 npm run db:move），然后在此加入。',
  host: '服务器',
  port: '端口',
  database: '数据库',
  user: '用户名',
  password: '密码',
  joinSecret: '加入口令（向管理员索取）',
  joinSecretHint: '使本电脑能查看其他工作站登记的设备密码。',
  test: '测试连接',
  connect: '加入并打开',
  back: '返回',
  okEmpty: '已连接 {{server}}：空数据库，本机将是店里的第一台工作站。',
  okShop: '已连接 {{server}}：店铺数据库。',
  opening: '正在打开工作站…',
  errors: {
    SETUP_FIELDS: '请填写服务器、端口、数据库和用户名。',
    SETUP_DONE: '本工作站的数据库已经选好，工作站正在打开。',
    SETUP_FAILED: '出了点问题，请重试。',
    SHOP_KEY_SECRET_NEEDED: '本店共用设备密码密钥：请输入管理员提供的加入口令。',
    SHOP_KEY_SECRET_WRONG: '加入口令不正确，请向管理员重新确认。',
    SHOP_KEY_NONE: '本店还没有工作站共享设备密码密钥。',
    SHOP_KEY_SECRET_SHORT: '加入口令至少需要 8 个字符。',
  },
};
