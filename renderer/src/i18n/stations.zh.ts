import type { stationsEn } from './stations.en';

/** 工作站（第 15 号议题）：设置 → 工作站、首次启动命名、改派打印任务（中文）。 */
export const stationsZh: typeof stationsEn = {
  title: '工作站',
  intro:
    '每台运行本程序的电脑都是一个工作站，有自己的打印机和扫码枪。打印任务在发起它的工作站打印。',
  name: '名称',
  version: '版本',
  lastSeen: '最近在线',
  status: '状态',
  thisStation: '本工作站',
  online: '运行中',
  offline: '未运行',
  retired: '已停用',
  retiredOn: '{{when}}停用',
  rename: '改名',
  renameTitle: '修改本工作站名称',
  retire: '停用',
  retireConfirm:
    '停用“{{name}}”？它的打印任务会一直等待，直到有人改派到其他打印机。那台电脑再次启动时会收到已停用的提示。',
  retiredDone: '“{{name}}”已停用。',
  renamed: '本工作站已改名为“{{name}}”。',
  save: '保存',
  cancel: '取消',
  empty: '还没有工作站。',
  prompt: {
    title: '为本工作站命名',
    body: '店里的其他电脑会在打印机和打印任务旁显示这个名称，例如“前台”或“维修台 3”。',
    label: '工作站名称',
    confirm: '保存名称',
  },
  retiredNotice: {
    title: '本工作站已停用',
    body: '管理员已于{{when}}停用这台电脑的工作站身份。它不会打印任何内容：它的打印任务等待有人改派到其他打印机。管理员可以恢复它。',
    reinstate: '恢复本工作站',
    ok: '知道了',
    reinstated: '本工作站已恢复使用。',
  },
  job: {
    station: '在 {{name}} 打印',
    stationOffline: '在 {{name}} 打印（未运行）',
    unknown: '在启用工作站之前的工作站打印',
    reroute: '改派…',
    rerouteLabel: '把此任务改派到其他打印机',
    rerouted: '任务 #{{id}} 已改派到 {{printer}}（{{station}}）。',
    option: '{{printer}} · {{station}}',
    optionOffline: '{{printer}} · {{station}}（未运行）',
  },
  errors: {
    renameAdmin: '只有管理员可以修改本工作站名称。',
    retireSelf: '工作站不能停用自己：请在其他工作站上操作。',
    alreadyRetired: '“{{name}}”已经停用。',
    notFound: '找不到该工作站。',
    targetRetired: '工作站“{{name}}”已停用：请选择其他打印机。',
    notReroutable: '只有等待中或失败的任务可以改派到其他打印机。',
  },
};
