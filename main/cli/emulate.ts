import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { VirtualEscPosPrinter } from '../devices/emulator/virtual-escpos-printer';
import { VirtualScanner } from '../devices/emulator/virtual-scanner';
import { VirtualZplPrinter } from '../devices/emulator/virtual-zpl-printer';

const HELP = `Commands (a bare line is scanned):
  scan CODE                     the scanner reads CODE (CR LF)
  unplug zpl|escpos|scanner     pull the cable (the pty pair goes away)
  replug zpl|escpos|scanner     plug it back in (same path)
  paper-out zpl|escpos on|off   out of paper (ZPL labels wait; ~HS / DLE EOT report it)
  head-open zpl|escpos on|off   print head / cover open
  status                        what each device has done
  quit`;

/**
 * `npm run emulate -- --dir DIR`: a ZPL label printer, an ESC/POS receipt printer and a
 * scanner on socat pty pairs, for running the app without hardware. Enter the printed paths
 * in Settings → Devices. Labels land in DIR/labels (.zpl + .png), receipts in DIR/receipts
 * (.bin + .txt).
 */
async function main() {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: path.resolve('.devices') },
      'no-render': { type: 'boolean', default: false },
    },
  });
  const dir = path.resolve(values.dir!);
  fs.mkdirSync(dir, { recursive: true });
  const zpl = new VirtualZplPrinter(
    path.join(dir, 'label-printer'),
    path.join(dir, '.label-printer.dev'),
    {
      dir: path.join(dir, 'labels'),
      render: !values['no-render'],
    },
  );
  const escpos = new VirtualEscPosPrinter(
    path.join(dir, 'receipt-printer'),
    path.join(dir, '.receipt-printer.dev'),
    {
      dir: path.join(dir, 'receipts'),
    },
  );
  const scanner = new VirtualScanner(path.join(dir, 'scanner'), path.join(dir, '.scanner.dev'));
  const devices = { zpl, escpos, scanner };
  await Promise.all(Object.values(devices).map((d) => d.plug()));
  zpl.on('label', (l: { seq: number; jobId: number | null; file: string | null }) =>
    console.log(`label #${l.seq}${l.jobId !== null ? ` (job ${l.jobId})` : ''} → ${l.file}`),
  );
  zpl.on('rendered', (file: string) => console.log(`  rendered ${file}`));
  escpos.on('receipt', (r: { seq: number; file: string | null }) =>
    console.log(`receipt #${r.seq} → ${r.file}`),
  );

  console.log(`Label printer (ZPL):      ${zpl.path}`);
  console.log(`Receipt printer (ESC/POS): ${escpos.path}`);
  console.log(`Scanner:                  ${scanner.path}`);
  console.log(HELP);

  const stop = async () => {
    await Promise.all(Object.values(devices).map((d) => d.unplug()));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const pick = (name: string | undefined) =>
    name === 'zpl' || name === 'escpos' || name === 'scanner' ? devices[name] : null;
  const rl = readline.createInterface({ input: process.stdin });
  rl.on('close', () => void stop());
  for await (const line of rl) {
    const [cmd, arg, flag] = line.trim().split(/\s+/);
    try {
      if (!cmd) continue;
      if (cmd === 'quit' || cmd === 'exit') return stop();
      if (cmd === 'help') console.log(HELP);
      else if (cmd === 'scan' && arg) await scanner.scan(arg);
      else if ((cmd === 'unplug' || cmd === 'replug') && pick(arg)) {
        await (cmd === 'unplug' ? pick(arg)!.unplug() : pick(arg)!.plug());
        console.log(`${arg} ${cmd}ged`);
      } else if (
        (cmd === 'paper-out' || cmd === 'head-open') &&
        (arg === 'zpl' || arg === 'escpos')
      ) {
        const on = flag !== 'off';
        const change = cmd === 'paper-out' ? { paperOut: on } : { headOpen: on };
        if (arg === 'zpl') zpl.setCondition(change);
        else Object.assign(escpos, change);
        console.log(`${arg} ${cmd} ${on ? 'on' : 'off'}`);
      } else if (cmd === 'status') {
        console.log(
          `labels ${zpl.labels.length} (paper out ${zpl.paperOut}, head open ${zpl.headOpen}), receipts ${escpos.receipts.length}, ` +
            `plugged: zpl ${zpl.pair.plugged}, escpos ${escpos.pair.plugged}, scanner ${scanner.pair.plugged}`,
        );
      } else if (line.trim().split(/\s+/).length === 1) await scanner.scan(cmd);
      else console.log(`Unknown command. ${HELP}`);
    } catch (err) {
      console.error(err instanceof Error ? err.message : err);
    }
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
