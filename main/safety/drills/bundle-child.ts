import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { nodeBundle } from '../../workers/bundle-options';

/**
 * The crash drill starts its child hundreds of times: compiling TypeScript on every start
 * (tsx) costs seconds, so the child is bundled once into plain JavaScript. Packages stay
 * external and load from node_modules (better-sqlite3 is native).
 */
export function bundleCrashChild(): string {
  return bundleChild(path.join(__dirname, 'crash-child.ts'));
}

/** Any entry point (a CLI) bundled the same way, for tests that start it many times. */
export function bundleChild(entry: string): string {
  // Inside the project's node_modules, so the bundle's require() finds the packages.
  const root = path.resolve(__dirname, '../../..');
  const outDir = path.join(root, 'node_modules', '.cache', 'ws-drill');
  fs.mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `${path.basename(entry, '.ts')}-${process.pid}.cjs`);
  buildSync(nodeBundle(entry, outfile));
  return outfile;
}
