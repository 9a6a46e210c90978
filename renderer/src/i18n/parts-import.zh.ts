import type { partsImportEn } from './parts-import.en';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** 配件 CSV 导入：分片上传、进度、已导入的行（简体中文）。 */
export const partsImportZh: Widen<typeof partsImportEn> = {
  partsImport: {
    uploading: '正在发送 {{name}}：{{percent}}%',
    checking: '正在检查 {{name}} 的每一行…',
    importing: '正在导入 {{name}}…',
    already_one: '{{count}} 行已在配件目录中，将跳过。',
    already_other: '{{count}} 行已在配件目录中，将跳过。',
    stopped:
      '导入在第 {{line}} 行停止：该行的配件在导入期间被他人添加。此前的 {{imported}} 行已导入；再次导入同一文件即可完成。',
    errors: {
      notCsv: '此文件无法按 CSV 读取（第 {{line}} 行）。请在表格软件中另存为 CSV 后重新选择。',
    },
    noUpload: '该上传已不存在（上传文件保留一天）。请重新选择文件。',
    badOffset: '上传被中断。请重新选择文件。',
  },
};
