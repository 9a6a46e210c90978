/** 打印队列操作（取消、PDF、系统打印）和分页列表（中文）。 */
export const printqZh = {
  printActions: {
    cancel: '取消',
    cancelled: '打印任务已取消。',
    pdf: 'PDF',
    pdfHint: '按纸张大小（小票或标签）保存为 PDF，可用任何打印机打印',
    systemPrint: '打印…',
    systemPrintHint: '用本机打印机打印（系统打印对话框）',
    noPrinterHint: '未设置小票或标签打印机：请用 PDF 或“打印…”给顾客一份。',
    status: { cancelled: '已取消' },
    errors: { notCancellable: '只有等待中或失败的任务可以取消。' },
  },
  paging: {
    loadMore: '加载更多',
    shown_one: '已显示 {{count}} 条',
    shown_other: '已显示 {{count}} 条',
  },
};
