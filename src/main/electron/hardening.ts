/**
 * "No network" (DESIGN.md section 4). The decisions are pure functions of a
 * URL and the mode, tested under plain Node; the `harden*` functions below
 * wire them into Electron's hooks. This file imports only Electron's types,
 * so tests hand it recording fakes instead of the real objects.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { App, Session, WebContents } from 'electron';

/** The app's own privileged scheme. The window is served from `app://bundle/`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * - production: only `app://bundle/...`
 * - development (`electron-forge start`): also the Vite dev server's origin
 *   (its page, modules and its hot-reload WebSocket)
 */
export type Mode = { kind: 'production' } | { kind: 'development'; devServerUrl: string };

export const PRODUCTION: Mode = { kind: 'production' };

/**
 * The mode for this start: development only when Forge's Vite plugin handed us
 * a dev server URL and the app is not packaged; a packaged build is always
 * production, whatever it was given.
 */
export function modeFor(devServerUrl: string | null | undefined, isPackaged: boolean): Mode {
  if (isPackaged || !devServerUrl) return PRODUCTION;
  const parsed = parse(devServerUrl);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return PRODUCTION;
  if (!isLoopbackHost(parsed.hostname)) return PRODUCTION;
  return { kind: 'development', devServerUrl: parsed.origin };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** `app://bundle/...`. (Node's URL gives custom schemes an opaque origin, so compare scheme and host.) */
function isBundleUrl(url: URL): boolean {
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}

function isDevServerUrl(url: URL, mode: Mode, protocols: readonly string[]): boolean {
  if (mode.kind !== 'development') return false;
  const dev = new URL(mode.devServerUrl);
  const socket = dev.protocol === 'https:' ? 'wss:' : 'ws:';
  return (
    protocols.includes(url.protocol) &&
    url.host === dev.host &&
    (url.protocol === dev.protocol || url.protocol === socket)
  );
}

/** Is this URL a page of the app itself (the window's own origin)? */
export function isAppUrl(rawUrl: string, mode: Mode): boolean {
  const url = parse(rawUrl);
  if (!url) return false;
  if (isBundleUrl(url)) return true;
  return isDevServerUrl(url, mode, ['http:', 'https:']);
}

/**
 * May the window (or any frame in it) navigate to this URL? Only to the app's
 * own pages: links to websites, `file:` URLs and everything else are refused.
 * DevTools pages may navigate within DevTools.
 */
export function isNavigationAllowed(rawUrl: string, mode: Mode): boolean {
  if (isAppUrl(rawUrl, mode)) return true;
  return parse(rawUrl)?.protocol === 'devtools:';
}

/**
 * May this request leave the renderer? Everything that is not the app's own
 * bundle is cancelled. Allowed: `app://bundle/...`; `devtools:` (DevTools'
 * own pages); `data:` and `blob:` (in memory, no network); in development the
 * Vite dev server's origin and its hot-reload WebSocket.
 */
export function isRequestAllowed(rawUrl: string, mode: Mode): boolean {
  const url = parse(rawUrl);
  if (!url) return false;
  if (isBundleUrl(url)) return true;
  if (url.protocol === 'devtools:' || url.protocol === 'data:' || url.protocol === 'blob:') return true;
  return isDevServerUrl(url, mode, ['http:', 'https:', 'ws:', 'wss:']);
}

/** Every permission (camera, notifications, clipboard read, geolocation, ...) is refused. */
export function isPermissionAllowed(_permission: string): boolean {
  return false;
}

export interface SenderFacts {
  /** the call came from the main window's own webContents */
  fromMainWindow: boolean;
  /** it came from the top frame (not an iframe) */
  isMainFrame: boolean;
  /** the frame's URL, or null if the frame has gone */
  frameUrl: string | null;
}

/** The sender check of the router's first step: only the app's own window, on the app's own page. */
export function isTrustedSender(facts: SenderFacts, mode: Mode): boolean {
  return facts.fromMainWindow && facts.isMainFrame && facts.frameUrl !== null && isAppUrl(facts.frameUrl, mode);
}

/**
 * The Content-Security-Policy sent with every file of the bundle. No network:
 * `connect-src 'none'`, no web fonts, no frames, no plugins, no forms.
 * Mantine injects style tags, hence `style-src 'unsafe-inline'`.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Maps `app://bundle/<path>` to a file inside the built renderer folder, or
 * null: another host, a path that leaves the folder (`..`, encoded or not,
 * backslashes on Windows), a NUL byte, or an undecodable path.
 */
export function resolveBundlePath(root: string, requestUrl: string): string | null {
  const url = parse(requestUrl);
  if (!url || !isBundleUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const inside = pathname.replace(/^[/\\]+/, '') || 'index.html';
  const base = resolve(root);
  const file = resolve(base, inside);
  const rel = relative(base, file);
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return null;
  return file;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Chromium switches that stop its own background traffic. Electron leaves out
 * most of Chrome's services; these make sure whatever remains stays quiet.
 * Each is a Chromium switch:
 * - disable-background-networking (chrome_switches: background subsystems)
 * - disable-component-update (component updater)
 * - disable-domain-reliability (Domain Reliability reports)
 * - disable-quic (network_switches: the QUIC protocol)
 * - disable-sync (sync: syncing to a Google account)
 * - no-pings (content_switches: `<a ping>` hyperlink auditing)
 * - no-proxy-server (never consult a proxy or PAC script)
 */
export const CHROMIUM_SWITCHES: readonly string[] = [
  'disable-background-networking',
  'disable-component-update',
  'disable-domain-reliability',
  'disable-quic',
  'disable-sync',
  'no-pings',
  'no-proxy-server',
];

/** Why a request or navigation was refused, for the log: the scheme only, never the URL (it could hold personal data). */
function schemeOf(rawUrl: string): string {
  return parse(rawUrl)?.protocol ?? 'unparseable URL';
}

export type Refusal = (what: string, scheme: string) => void;

/**
 * Before `ready`: every renderer sandboxed, Chromium's background traffic off,
 * crash dumps kept in a local folder. The crash reporter is never started, so
 * nothing is uploaded.
 */
export function hardenApp(app: App, crashDumpsDir: string): void {
  app.enableSandbox();
  for (const name of CHROMIUM_SWITCHES) app.commandLine.appendSwitch(name);
  app.setPath('crashDumps', crashDumpsDir);
}

/**
 * A session: permissions refused (requests and checks, devices too), every
 * request outside the app cancelled, no proxy or PAC script, no spellchecker
 * (its dictionaries are downloaded).
 */
export async function hardenSession(ses: Session, mode: Mode, refused: Refusal = () => {}): Promise<void> {
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    const allowed = isPermissionAllowed(permission);
    if (!allowed) refused(`permission ${permission}`, '');
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isRequestAllowed(details.url, mode);
    if (!allowed) refused('request', schemeOf(details.url));
    callback({ cancel: !allowed });
  });
  ses.setSpellCheckerEnabled(false);
  await ses.setProxy({ mode: 'direct' });
}

/**
 * A web page (the window, DevTools, anything): navigation away from the app
 * refused (main frame, sub-frames and redirects), new windows refused,
 * `<webview>` refused.
 */
export function hardenWebContents(contents: WebContents, mode: Mode, refused: Refusal = () => {}): void {
  const guard = (event: { url: string; preventDefault(): void }, what: string) => {
    if (isNavigationAllowed(event.url, mode)) return;
    event.preventDefault();
    refused(what, schemeOf(event.url));
  };
  contents.on('will-navigate', (event) => guard(event, 'navigation'));
  contents.on('will-frame-navigate', (event) => guard(event, 'frame navigation'));
  contents.on('will-redirect', (event) => guard(event, 'redirect'));
  contents.setWindowOpenHandler(({ url }) => {
    refused('new window', schemeOf(url));
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    refused('webview', '');
  });
}
