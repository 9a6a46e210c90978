import fs from 'node:fs';
import path from 'node:path';
import { nodeBundle } from './bundle-options';

const bundles = new Map<string, Promise<string>>();

/**
 * The script of a worker thread: in the Electron build `<name>.js` beside main.js (an entry of
 * electron.vite.config.ts); from TypeScript sources (tsx CLIs, tests) `tsEntry` bundled once
 * per process into node_modules/.cache with esbuild's async API (its own process, so bundling
 * never blocks this thread), as the crash drill bundles its child.
 */
export function workerScript(name: string, builtDir: string, tsEntry: string): Promise<string> {
  const built = path.join(builtDir, `${name}.js`);
  if (fs.existsSync(built)) return Promise.resolve(built);
  let p = bundles.get(name);
  if (!p) {
    p = (async () => {
      const root = path.resolve(__dirname, '../..');
      const outDir = path.join(root, 'node_modules', '.cache', 'ws-workers');
      const outfile = path.join(outDir, `${name}-${process.pid}.cjs`);
      fs.mkdirSync(outDir, { recursive: true });
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- dev-only, absent when packaged
      const { build } = require('esbuild') as typeof import('esbuild');
      await build(nodeBundle(tsEntry, outfile));
      process.once('exit', () => fs.rmSync(outfile, { force: true }));
      return outfile;
    })();
    bundles.set(name, p);
  }
  return p;
}
