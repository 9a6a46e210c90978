import type { BuildOptions } from 'esbuild';

/**
 * How TypeScript entry points are bundled for node (worker threads from sources, the drills'
 * children): one CommonJS file, packages left to node_modules (better-sqlite3 is native), with
 * the decorator settings TypeORM's entities need.
 */
export const nodeBundle = (entry: string, outfile: string): BuildOptions => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  logLevel: 'error',
  tsconfigRaw: {
    compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false },
  },
});
