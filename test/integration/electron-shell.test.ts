import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Sessions } from '../../main/domain/staff/sessions';
import { CONTENT_SECURITY_POLICY } from '../../main/security/csp';
import { FakeElectron, type FakeBrowserWindow } from '../helpers/fake-electron';
import { PINS, openTestShop, validWalkIn } from '../helpers/workstation';

/**
 * The Electron shell (electron/main.ts, security.ts, app-protocol.ts) loaded and run against a
 * faithful fake of the `electron` module, on a real shop database: what Electron would call, the
 * test calls, and it checks what the renderer would get back.
 */
const holder = vi.hoisted(() => ({ fake: null as null | { module: object } }));
vi.mock('electron', () => holder.fake!.module as Record<string, unknown>);

let userData: string;
let fake: FakeElectron;
const shell: { sessions: Sessions | null } = { sessions: null };
const api = (win: FakeBrowserWindow, method: unknown, input: unknown = {}, frame?: string) =>
  fake.invoke(win, 'api', [method, input], ...(frame === undefined ? [] : [frame])) as Promise<{
    ok: boolean;
    result?: Record<string, unknown>;
    error?: { code: string; details?: { key?: string } };
  }>;
const eventsTo = (win: FakeBrowserWindow) =>
  win.webContents.sent
    .filter((s) => s.channel === 'event')
    .map((s) => (s.args[0] as { name: string }).name);

function newWindow(): FakeBrowserWindow {
  // The app opens one window; more windows (any web contents) are made by the same constructor
  // main.ts uses, and the shell must keep their sessions apart.
  const { BrowserWindow } = fake.module;
  const win = new BrowserWindow({ webPreferences: {} });
  void win.loadURL('app://renderer/index.html');
  return win;
}

beforeAll(async () => {
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-electron-'));
  // Staff exist before the app starts, made the way every test makes them.
  const shop = await openTestShop({ dataDir: path.join(userData, 'data') });
  await shop.as('counter');
  await shop.as('manager');
  await shop.ws.close();
  // On PostgreSQL the shop's database is on the server: the app is started with `--db URL`.
  const switches = shop.dbUrl ? { db: shop.dbUrl } : undefined;

  // The shell's session store, found when it first signs someone in.
  const open = Sessions.prototype.open;
  vi.spyOn(Sessions.prototype, 'open').mockImplementation(function (this: Sessions, ...args) {
    shell.sessions = this;
    return open.apply(this, args);
  });
  fake = new FakeElectron({ userData, backend: 'gnome_libsecret', switches });
  holder.fake = fake;
  await import('../../electron/main');
  fake.ready();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 30_000 });
});

afterAll(async () => {
  if (!fake.quitted) {
    fake.module.app.quit();
    await vi.waitFor(() => expect(fake.quitted).toBe(true), { timeout: 30_000 });
  }
  fs.rmSync(userData, { recursive: true, force: true });
});

describe('the Electron shell, run', () => {
  it('sandboxes, registers app:// before ready and opens one hardened window on it', async () => {
    expect(fake.calls).toContain('app.enableSandbox');
    expect(fake.privilegedSchemes).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
      },
    ]);
    const [win] = fake.windows;
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String(win.options.webPreferences?.preload)).toMatch(/preload[\\/]preload\.js$/);
    expect(win.webContents.getURL()).toBe('app://renderer/index.html');
    const page = await win.lastLoad!;
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<div id="root">');
    await vi.waitFor(() => expect(win.shown).toBe(true));
  });

  it('serves only the renderer folder over app://, with the CSP on every answer', async () => {
    const pkg = '"name": "service-centre-workstation"';
    for (const [url, status] of [
      // (in this test the renderer folder is the source one, so ../package.json exists)
      ['app://renderer/../package.json', 404],
      ['app://renderer/..%2fpackage.json', 403],
      ['app://renderer/%2e%2e/package.json', 404],
      ['app://renderer/src/..%2F..%2Fpackage.json', 403],
      ['app://renderer/..%5cpackage.json', 400],
      ['app://renderer/index.html%00.png', 400],
      ['app://renderer/%E0%A4%A', 400],
      ['app://evil/index.html', 403],
      ['app://renderer/no-such-file.js', 404],
      ['app://renderer/src', 404],
    ] as const) {
      const res = await fake.fetchUrl(url);
      expect(res.status, url).toBe(status);
      expect(res.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(await res.text(), url).not.toContain(pkg);
    }
    await expect(fake.fetchUrl('file:///etc/passwd')).rejects.toThrow(/UNKNOWN_URL_SCHEME/);
  });

  it('adds the CSP header to whatever else the session loads, keeping other headers', () => {
    let got: Record<string, string[]> | undefined;
    fake.headersListener!(
      { url: 'http://localhost:5173/', responseHeaders: { 'X-Other': ['1'] } },
      (r) => (got = r.responseHeaders),
    );
    expect(got).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('denies navigation away, redirects, window.open, webviews and every permission', () => {
    const wc = fake.windows[0].webContents;
    expect(wc.navigate('https://evil.example/')).toBe(false);
    expect(wc.navigate('file:///etc/passwd')).toBe(false);
    expect(wc.navigate('app://renderer/other.html')).toBe(false);
    expect(wc.navigate('https://evil.example/', 'will-redirect')).toBe(false);
    expect(wc.navigate('app://renderer/index.html#/bench')).toBe(true);
    expect(wc.windowOpen('https://example.com/')).toEqual({ action: 'deny' });
    expect(wc.windowOpen('app://renderer/index.html')).toEqual({ action: 'deny' });
    expect(wc.attachWebview()).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'serial', 'clipboard-read']) {
      let granted: boolean | undefined;
      fake.permissionRequestHandler!(wc, p, (g) => (granted = g));
      expect(granted, p).toBe(false);
      expect(fake.permissionCheckHandler!(wc, p), p).toBe(false);
    }
  });

  it('serves IPC only to its own page, and never throws back', async () => {
    const [win] = fake.windows;
    for (const frame of [
      'https://evil.example/',
      'file:///etc/index.html',
      'app://renderer/other.html',
      'app://evil/index.html',
      'about:blank',
    ]) {
      const res = await api(win, 'auth.login', { name: 'Test counter', pin: PINS.counter }, frame);
      expect(res, frame).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', details: { key: 'errors.forbidden' } },
      });
    }
    // a frame that is gone (navigated away mid-call) has no URL
    expect(
      await fake.invoke(win, 'api', ['auth.me', {}], undefined as unknown as string),
    ).toMatchObject({
      ok: false,
    });
    for (const method of [42, null, '', 'x'.repeat(101), ['auth.me']]) {
      expect(await api(win, method)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // none of those signed anyone in
    expect(await api(win, 'auth.me')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await api(win, 'no.such.method')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('keeps one session per window and sends each event only to roles that may see it', async () => {
    const counter = fake.windows[0];
    const manager = newWindow();
    const nobody = newWindow();
    const login = await api(counter, 'auth.login', { name: 'Test counter', pin: PINS.counter });
    expect(login.ok).toBe(true);
    const counterToken = String(login.result!.token);
    const mgr = await api(manager, 'auth.login', { name: 'Test manager', pin: PINS.manager });
    const managerToken = String(mgr.result!.token);
    expect((await api(counter, 'auth.me')).result).toMatchObject({ staff: { role: 'counter' } });
    expect((await api(manager, 'auth.me')).result).toMatchObject({ staff: { role: 'manager' } });
    expect(await api(nobody, 'auth.me')).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(shell.sessions!.get(counterToken)).toMatchObject({
      role: 'counter',
      origin: 'ipc:window-1',
    });

    for (const w of fake.windows) w.webContents.sent.length = 0;
    const walkIn = validWalkIn();
    const intake = await api(counter, 'intake.commit', {
      ...walkIn,
      ticket: { ...walkIn.ticket, priority: 'emergency' },
    });
    expect(intake.ok).toBe(true);
    expect(eventsTo(counter)).toContain('ticket.created');
    expect(eventsTo(counter)).not.toContain('emergency');
    expect(eventsTo(manager)).toEqual(expect.arrayContaining(['ticket.created', 'emergency']));
    expect(eventsTo(nobody)).toEqual([]);

    // signing out in one window leaves the other signed in
    expect((await api(counter, 'auth.logout')).ok).toBe(true);
    expect(await api(counter, 'auth.me')).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(shell.sessions!.get(counterToken)).toBeNull();
    expect((await api(manager, 'auth.me')).ok).toBe(true);

    // closing a window ends its session, and events no longer go to it
    manager.close();
    expect(shell.sessions!.get(managerToken)).toBeNull();
    nobody.close();
  });

  it('the Go menu sends app.navigate to the focused window', () => {
    const [win] = fake.windows;
    win.focus();
    win.webContents.sent.length = 0;
    const menu = fake.menu as {
      template: Array<{ label: string; submenu: Array<{ label: string; click?: () => void }> }>;
    };
    const go = menu.template.find((m) => m.label === 'Go')!;
    go.submenu.find((i) => i.label === 'Bench')!.click!();
    expect(win.webContents.sent).toEqual([
      { channel: 'event', args: [{ name: 'app.navigate', payload: { to: '/bench' } }] },
    ]);
  });

  it('a second start focuses the open window; with every window closed, activate opens one', async () => {
    const [win] = fake.windows.filter((w) => !w.destroyed);
    fake.focused = null;
    fake.emitApp('second-instance', [], process.cwd());
    expect(fake.focused).toBe(win);
    win.close();
    fake.emitApp('activate');
    const again = fake.windows[fake.windows.length - 1];
    expect(again).not.toBe(win);
    expect(again.webContents.getURL()).toBe('app://renderer/index.html');
    expect((await again.lastLoad!).status).toBe(200);
    expect(await api(again, 'auth.me')).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('closes the shop before it quits', async () => {
    fake.module.app.quit();
    expect(fake.quitted).toBe(false); // held back until the workstation has closed
    await vi.waitFor(() => expect(fake.quitted).toBe(true), { timeout: 30_000 });
    expect(fs.readdirSync(path.join(userData, 'data', 'backups')).join(' ')).toMatch(/exit/);
  });
});
