import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { nodeBundle } from '../../main/workers/bundle-options';

const ROOT = path.resolve(__dirname, '../..');

/** In a bundle `__dirname` is the bundle's folder; the app finds its worker threads' sources
 * and its fonts beside its own files, so each of its files keeps the folder it came from. */
const keepDirname: Plugin = {
  name: 'keep-dirname',
  setup(b) {
    b.onLoad({ filter: /[\\/]main[\\/].*\.ts$/ }, (args) => ({
      contents: fs
        .readFileSync(args.path, 'utf8')
        .replace(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path))),
      loader: 'ts',
    }));
  },
};

let bundled: Promise<string> | null = null;

/**
 * The browser harness's server (main/cli/web.ts) as one JavaScript file, built once per test
 * process: tests start it dozens of times, and through tsx every start compiled the app again
 * (2.5 s a start on an idle machine, 1 s from the bundle; CI is CPU-bound).
 */
export function webServerScript(): Promise<string> {
  bundled ??= (async () => {
    const outDir = path.join(ROOT, 'node_modules', '.cache', 'ws-harness');
    const outfile = path.join(outDir, `web-${process.pid}.cjs`);
    fs.mkdirSync(outDir, { recursive: true });
    await build({
      ...nodeBundle(path.join(ROOT, 'main/cli/web.ts'), outfile),
      plugins: [keepDirname],
    });
    process.once('exit', () => fs.rmSync(outfile, { force: true }));
    return outfile;
  })();
  return bundled;
}
