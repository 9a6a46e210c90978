/** Display columns of a character on a receipt or label: CJK and full-width forms take two. */
export function charColumns(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  return (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    c >= 0x20000
    ? 2
    : 1;
}

export const textColumns = (text: string) => [...text].reduce((n, ch) => n + charColumns(ch), 0);

/** Breaks text into lines of at most `cols` columns: at spaces for Latin words, anywhere for CJK. */
export function wrapColumns(text: string, cols: number): string[] {
  const out: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let line = '';
    let width = 0;
    let lastSpace = -1;
    for (const ch of para) {
      const w = charColumns(ch);
      if (width + w > cols) {
        if (ch === ' ') {
          out.push(line);
          line = '';
          width = 0;
          lastSpace = -1;
          continue;
        }
        if (lastSpace > 0) {
          out.push(line.slice(0, lastSpace));
          line = line.slice(lastSpace + 1);
        } else {
          out.push(line);
          line = '';
        }
        width = textColumns(line);
        lastSpace = -1;
      }
      if (ch === ' ') lastSpace = line.length;
      line += ch;
      width += w;
    }
    out.push(line);
  }
  return out;
}

/** A left and right text on one line of `cols` columns; the left side wraps if both do not fit. */
export function pairLines(left: string, right: string, cols: number): string[] {
  const gap = cols - textColumns(left) - textColumns(right);
  if (gap >= 1) return [left + ' '.repeat(gap) + right];
  const rightLines = wrapColumns(right, cols);
  return [
    ...wrapColumns(left, cols),
    ...rightLines.map((l) => ' '.repeat(Math.max(0, cols - textColumns(l))) + l),
  ];
}
