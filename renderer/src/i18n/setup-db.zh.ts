/** 设置本工作站的数据库，以及各工作站的程序版本（中文）。 */
export const setupDbErrorsZh = {
  appOutdated: '本电脑的程序（{{mine}}）比店铺数据库（{{shop}}）旧 — 请更新本电脑。',
};
