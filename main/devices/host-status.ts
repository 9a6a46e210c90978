/**
 * ZPL `~HS` (host status): the printer answers three STX…ETX CR LF strings.
 * String 1: aaa,b(paper out),c(pause),dddd,eee(formats in buffer),f,g,h(partial format),…
 * String 2: mmm,n,o(head up),p(ribbon out),…
 */
export interface HostStatus {
  paperOut: boolean;
  paused: boolean;
  headOpen: boolean;
  ribbonOut: boolean;
  formatsInBuffer: number;
  /** The printer holds the start of a label whose ^XZ never arrived. */
  partialFormat: boolean;
}

const STX = '\x02';
const ETX = '\x03';

/** Parses a complete answer; null while fewer than three frames have arrived. */
export function parseHostStatus(text: string): HostStatus | null {
  const frames = text
    .split(STX)
    .slice(1)
    .filter((f) => f.includes(ETX))
    .map((f) => f.slice(0, f.indexOf(ETX)).split(','));
  if (frames.length < 3) return null;
  const [s1, s2] = frames;
  const flag = (v: string | undefined) => v?.trim() === '1';
  return {
    paperOut: flag(s1[1]),
    paused: flag(s1[2]),
    formatsInBuffer: Number(s1[4] ?? 0) || 0,
    partialFormat: flag(s1[7]),
    headOpen: flag(s2[2]),
    ribbonOut: flag(s2[3]),
  };
}

/** What a printer (or the emulator) sends back for `~HS`. */
export function formatHostStatus(s: HostStatus): string {
  const b = (v: boolean) => (v ? '1' : '0');
  const one = `030,${b(s.paperOut)},${b(s.paused)},0240,${String(s.formatsInBuffer).padStart(3, '0')},0,0,${b(s.partialFormat)},000,0,0,0`;
  const two = `001,0,${b(s.headOpen)},${b(s.ribbonOut)},1,2,6,0,00000000,1,000`;
  return `${STX}${one}${ETX}\r\n${STX}${two}${ETX}\r\n${STX}1234,0${ETX}\r\n`;
}

/** The condition to show next to "online", most urgent first. */
export function hostCondition(s: HostStatus): 'head_open' | 'paper_out' | 'paused' | null {
  if (s.headOpen) return 'head_open';
  if (s.paperOut) return 'paper_out';
  if (s.paused) return 'paused';
  return null;
}
