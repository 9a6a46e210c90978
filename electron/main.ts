import path from 'node:path';
import { BrowserWindow, Menu, app, ipcMain, type WebContents } from 'electron';
import { createWorkstation, type Workstation } from '../main/app';
import { eventVisibleTo } from '../main/events';
import { buildMenu } from './menu';
import { SafeStorageKeyProvider } from './safe-storage-key';
import { hardenApp } from './security';
import { isTrustedRendererUrl } from './trusted-url';

const devServer = process.env.ELECTRON_RENDERER_URL;
const rendererFile = path.join(__dirname, '../renderer/index.html');
const rendererUrl = () => devServer ?? new URL(`file://${rendererFile}`).href;

let workstation: Workstation | null = null;
/** One session per window: the token never reaches the renderer's JavaScript in the app. */
const tokens = new Map<number, string>();

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
      spellcheck: false,
    },
  });
  const id = win.webContents.id;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    const token = tokens.get(id);
    if (token) workstation?.services.sessions.close(token);
    tokens.delete(id);
  });
  if (devServer) void win.loadURL(devServer);
  else void win.loadFile(rendererFile);
  return win;
}

async function handleApi(sender: WebContents, frameUrl: string | undefined, method: unknown, input: unknown) {
  if (!workstation || typeof method !== 'string' || !frameUrl || !isTrustedRendererUrl(frameUrl, rendererUrl())) {
    return { ok: false, error: { code: 'FORBIDDEN', message: 'Untrusted caller.', details: { key: 'errors.forbidden' } } };
  }
  const token = tokens.get(sender.id) ?? null;
  const res = await workstation.dispatcher.call(method, input, { token, origin: `ipc:window-${sender.id}` });
  if (res.ok && method === 'auth.login') tokens.set(sender.id, (res.result as { token: string }).token);
  if (method === 'auth.logout') tokens.delete(sender.id);
  return res;
}

function forwardEvents(ws: Workstation): void {
  ws.events.subscribe((msg) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const session = ws.services.sessions.get(tokens.get(win.webContents.id));
      if (session && eventVisibleTo(msg.name, session.role)) win.webContents.send('event', msg);
    }
  });
}

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

  app.whenReady().then(async () => {
    hardenApp(rendererUrl);
    Menu.setApplicationMenu(buildMenu(!!devServer));
    const userData = app.getPath('userData');
    workstation = await createWorkstation({
      dataDir: path.join(userData, 'data'),
      keyProvider: new SafeStorageKeyProvider(path.join(userData, 'keys', 'passcode.key.enc')),
    });
    forwardEvents(workstation);
    ipcMain.handle('api', (event, method: unknown, input: unknown) =>
      handleApi(event.sender, event.senderFrame?.url, method, input),
    );
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
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
