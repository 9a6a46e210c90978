import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Build the renderer once for every e2e file: the harness serves out/web. The same script as
 * `npm run start:web`: it skips the build when nothing the renderer is built from changed. */
export default function setup() {
  const root = path.resolve(__dirname, '../..');
  execFileSync('node', ['scripts/build-web.mjs'], {
    cwd: root,
    stdio: 'inherit',
    // generous: on a loaded machine the build alone can take minutes
    timeout: 600_000,
  });
}
