import { EventEmitter } from 'node:events';

/**
 * A stand-in for the `electron` module (the binary cannot be downloaded here), for
 * `vi.mock('electron', ...)`. It keeps what the shell registers (IPC handlers, protocol handlers,
 * session hooks, web-contents listeners) and lets a test drive them the way Electron would: an
 * `invoke` from a frame at some URL, a navigation, a `window.open`, a permission request, a
 * window closing, quitting. It also refuses what Electron refuses (privileged schemes after
 * ready, windows and protocol handlers before ready, a second handler for one IPC channel), so a
 * shell that calls things in the wrong order fails here as it would in the app.
 */

export interface FakeOptions {
  userData: string;
  backend?: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';
  encryptionAvailable?: boolean;
  singleInstance?: boolean;
  /** What `dialog.showMessageBox` answers (the button index). */
  messageBoxResponse?: number;
  /** Command-line switches (`--db URL` → `{ db: URL }`), as `app.commandLine` reads them. */
  switches?: Record<string, string>;
}

/** Electron's event objects: `preventDefault()` and whether it was called. */
export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export class FakeElectron {
  readonly calls: string[] = [];
  isReady = false;
  exitCode: number | null = null;
  quitted = false;
  readonly privilegedSchemes: Array<{ scheme: string; privileges?: Record<string, boolean> }> = [];
  readonly protocolHandlers = new Map<string, ProtocolHandler>();
  readonly ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  readonly windows: FakeBrowserWindow[] = [];
  readonly errorBoxes: Array<{ title: string; content: string }> = [];
  readonly messageBoxes: unknown[] = [];
  headersListener:
    | ((
        details: { url: string; responseHeaders?: Record<string, string[]> },
        cb: (r: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void)
    | null = null;
  permissionRequestHandler:
    ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null;
  permissionCheckHandler: ((wc: unknown, permission: string) => boolean) | null = null;
  menu: unknown = null;
  private nextContentsId = 1;
  private readonly appEvents = new EventEmitter();
  private readyResolve!: () => void;
  private readonly readyPromise = new Promise<void>((r) => (this.readyResolve = r));

  constructor(readonly opts: FakeOptions) {}

  /** Fires `ready`, as Electron does once it has started. */
  ready(): void {
    this.isReady = true;
    this.readyResolve();
    this.appEvents.emit('ready');
  }

  focused: FakeBrowserWindow | null = null;

  /** An app event as Electron emits it: 'activate' (dock click), 'second-instance', ... */
  emitApp(name: string, ...args: unknown[]): void {
    this.appEvents.emit(name, new FakeEvent(), ...args);
  }

  private built: FakeElectronModule | null = null;

  /** The module object `vi.mock('electron', () => fake.module)` returns (built once). */
  get module(): FakeElectronModule {
    this.built ??= this.build();
    return this.built;
  }

  private build(): FakeElectronModule {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const fake = this;
    const app = {
      isPackaged: false,
      getPath(name: string) {
        if (name !== 'userData') throw new Error(`fake app.getPath: ${name} not faked`);
        return fake.opts.userData;
      },
      getVersion: () => '0.0.0-test',
      commandLine: {
        // Electron answers '' for a switch that is not there
        getSwitchValue: (name: string) => fake.opts.switches?.[name] ?? '',
        hasSwitch: (name: string) => fake.opts.switches?.[name] !== undefined,
      },
      enableSandbox() {
        if (fake.isReady)
          throw new Error('app.enableSandbox() can only be called before app is ready');
        fake.calls.push('app.enableSandbox');
      },
      requestSingleInstanceLock: () => fake.opts.singleInstance ?? true,
      whenReady: () => fake.readyPromise,
      on(name: string, listener: (...args: unknown[]) => void) {
        fake.appEvents.on(name, listener);
        return app;
      },
      once(name: string, listener: (...args: unknown[]) => void) {
        fake.appEvents.once(name, listener);
        return app;
      },
      quit() {
        fake.calls.push('app.quit');
        const e = new FakeEvent();
        fake.appEvents.emit('before-quit', e);
        if (!e.defaultPrevented) fake.quitted = true;
      },
      exit(code = 0) {
        fake.calls.push(`app.exit(${code})`);
        fake.exitCode = code;
      },
    };
    class BrowserWindow extends FakeBrowserWindow {
      constructor(options: FakeWindowOptions) {
        if (!fake.isReady) throw new Error('Cannot create BrowserWindow before app is ready');
        super(fake, fake.nextContentsId++, options);
        fake.windows.push(this);
        fake.focused = this;
        fake.appEvents.emit('web-contents-created', new FakeEvent(), this.webContents);
      }
      static getAllWindows() {
        return fake.windows.filter((w) => !w.destroyed);
      }
      static getFocusedWindow() {
        return fake.focused && !fake.focused.destroyed ? fake.focused : null;
      }
    }
    return {
      app,
      BrowserWindow,
      Menu: {
        buildFromTemplate: (template: unknown[]) => ({ template }),
        setApplicationMenu(menu: unknown) {
          fake.menu = menu;
        },
      },
      dialog: {
        showErrorBox(title: string, content: string) {
          fake.errorBoxes.push({ title, content });
        },
        async showMessageBox(options: unknown) {
          fake.messageBoxes.push(options);
          return { response: fake.opts.messageBoxResponse ?? 1, checkboxChecked: false };
        },
      },
      ipcMain: {
        handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) {
          if (fake.ipcHandlers.has(channel)) {
            throw new Error(`Attempted to register a second handler for '${channel}'`);
          }
          fake.ipcHandlers.set(channel, handler);
        },
      },
      protocol: {
        registerSchemesAsPrivileged(schemes: FakeElectron['privilegedSchemes']) {
          if (fake.isReady) {
            throw new Error(
              'protocol.registerSchemesAsPrivileged should be called before app is ready',
            );
          }
          fake.privilegedSchemes.push(...schemes);
        },
        handle(scheme: string, handler: ProtocolHandler) {
          if (!fake.isReady) throw new Error('protocol.handle before app is ready');
          if (fake.protocolHandlers.has(scheme)) {
            throw new Error(`Failed to register protocol: ${scheme}`);
          }
          fake.protocolHandlers.set(scheme, handler);
        },
      },
      session: {
        defaultSession: {
          webRequest: {
            onHeadersReceived(listener: FakeElectron['headersListener']) {
              fake.headersListener = listener;
            },
          },
          setPermissionRequestHandler(h: FakeElectron['permissionRequestHandler']) {
            fake.permissionRequestHandler = h;
          },
          setPermissionCheckHandler(h: FakeElectron['permissionCheckHandler']) {
            fake.permissionCheckHandler = h;
          },
        },
      },
      safeStorage: {
        isEncryptionAvailable: () => fake.opts.encryptionAvailable ?? true,
        getSelectedStorageBackend: () => {
          if (!fake.isReady) throw new Error('safeStorage backend is only known after ready');
          return fake.opts.backend ?? 'gnome_libsecret';
        },
        encryptString: (s: string) =>
          Buffer.concat([Buffer.from('fake-keychain:'), Buffer.from(s).reverse()]),
        decryptString(b: Buffer) {
          const tag = Buffer.from('fake-keychain:');
          if (!b.subarray(0, tag.length).equals(tag)) throw new Error('Error while decrypting');
          return Buffer.from(b.subarray(tag.length)).reverse().toString();
        },
      },
    };
  }

  /** Loads a URL the way a window would: through the registered protocol handler for a custom
   * scheme (a scheme nobody handles fails like ERR_UNKNOWN_URL_SCHEME). */
  async fetchUrl(url: string): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.protocolHandlers.get(scheme);
    if (!handler) throw new Error(`ERR_UNKNOWN_URL_SCHEME (${url})`);
    return handler(new Request(url));
  }

  /** `ipcRenderer.invoke('api', ...)` from a window's frame at `frameUrl` (default: the page
   * the window shows). Arguments and result cross by structured clone, as over real IPC. */
  async invoke(
    win: FakeBrowserWindow,
    channel: string,
    args: unknown[],
    frameUrl: string | undefined = win.webContents.getURL(),
  ): Promise<unknown> {
    const handler = this.ipcHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const event = {
      sender: win.webContents,
      senderFrame: frameUrl === undefined ? null : { url: frameUrl },
    };
    return structuredClone(await handler(event, ...structuredClone(args)));
  }
}

/** What the tests reach for directly; the rest is whatever main.ts imports. */
export interface FakeElectronModule {
  app: { quit(): void; [name: string]: unknown };
  BrowserWindow: new (options: FakeWindowOptions) => FakeBrowserWindow;
  [name: string]: unknown;
}

interface FakeWindowOptions {
  webPreferences?: Record<string, unknown>;
  [key: string]: unknown;
}

export class FakeWebContents extends EventEmitter {
  url = '';
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  constructor(readonly id: number) {
    super();
  }
  getURL(): string {
    return this.url;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    // What crosses to the renderer is a structured clone: functions or class instances fail.
    this.sent.push({ channel, args: structuredClone(args) });
  }
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h;
  }
  /** The page asks to navigate (a link, `location = ...`): listeners may prevent it. */
  navigate(url: string, kind: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const e = new FakeEvent();
    this.emit(kind, e, url);
    if (!e.defaultPrevented) this.url = url;
    return !e.defaultPrevented;
  }
  /** `window.open(url)` from the page: what the handler decides (Electron allows by default). */
  windowOpen(url: string): { action: string } {
    return this.windowOpenHandler ? this.windowOpenHandler({ url }) : { action: 'allow' };
  }
  /** A `<webview>` about to attach: true when it would. */
  attachWebview(): boolean {
    const e = new FakeEvent();
    this.emit('will-attach-webview', e, {}, {});
    return !e.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents: FakeWebContents;
  destroyed = false;
  shown = false;
  lastLoad: Promise<Response> | null = null;
  constructor(
    private readonly fake: FakeElectron,
    id: number,
    readonly options: FakeWindowOptions,
  ) {
    super();
    this.webContents = new FakeWebContents(id);
  }
  loadURL(url: string): Promise<void> {
    this.webContents.url = url;
    this.lastLoad = this.fake.fetchUrl(url);
    return this.lastLoad.then(() => void this.emit('ready-to-show'));
  }
  loadFile(): Promise<void> {
    throw new Error('the shell must not load file:// pages');
  }
  show(): void {
    this.shown = true;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {
    this.fake.focused = this;
  }
  /** The user closes the window: its web contents are destroyed, then 'closed' fires. */
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.webContents.emit('destroyed');
    this.emit('closed');
  }
}
