import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Build the renderer once for every e2e file: the harness serves out/web. */
export default function setup() {
  const root = path.resolve(__dirname, '../..');
  execFileSync('npx', ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // generous: on a loaded machine the build alone can take minutes
    timeout: 600_000,
  });
}
