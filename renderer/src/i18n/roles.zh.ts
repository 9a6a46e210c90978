/** 查询状态与首次使用的店铺设置（简体中文）。 */
export const rolesZh = {
  queryState: {
    forbiddenTitle: '您的角色无权查看',
    failedTitle: '加载失败',
  },
  table: {
    previousPage: '上一页',
    nextPage: '下一页',
    selectAll: '全选',
    selectRow: '选择第 {{n}} 行',
  },
  npsNotGiven: '未评分',
  npsClear: '清除',
  passwordToggle: '显示或隐藏',
  setup: {
    title: '设置您的店铺',
    subtitle: '店铺名称、地址和电话会印在每张收据和设备标签上。以后可在“设置”中随时修改。',
    name: '店铺名称',
    address: '地址',
    phone: '电话',
    tax: '税率',
    taxInclusive: '价格含税',
    screenLanguage: '界面语言',
    printLanguage: '收据和标签语言',
    printers: '设置打印机和扫描枪',
    later: '稍后',
    save: '保存并开始',
    required: '必填。',
    taxRange: '应在 0 到 100 % 之间。',
  },
};
