/**
 * The wiring of src/main/electron/main.ts, with `electron` replaced by fakes
 * that record every handler (importing the real package would try to
 * download Electron). The back end is the real one (createBackend is only
 * watched, to see what main.ts hands it): calls through the IPC channel reach
 * the real router, which answers or refuses them.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { INVOKE_CHANNEL } from '../../../src/shared/api';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  class Emitter {
    readonly listeners = new Map<string, Listener[]>();
    on(name: string, fn: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
      return this;
    }
    once(name: string, fn: Listener) {
      return this.on(name, fn);
    }
    emit(name: string, ...args: unknown[]) {
      for (const fn of this.listeners.get(name) ?? []) fn(...args);
    }
  }

  class FakeSession {
    permissionRequest: Listener | null = null;
    permissionCheck: Listener | null = null;
    devicePermission: Listener | null = null;
    beforeRequest: Listener | null = null;
    protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
    proxy: unknown = null;
    spellchecker: boolean | null = null;
    setPermissionRequestHandler(h: Listener) {
      this.permissionRequest = h;
    }
    setPermissionCheckHandler(h: Listener) {
      this.permissionCheck = h;
    }
    setDevicePermissionHandler(h: Listener) {
      this.devicePermission = h;
    }
    webRequest = { onBeforeRequest: (h: Listener) => (this.beforeRequest = h) };
    protocol = {
      handle: (scheme: string, h: (request: Request) => Promise<Response>) => this.protocolHandlers.set(scheme, h),
    };
    setSpellCheckerEnabled(on: boolean) {
      this.spellchecker = on;
    }
    async setProxy(config: unknown) {
      this.proxy = config;
    }
  }

  let nextId = 1;
  class FakeWebContents extends Emitter {
    readonly id = nextId++;
    windowOpenHandler: Listener | null = null;
    readonly mainFrame = { url: 'app://bundle/index.html', parent: null };
    setWindowOpenHandler(h: Listener) {
      this.windowOpenHandler = h;
    }
  }

  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    commandLine: { appendSwitch: vi.fn() },
    switches: [] as string[],
    paths: new Map<string, string>(),
    userData: '',
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    setProxy: vi.fn(async () => {}),
    getPath(name: string) {
      if (name === 'userData') return app.userData;
      throw new Error(`unexpected getPath(${name})`);
    },
    setPath(name: string, value: string) {
      app.paths.set(name, value);
    },
    ready: null as null | (() => void),
    whenReady() {
      return new Promise<void>((resolve) => (app.ready = resolve));
    },
  });

  const windows: Array<{
    options: Record<string, unknown>;
    webContents: FakeWebContents;
    loaded: string[];
    focus: () => void;
  }> = [];
  class BrowserWindow extends Emitter {
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    show() {}
    focus = vi.fn();
  }

  const ipcHandlers = new Map<string, Listener>();
  const defaultSession = new FakeSession();
  const partitions = new Map<string, FakeSession>();
  const schemes: unknown[] = [];
  const module = {
    app,
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, h: Listener) => ipcHandlers.set(channel, h),
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    protocol: { registerSchemesAsPrivileged: (list: unknown[]) => schemes.push(...list) },
    session: {
      defaultSession,
      fromPartition(name: string) {
        if (!partitions.has(name)) partitions.set(name, new FakeSession());
        return partitions.get(name)!;
      },
    },
    Menu: { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
  };
  return { module, app, windows, ipcHandlers, defaultSession, partitions, schemes, FakeWebContents };
});

vi.mock('electron', () => ({ ...fake.module, default: fake.module }));
vi.mock('../../../src/main/backend', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/main/backend')>();
  return { ...real, createBackend: vi.fn(real.createBackend) };
});

const userData = mkdtempSync(join(tmpdir(), 'dvpp-electron-'));

let backend: Backend;

beforeAll(async () => {
  fake.app.userData = userData;
  await import('../../../src/main/electron/main');
  fake.app.ready!();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
  const { createBackend } = await import('../../../src/main/backend');
  backend = await vi.mocked(createBackend).mock.results[0]!.value;
  vi.spyOn(backend, 'invoke');
  vi.spyOn(backend, 'shutdown');
});

afterAll(() => rmSync(userData, { recursive: true, force: true }));

const mainWindow = () => fake.windows[0]!;
const windowSession = () => [...fake.partitions.values()][0]!;

describe('main.ts start-up', () => {
  it('takes the single-instance lock, sandboxes, and registers app: as privileged before ready', () => {
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(fake.app.enableSandbox).toHaveBeenCalledOnce();
    expect(fake.app.commandLine.appendSwitch).toHaveBeenCalledWith('disable-background-networking');
    expect(fake.app.paths.get('crashDumps')).toBe(join(userData, 'crash-dumps'));
    expect(fake.schemes).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('opens one locked-down window on app://bundle/index.html with the preload', () => {
    const { options, loaded } = mainWindow();
    expect(loaded).toEqual(['app://bundle/index.html']);
    const prefs = options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      webviewTag: false,
      devTools: false,
    });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    // the window's session is an in-memory partition
    expect([...fake.partitions.keys()]).toHaveLength(1);
    expect([...fake.partitions.keys()][0]).not.toMatch(/^persist:/);
    expect(prefs.session).toBe(windowSession());
  });

  it('uses userData/data as the data folder', async () => {
    const { createBackend } = await import('../../../src/main/backend');
    expect(createBackend).toHaveBeenCalledWith({
      dataDir: join(userData, 'data'),
      pickers: expect.objectContaining({ folder: expect.any(Function), file: expect.any(Function) }),
      updateInstaller: expect.objectContaining({ install: expect.any(Function) }),
    });
  });

  it('never replaces the built-in update keys, the running version or the platform (those are for tests only)', async () => {
    const { createBackend } = await import('../../../src/main/backend');
    const options = vi.mocked(createBackend).mock.calls[0]![0];
    expect(options).not.toHaveProperty('updateKeys');
    expect(options).not.toHaveProperty('runningVersion');
    expect(options).not.toHaveProperty('updatePlatform');
  });

  it('refuses permission requests and checks, in both sessions', () => {
    for (const ses of [fake.defaultSession, windowSession()]) {
      const callback = vi.fn();
      ses.permissionRequest!({}, 'media', callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(ses.permissionCheck!({}, 'notifications', 'app://bundle', {})).toBe(false);
      expect(ses.devicePermission!({})).toBe(false);
      expect(ses.spellchecker).toBe(false);
      expect(ses.proxy).toEqual({ mode: 'direct' });
    }
    expect(fake.app.setProxy).toHaveBeenCalledWith({ mode: 'direct' });
  });

  it('cancels a web request to https://example.com and lets app:// through', () => {
    for (const ses of [fake.defaultSession, windowSession()]) {
      const callback = vi.fn();
      ses.beforeRequest!({ url: 'https://example.com/', resourceType: 'xhr' }, callback);
      expect(callback).toHaveBeenCalledWith({ cancel: true });
      ses.beforeRequest!({ url: 'app://bundle/assets/index.js', resourceType: 'script' }, callback);
      expect(callback).toHaveBeenLastCalledWith({ cancel: false });
    }
  });

  it('denies new windows and navigation away from the app', () => {
    const contents = mainWindow().webContents;
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const event = { url: 'https://example.com/', preventDefault: vi.fn() };
    contents.emit('will-navigate', event);
    expect(event.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('hardens every webContents, not only the window', () => {
    const other = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler!({ url: 'app://bundle/index.html' })).toEqual({ action: 'deny' });
  });

  it('focuses the first window when a second copy is started', () => {
    fake.app.emit('second-instance', {}, [], '');
    expect(mainWindow().focus).toHaveBeenCalled();
  });
});

describe('the IPC channel', () => {
  const handler = () => fake.ipcHandlers.get(INVOKE_CHANNEL)!;

  it('is the one channel, registered with ipcMain.handle', () => {
    expect([...fake.ipcHandlers.keys()]).toEqual([INVOKE_CHANNEL]);
  });

  it('passes verified:true for the main window on the app page', async () => {
    const sender = mainWindow().webContents;
    const result = await handler()({ sender, senderFrame: sender.mainFrame }, 'auth.status', {});
    expect(backend.invoke).toHaveBeenLastCalledWith('auth.status', {}, { verified: true });
    // the real back end answers: a new data folder waits for set-up
    expect(result).toEqual({ ok: true, value: { state: 'needs-setup' } });
  });

  it('passes verified:false for another webContents', async () => {
    const other = new fake.FakeWebContents();
    const result = await handler()({ sender: other, senderFrame: other.mainFrame }, 'auth.status', {});
    expect(backend.invoke).toHaveBeenLastCalledWith('auth.status', {}, { verified: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_SENDER' } });
  });

  it('passes verified:false for a sub-frame, a gone frame or a foreign page in the main window', async () => {
    const sender = mainWindow().webContents;
    const frames = [
      { url: 'app://bundle/index.html', parent: sender.mainFrame },
      null,
      { url: 'https://example.com/', parent: null },
    ];
    for (const senderFrame of frames) {
      const result = await handler()({ sender, senderFrame }, 'auth.status', {});
      expect(backend.invoke).toHaveBeenLastCalledWith('auth.status', {}, { verified: false });
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_SENDER' } });
    }
  });
});

describe('the app: protocol', () => {
  const bundle = mkdtempSync(join(tmpdir(), 'dvpp-bundle-'));

  beforeAll(() => {
    mkdirSync(join(bundle, 'assets'));
    writeFileSync(join(bundle, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(bundle, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(tmpdir(), 'dvpp-outside.txt'), 'secret');
  });
  afterAll(() => {
    rmSync(bundle, { recursive: true, force: true });
    rmSync(join(tmpdir(), 'dvpp-outside.txt'), { force: true });
  });

  const serve = async (url: string, method = 'GET') => {
    const { bundleHandler } = await import('../../../src/main/electron/main');
    return bundleHandler(bundle)(new Request(url, { method }));
  };

  it('is registered on the window session', () => {
    expect([...windowSession().protocolHandlers.keys()]).toEqual(['app']);
    expect(fake.defaultSession.protocolHandlers.size).toBe(0);
  });

  it('serves the bundle with the Content-Security-Policy', async () => {
    const response = await serve('app://bundle/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>t</title>');
    const script = await serve('app://bundle/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('refuses paths outside the bundle, missing files, folders and other methods', async () => {
    expect((await serve('app://bundle/assets/%2E%2E%2F%2E%2E%2Fdvpp-outside.txt')).status).toBe(404);
    expect((await serve('app://bundle/..%2Fdvpp-outside.txt')).status).toBe(404);
    expect((await serve('app://bundle/missing.js')).status).toBe(404);
    expect((await serve('app://bundle/assets')).status).toBe(404);
    expect((await serve('app://other/index.html')).status).toBe(404);
    expect((await serve('app://bundle/index.html', 'POST')).status).toBe(405);
  });

  it('answers 404 from the registered handler when the window was not built', async () => {
    const registered = windowSession().protocolHandlers.get('app')!;
    expect((await registered(new Request('app://bundle/index.html'))).status).toBe(404);
  });
});

describe('quitting', () => {
  it('shuts the back end down once, before the app quits', async () => {
    const event = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    fake.app.emit('window-all-closed');
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    expect(backend.shutdown).toHaveBeenCalledOnce();
    expect(fake.ipcHandlers.size).toBe(0);

    // the quit that follows goes through
    const again = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});
