import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rendererProtocolHandler, resolveRendererFile } from '../../electron/app-protocol';

/** The app:// file server on its own, on a temp folder with a way out planted in it. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-app-protocol-'));
const root = path.join(dir, 'renderer');
fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
fs.writeFileSync(path.join(dir, 'secret.txt'), 'SECRET');
fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'assets', 'link.js'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const serve = rendererProtocolHandler(root, "default-src 'self'");

describe('the app:// protocol', () => {
  it('serves the renderer with its type, the CSP and nosniff', async () => {
    const res = await serve(new Request('app://renderer/assets/app.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
    expect((await serve(new Request('app://renderer/'))).status).toBe(200);
  });

  it('never leaves its folder: symlinks, encoded dots, other hosts, other methods', async () => {
    for (const [url, status] of [
      ['app://renderer/assets/link.js', 403],
      ['app://renderer/..%2fsecret.txt', 403],
      ['app://renderer/assets/..%2f..%2fsecret.txt', 403],
      ['app://renderer/%2e%2e%2fsecret.txt', 403],
      ['app://renderer/..%5csecret.txt', 400],
      ['app://renderer/%00', 400],
      ['app://renderer/%zz', 400],
      ['app://other/index.html', 403],
    ] as const) {
      const res = await serve(new Request(url));
      expect(res.status, url).toBe(status);
      expect(await res.text(), url).not.toContain('SECRET');
    }
    expect((await serve({ url: 'app://renderer/index.html', method: 'POST' })).status).toBe(405);
    expect(resolveRendererFile(root, 'app://renderer/index.html')).toEqual({
      file: path.join(root, 'index.html'),
    });
  });
});
