/**
 * Electron's main process: one instance, one window, one IPC channel, the back
 * end for the data folder, and the "no network" hardening (DESIGN.md
 * sections 2 and 4).
 *
 * - Production: the window is served from `app://bundle/`, a privileged scheme
 *   answered from the built renderer folder inside the app (`.vite/renderer/`),
 *   with a strict Content-Security-Policy.
 * - Development (`electron-forge start`): the window loads the Vite dev server
 *   Forge started on localhost; the data folder is `data-development`, so a
 *   development build never opens the data of an installed copy.
 *
 * The window uses an in-memory session (a partition without the `persist:`
 * prefix): nothing the window stores (local storage, caches) reaches the disk.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
  type Session,
} from 'electron';
import { INVOKE_CHANNEL } from '../../shared/api';
import type { ApiResult } from '../../shared/errors';
import { createBackend, type Backend } from '../backend';
import { log } from '../log';
import { dialogFileSaver } from './save-file';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  hardenApp,
  hardenSession,
  hardenWebContents,
  isTrustedSender,
  modeFor,
  resolveBundlePath,
  type Mode,
  type Refusal,
} from './hardening';
import { nativePickers } from './pickers';
import { electronUpdateInstaller, removeReplacedBundle } from './update-install';

// Defined by Forge's Vite plugin at build time (`define`): the dev server URL
// under `electron-forge start` only, and the renderer's name. Read with
// `typeof` so an undefined one (a plain build, the tests) is not a ReferenceError.
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string | undefined;

const devServerUrl = typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' ? MAIN_WINDOW_VITE_DEV_SERVER_URL : null;
const rendererName = typeof MAIN_WINDOW_VITE_NAME === 'string' ? MAIN_WINDOW_VITE_NAME : 'main_window';

/** No `persist:` prefix: an in-memory session. */
const WINDOW_PARTITION = 'case-manager-window';
const PRODUCT_NAME = 'DVPP Case Manager';
const SHUTDOWN_TIMEOUT_MS = 15_000;

const refused: Refusal = (what, scheme) => log.info(`refused ${what}${scheme ? ` (${scheme})` : ''}`);

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The `app:` protocol: files of the built renderer only, with the CSP. */
export function bundleHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveBundlePath(root, request.url);
    if (!file) return notFound();
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return notFound();
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': contentTypeFor(file),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cache-Control': 'no-store',
      },
    });
  };
}

function buildMenu(mode: Mode): Menu {
  // Roles only: no Help menu (Electron's default one links to websites).
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (mode.kind === 'development') view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  const template: MenuItemConstructorOptions[] = [
    process.platform === 'darwin' ? { role: 'appMenu' } : { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const mode = modeFor(devServerUrl, app.isPackaged);
  const dataDir = join(app.getPath('userData'), mode.kind === 'development' ? 'data-development' : 'data');
  hardenApp(app, join(app.getPath('userData'), 'crash-dumps'));
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);

  let mainWindow: BrowserWindow | null = null;
  let backend: Backend | null = null;
  let shutdownPromise: Promise<void> | null = null;
  let shutDown = false;

  const shutdownOnce = (): Promise<void> => {
    shutdownPromise ??= (async () => {
      ipcMain.removeHandler(INVOKE_CHANNEL);
      const current = backend;
      backend = null;
      if (!current) return;
      // Closing the session writes its audit entry and closes the database; a hang must not keep the program open.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          log.error('shutting down the back end took too long; quitting anyway');
          resolve();
        }, SHUTDOWN_TIMEOUT_MS);
      });
      await Promise.race([
        current.shutdown().catch((err: unknown) => log.error('shutting down the back end failed', err)),
        timeout,
      ]);
      clearTimeout(timer);
    })().finally(() => {
      shutDown = true;
    });
    return shutdownPromise;
  };

  const isTrusted = (event: IpcMainInvokeEvent): boolean => {
    try {
      const frame = event.senderFrame;
      return isTrustedSender(
        {
          fromMainWindow: mainWindow !== null && !mainWindow.isDestroyed() && event.sender === mainWindow.webContents,
          isMainFrame: frame !== null && frame.parent === null,
          frameUrl: frame?.url ?? null,
        },
        mode,
      );
    } catch {
      return false; // the frame went away while we looked at it
    }
  };

  const invoke = async (event: IpcMainInvokeEvent, route: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    const verified = isTrusted(event);
    const current = backend;
    if (!current) return { ok: false, error: { code: 'LOCKED', message: 'The program is closing.' } };
    try {
      return await current.invoke(route, input, { verified });
    } catch (err) {
      log.error('a call to the back end failed outside the router', err);
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong and nothing was saved.' } };
    }
  };

  const createWindow = (windowSession: Session): BrowserWindow => {
    const win = new BrowserWindow({
      width: 1280,
      height: 820,
      minWidth: 960,
      minHeight: 600,
      show: false,
      title: PRODUCT_NAME,
      backgroundColor: '#ffffff',
      webPreferences: {
        preload: join(__dirname, 'preload.cjs'),
        session: windowSession,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
        devTools: mode.kind === 'development',
      },
    });
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    const url = mode.kind === 'development' ? mode.devServerUrl : APP_ENTRY_URL;
    win.loadURL(url).catch((err: unknown) => log.error('the window could not be loaded', err));
    return win;
  };

  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  // Every web page, whoever creates it (the window, DevTools), gets the same rules.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, mode, refused));

  // Closing the window ends the program: the session is closed and the database locked.
  app.on('window-all-closed', () => {
    void shutdownOnce().finally(() => app.quit());
  });

  app.on('before-quit', (event) => {
    if (shutDown) return;
    event.preventDefault();
    void shutdownOnce().finally(() => app.quit());
  });

  app
    .whenReady()
    .then(async () => {
      await app.setProxy({ mode: 'direct' });
      await hardenSession(session.defaultSession, mode, refused);
      const windowSession = session.fromPartition(WINDOW_PARTITION);
      await hardenSession(windowSession, mode, refused);
      windowSession.protocol.handle(APP_SCHEME, bundleHandler(join(__dirname, '..', 'renderer', rendererName)));

      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      backend = await createBackend({
        dataDir,
        pickers: nativePickers(() => mainWindow),
        updateInstaller: electronUpdateInstaller(app),
      });
      void removeReplacedBundle(app).catch((err: unknown) => log.error('the replaced program could not be removed', err));
      backend.fileSaver = dialogFileSaver(() => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null));
      ipcMain.handle(INVOKE_CHANNEL, invoke);

      Menu.setApplicationMenu(buildMenu(mode));
      mainWindow = createWindow(windowSession);
    })
    .catch((err: unknown) => {
      log.error('the program could not start', err);
      dialog.showErrorBox(
        `${PRODUCT_NAME} could not start`,
        'The program could not open its data folder or its window. Please restart the computer and try again. If it happens again, tell your administrator.',
      );
      app.quit();
    });
}

start();
