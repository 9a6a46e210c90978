import path from 'node:path';
import {
  BrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  type WebContents,
} from 'electron';
import { createWorkstation, type Workstation } from '../main/app';
import { keepHeapWhenIdle } from '../main/runtime/idle-heap';
import type { CallResult } from '../main/api/dispatcher';
import { eventVisibleTo } from '../main/events';
import { DatabaseStartupError, replaceDatabaseFile } from '../main/safety/startup';
import { ENGINE_START_TITLE, EngineStartError, langOf } from '../main/db/engine-errors';
import { DB_URL_ENV } from '../main/db/engine';
import { databaseChosen } from '../main/db/join';
import { CONTENT_SECURITY_POLICY } from '../main/security/csp';
import { RENDERER_SCHEME_PRIVILEGES, rendererProtocolHandler } from './app-protocol';
import { buildMenu } from './menu';
import { SafeStorageKeyProvider, keychainRefusal, safeStorageSealer } from './safe-storage-key';
import { FileSecretStore } from '../main/domain/messages/channels/secret-store';
import { hardenApp } from './security';
import { SetupOverIpc, isSetupMethod } from './setup-ipc';
import { isUpgradeMethod, upgradeCall, upgradeDeskFor } from './upgrade-ipc';
import type { UpgradeDesk } from '../main/setup/upgrade-answer';
import { BUILT_RENDERER_URL, RENDERER_SCHEME, isTrustedIpcCall } from './trusted-url';

// electron-vite dev sets this; a packaged app never loads anything but its own files.
const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
/** The built renderer, served as app://renderer/... (app-protocol.ts), never as file://. */
const rendererRoot = path.join(__dirname, '../renderer');
const rendererUrl = () => devServer ?? BUILT_RENDERER_URL;

let workstation: Workstation | null = null;
/** First start only: Setup's requests until the person has chosen a database. */
let setup: SetupOverIpc | null = null;
/** A newer build on a shop database other stations use: the admin's upgrade, before opening. */
let upgrade: UpgradeDesk | null = null;
/** One session per window, keyed by webContents id: the renderer never needs to hold the token. */
const tokens = new Map<number, string>();

const refused = (code: 'FORBIDDEN' | 'INTERNAL', message: string): CallResult => ({
  ok: false,
  error: {
    code,
    message,
    details: { key: code === 'FORBIDDEN' ? 'errors.forbidden' : 'errors.internal' },
  },
});

function forgetSession(id: number): void {
  const token = tokens.get(id);
  if (token) workstation?.services.sessions.close(token);
  tokens.delete(id);
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 960,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Service Centre Workstation',
    webPreferences: {
      preload: path.join(__dirname, '../preload/preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl());
  return win;
}

/** The IPC side of the one API: check the caller, attach its window's session, never throw. */
async function handleApi(
  sender: WebContents,
  frameUrl: string | undefined,
  method: unknown,
  input: unknown,
): Promise<CallResult> {
  if (!isTrustedIpcCall(frameUrl, method, rendererUrl())) {
    return refused('FORBIDDEN', 'Untrusted caller.');
  }
  try {
    if (isSetupMethod(method)) {
      // Setup's screen asks on every start; only a first start has anything to choose.
      if (setup) return await setup.call(method, input, workstation !== null || upgrade !== null);
      if (method === 'setup.state') return { ok: true, result: { needed: false } };
    }
    const id = sender.id;
    if (isUpgradeMethod(method)) {
      const meta = { origin: `ipc:window-${id}`, workstationOpen: workstation !== null };
      return await upgradeCall(upgrade, method, input, meta);
    }
    if (!workstation) return refused('FORBIDDEN', 'Untrusted caller.');
    const res = await workstation.dispatcher.call(method, input, {
      token: tokens.get(id) ?? null,
      origin: `ipc:window-${id}`,
    });
    if (res.ok && method === 'auth.login') {
      const token = (res.result as { token: string }).token;
      if (tokens.get(id) !== token) forgetSession(id);
      tokens.set(id, token);
    }
    if (method === 'auth.logout') tokens.delete(id);
    return res;
  } catch (err) {
    console.error('[electron] api call failed', err);
    return refused('INTERNAL', 'Internal error.');
  }
}

function forwardEvents(ws: Workstation): void {
  // A session ended by someone else (deactivated, new role, PIN reset) or by the clock: the
  // window holding it forgets it and goes to sign-in, told why.
  ws.services.sessions.onEnd((token, reason) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const id = win.webContents.id;
      if (tokens.get(id) !== token) continue;
      tokens.delete(id);
      win.webContents.send('event', { name: 'session.ended', payload: { reason } });
    }
  });
  ws.events.subscribe((msg) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const session = ws.services.sessions.get(tokens.get(win.webContents.id));
      if (session && eventVisibleTo(msg.name, session.role)) win.webContents.send('event', msg);
    }
  });
}

function navigate(to: string): void {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  win?.webContents.send('event', { name: 'app.navigate', payload: { to } });
}

/** The passcode key and the message-channel credentials, both behind the OS keychain, beside
 * (never inside) the data folder. */
function shopKeys(dataDir: string, keys: SafeStorageKeyProvider) {
  return {
    keyProvider: keys,
    // a station that joined the shop's database keeps its password sealed the same way
    databaseSealer: safeStorageSealer,
    secretStore: new FileSecretStore(
      path.join(path.dirname(dataDir), 'keys', 'message-channels.enc'),
      safeStorageSealer,
    ),
    backups: 'auto' as const,
    devices: {},
    // The outbox worker sends customer messages (issue 16).
    messages: {},
  };
}

/** Opens the shop's database. A damaged or vanished one is never replaced by an empty one: the
 * operator is told in plain words and offered the newest verified backup. */
async function openWorkstation(
  dataDir: string,
  keys: SafeStorageKeyProvider,
  dbUrl: string | undefined,
): Promise<Workstation> {
  try {
    return await createWorkstation({ dataDir, dbUrl, ...shopKeys(dataDir, keys) });
  } catch (err) {
    if (!(err instanceof DatabaseStartupError) || !err.latestBackup) throw err;
    const { dir, manifest } = err.latestBackup;
    const choice = await dialog.showMessageBox({
      type: 'error',
      title: 'The shop database needs attention',
      message: err.message,
      detail: `Restore the backup from ${new Date(manifest.createdAt).toLocaleString()}? The current file is kept beside it, nothing is deleted.`,
      buttons: ['Restore this backup', 'Quit'],
      defaultId: 0,
      cancelId: 1,
    });
    if (choice.response !== 0) throw err;
    replaceDatabaseFile(dataDir, path.join(dir, manifest.file), Date.now());
    return createWorkstation({ dataDir, dbUrl, ...shopKeys(dataDir, keys) });
  }
}

/** Opens the workstation; a start that stops because the shop's database needs an admin's
 * upgrade (ENGINE_UPGRADE_NEEDED on PostgreSQL) shows the upgrade screen in the window first and
 * opens once the database is upgraded. */
async function openOrUpgrade(
  dataDir: string,
  keys: SafeStorageKeyProvider,
  dbUrl: string | undefined,
): Promise<Workstation> {
  try {
    return await openWorkstation(dataDir, keys, dbUrl);
  } catch (err) {
    upgrade = upgradeDeskFor(err, dataDir, { dbUrl, sealer: safeStorageSealer });
    if (!upgrade) throw err;
    console.log(`[electron] ${(err as EngineStartError).text('en')}`);
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
    await upgrade.done;
    return openWorkstation(dataDir, keys, dbUrl);
  }
}

/** Every web contents that ever signs in loses its session when it is destroyed (its window
 * closed), whoever created it. */
function forgetSessionsOfClosedContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    const id = contents.id;
    contents.once('destroyed', () => forgetSession(id));
  });
}

async function start(): Promise<void> {
  // Device passcodes are only as safe as the key that encrypts them: refuse to start on a
  // keychain that is no keychain (Linux without a secret service: a hard-coded password).
  const refusal = keychainRefusal(safeStorage, process.platform);
  if (refusal) throw new Error(refusal);
  protocol.handle(RENDERER_SCHEME, rendererProtocolHandler(rendererRoot, CONTENT_SECURITY_POLICY));
  hardenApp(rendererUrl, devServer);
  forgetSessionsOfClosedContents();
  Menu.setApplicationMenu(buildMenu(!!devServer, navigate));
  const userData = app.getPath('userData');
  const dataDir = path.join(userData, 'data');
  const keyFile = path.join(userData, 'keys', 'passcode.key.enc');
  // `--db postgres://…` on the command line; else WORKSTATION_DB_URL, the data folder's
  // database.json, or SQLite in the data folder (main/db/engine.ts).
  const dbUrl = app.commandLine.getSwitchValue('db') || undefined;
  ipcMain.handle('api', (event, method: unknown, input: unknown) =>
    handleApi(event.sender, event.senderFrame?.url, method, input),
  );
  // A dock click with no window open: Setup's window, or the workstation's (not while it opens:
  // the window made then below is the one).
  app.on('activate', () => {
    if ((setup || upgrade || workstation) && BrowserWindow.getAllWindows().length === 0)
      createWindow();
  });
  if (!dbUrl && !process.env[DB_URL_ENV] && !databaseChosen(dataDir)) {
    // First start: the window shows Setup (This PC only / Join the shop's database); the
    // joined station's password and an adopted passcode key are sealed by the OS keychain.
    setup = new SetupOverIpc(dataDir, { sealer: safeStorageSealer, keyFile });
    createWindow();
    await setup.choice;
  }
  workstation = await openOrUpgrade(dataDir, new SafeStorageKeyProvider(keyFile), dbUrl);
  forwardEvents(workstation);
  // Setup's (or the upgrade's) window reloads itself into the workstation once
  // `setup.state` (`upgrade.state`) says so.
  if (BrowserWindow.getAllWindows().length === 0) createWindow();
}

keepHeapWhenIdle();
app.enableSandbox();
// Before ready, as Electron requires: the renderer's scheme gets an origin and a secure context.
protocol.registerSchemesAsPrivileged([RENDERER_SCHEME_PRIVILEGES]);
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      console.error('[electron] start-up failed', err);
      if (err instanceof EngineStartError) {
        // a wrong address, password or server: one sentence in the person's language
        const lang = langOf(app.getLocale());
        dialog.showErrorBox(ENGINE_START_TITLE[lang], err.text(lang));
        app.exit(1);
        return;
      }
      dialog.showErrorBox(
        'Service Centre Workstation could not start',
        `${err instanceof Error ? err.message : String(err)}\n\nData folder: ${path.join(app.getPath('userData'), 'data')}`,
      );
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closing = false;
  app.on('before-quit', (e) => {
    if (closing || !workstation) return;
    e.preventDefault();
    closing = true;
    void workstation.close().finally(() => app.quit());
  });
}
