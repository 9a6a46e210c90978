import type { settingsEditorEn } from './settings.en';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const settingsEditorZh: Widen<typeof settingsEditorEn> = {
  editor: {
    elsewhere: '在上方“设备”中设置',
    choices: {
      print: {
        language: { en: 'English（英文）', zh: '中文' },
        receiptWidthMm: { 58: '58 毫米', 80: '80 毫米' },
      },
    },
    weekdays: { 0: '周日', 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六' },
    datesHint: '输入日期（YYYY-MM-DD）后按回车',
    badDate: '{{value}} 不是有效日期（YYYY-MM-DD）',
    templateFields: '每位客户自动填入的字段：{{fields}}',
    lang: { en: '英文', zh: '中文' },
  },
};
