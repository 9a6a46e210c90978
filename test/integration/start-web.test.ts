import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm run start:web` builds the renderer only when something it is built from changed
 * (scripts/build-web.mjs, marker out/web.build.json): a second start goes straight to the server.
 * Checked on the build marker and the built files' times, not on a stopwatch.
 */
const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const marker = path.join(root, 'out', 'web.build.json');
const index = path.join(root, 'out', 'web', 'index.html');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-start-web-'));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

const check = () =>
  run('node', ['scripts/build-web.mjs', '--check'], { cwd: root }).then(
    () => 'current',
    () => 'due',
  );

beforeAll(async () => {
  // The first start may build (a minute or more on a loaded machine); this one is allowed to.
  await run('node', ['scripts/build-web.mjs'], { cwd: root, timeout: 600_000 });
}, 600_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('npm run start:web', () => {
  it('starts again without rebuilding when nothing changed', async () => {
    const before = { marker: fs.statSync(marker).mtimeMs, index: fs.statSync(index).mtimeMs };
    const port = await freePort();
    const child = spawn(
      'npm',
      ['run', 'start:web', '--', '--data', dataDir, '--port', String(port)],
      {
        cwd: root,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL after 120 s:\n${out}`)), 120_000);
        child.stdout.on('data', () => {
          if (out.includes(`Listening on http://127.0.0.1:${port}`)) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
      });
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await new Promise((r) => child.once('close', r));
    }
    expect(out).toContain('renderer: unchanged since the last build');
    expect(out).not.toContain('renderer: building');
    expect(fs.statSync(marker).mtimeMs).toBe(before.marker);
    expect(fs.statSync(index).mtimeMs).toBe(before.index);
  }, 180_000);

  it('knows a build is due when an input changed, a file appeared or out/web was replaced', async () => {
    const saved = fs.readFileSync(marker, 'utf8');
    const probe = path.join(root, 'renderer', 'src', `.start-web-probe-${process.pid}`);
    try {
      expect(await check()).toBe('current');
      const m = JSON.parse(saved) as { hash: string; index: string; inputs: string[] };
      expect(m.inputs).toEqual(
        expect.arrayContaining(['renderer/src/main.tsx', 'main/api/labels.ts']),
      );

      fs.writeFileSync(
        marker,
        JSON.stringify({ ...m, hash: m.hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) }),
      );
      expect(await check()).toBe('due');
      fs.writeFileSync(marker, JSON.stringify({ ...m, index: 'another build' }));
      expect(await check()).toBe('due');
      fs.writeFileSync(marker, JSON.stringify({ ...m, inputs: [...m.inputs, 'main/api/gone.ts'] }));
      expect(await check()).toBe('due');

      fs.writeFileSync(marker, saved);
      fs.writeFileSync(probe, 'x');
      expect(await check()).toBe('due');
      fs.rmSync(probe);
      expect(await check()).toBe('current');
    } finally {
      fs.rmSync(probe, { force: true });
      fs.writeFileSync(marker, saved);
    }
  }, 60_000);
});
