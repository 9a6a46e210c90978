/**
 * Local time as a spreadsheet shows it (YYYY-MM-DD HH:mm:ss), for a million cells without a
 * Date per cell: the local wall clock of each 15-minute block is worked out once and cached
 * (every real time-zone offset and DST switch falls on a 15-minute boundary).
 */
const BLOCK = 15 * 60_000;
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

export class SheetClock {
  private readonly blocks = new Map<number, { prefix: string; minute: number }>();

  format(ms: number | null): string {
    if (ms === null) return '';
    const b = Math.floor(ms / BLOCK);
    let block = this.blocks.get(b);
    if (!block) {
      if (this.blocks.size > 50_000) this.blocks.clear();
      const d = new Date(b * BLOCK);
      block = {
        prefix: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:`,
        minute: d.getMinutes(),
      };
      this.blocks.set(b, block);
    }
    const rest = ms - b * BLOCK;
    return `${block.prefix}${pad(block.minute + Math.floor(rest / 60_000))}:${pad(Math.floor(rest / 1000) % 60)}`;
  }
}
