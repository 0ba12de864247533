import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { App, Session, WebContents } from 'electron';
import {
  APP_ENTRY_URL,
  CHROMIUM_SWITCHES,
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  hardenApp,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  isNavigationAllowed,
  isPermissionAllowed,
  isRequestAllowed,
  isTrustedSender,
  modeFor,
  PRODUCTION,
  resolveBundlePath,
  type Mode,
} from '../../../src/main/electron/hardening';

const DEV: Mode = { kind: 'development', devServerUrl: 'http://localhost:5173' };

describe('modeFor', () => {
  it('is production when packaged, whatever URL it was given', () => {
    expect(modeFor('http://localhost:5173', true)).toEqual(PRODUCTION);
  });
  it('is production without a dev server URL', () => {
    expect(modeFor(null, false)).toEqual(PRODUCTION);
    expect(modeFor('', false)).toEqual(PRODUCTION);
  });
  it('is development for a loopback dev server, keeping only its origin', () => {
    expect(modeFor('http://localhost:5173/', false)).toEqual(DEV);
    expect(modeFor('http://127.0.0.1:5174', false)).toEqual({
      kind: 'development',
      devServerUrl: 'http://127.0.0.1:5174',
    });
  });
  it('refuses a dev server that is not on this computer, or not http', () => {
    expect(modeFor('http://example.com:5173', false)).toEqual(PRODUCTION);
    expect(modeFor('file:///tmp/index.html', false)).toEqual(PRODUCTION);
    expect(modeFor('not a url', false)).toEqual(PRODUCTION);
  });
});

describe('isRequestAllowed', () => {
  it.each([
    APP_ENTRY_URL,
    'app://bundle/assets/index-abc.js',
    'devtools://devtools/bundled/inspector.html',
    'data:image/png;base64,AAAA',
    'blob:app://bundle/6b3c3b0e-0000-4000-8000-000000000000',
  ])('allows %s in production', (url) => {
    expect(isRequestAllowed(url, PRODUCTION)).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://example.com/',
    'http://localhost:5173/',
    'ws://localhost:5173/',
    'wss://example.com/socket',
    'file:///etc/passwd',
    'ftp://example.com/',
    'app://other/index.html',
    'app://user:pw@bundle/index.html',
    'chrome://settings',
    'not a url',
  ])('cancels %s in production', (url) => {
    expect(isRequestAllowed(url, PRODUCTION)).toBe(false);
  });

  it('allows the dev server and its hot-reload socket in development only', () => {
    expect(isRequestAllowed('http://localhost:5173/src/renderer/main.tsx', DEV)).toBe(true);
    expect(isRequestAllowed('ws://localhost:5173/?token=x', DEV)).toBe(true);
    expect(isRequestAllowed('wss://localhost:5173/', DEV)).toBe(false);
    expect(isRequestAllowed('http://localhost:5174/', DEV)).toBe(false);
    expect(isRequestAllowed('https://localhost:5173/', DEV)).toBe(false);
    expect(isRequestAllowed('https://example.com/', DEV)).toBe(false);
  });
});

describe('isNavigationAllowed / isAppUrl', () => {
  it('allows only the app itself', () => {
    expect(isNavigationAllowed('app://bundle/index.html#/participants', PRODUCTION)).toBe(true);
    expect(isNavigationAllowed('https://www.gov.uk/', PRODUCTION)).toBe(false);
    expect(isNavigationAllowed('file:///home/user/', PRODUCTION)).toBe(false);
    expect(isNavigationAllowed('http://localhost:5173/', PRODUCTION)).toBe(false);
    expect(isNavigationAllowed('http://localhost:5173/#/x', DEV)).toBe(true);
    expect(isNavigationAllowed('javascript:alert(1)', PRODUCTION)).toBe(false);
  });
  it('lets DevTools navigate within DevTools', () => {
    expect(isNavigationAllowed('devtools://devtools/bundled/inspector.html', PRODUCTION)).toBe(true);
    expect(isAppUrl('devtools://devtools/bundled/inspector.html', PRODUCTION)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const good = { fromMainWindow: true, isMainFrame: true, frameUrl: APP_ENTRY_URL };
  it('trusts the main window on the app page', () => {
    expect(isTrustedSender(good, PRODUCTION)).toBe(true);
  });
  it('refuses another webContents, a sub-frame, a gone frame, or another page', () => {
    expect(isTrustedSender({ ...good, fromMainWindow: false }, PRODUCTION)).toBe(false);
    expect(isTrustedSender({ ...good, isMainFrame: false }, PRODUCTION)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: null }, PRODUCTION)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: 'https://example.com/' }, PRODUCTION)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: 'http://localhost:5173/' }, PRODUCTION)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: 'http://localhost:5173/' }, DEV)).toBe(true);
  });
});

describe('resolveBundlePath', () => {
  const root = resolve('/opt/app/.vite/renderer/main_window');
  it('maps the app URL to files inside the folder', () => {
    expect(resolveBundlePath(root, 'app://bundle/')).toBe(join(root, 'index.html'));
    expect(resolveBundlePath(root, 'app://bundle/index.html?x=1#/a')).toBe(join(root, 'index.html'));
    expect(resolveBundlePath(root, 'app://bundle/assets/a%20b.js')).toBe(join(root, 'assets', 'a b.js'));
  });
  it.each([
    'app://bundle/assets/%2E%2E%2F%2E%2E%2F%2E%2E%2Fsecret',
    'app://bundle/..%2f..%2fsecret',
    'app://bundle/%00index.html',
    'app://bundle/%E0%A4%A',
    'app://other/index.html',
    'app://user@bundle/index.html',
    'https://bundle/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveBundlePath(root, url)).toBeNull();
  });
  it.each([
    'app://bundle/../../../etc/passwd',
    'app://bundle/%2e%2e/%2e%2e/etc/passwd',
    'app://bundle/..',
    'app://bundle/./a/../../b',
    'app://bundle/..%5c..%5cwin.ini',
  ])('keeps %s inside the folder (the URL parser resolves the dots first)', (url) => {
    const file = resolveBundlePath(root, url);
    if (file !== null) expect(file.startsWith(root)).toBe(true);
  });
});

describe('policy constants', () => {
  it('has a CSP with no network and no inline scripts', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d] as const));
    expect(directives.get('default-src')).toBe("default-src 'self'");
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('connect-src')).toBe("connect-src 'none'");
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(directives.get('img-src')).toBe("img-src 'self' data: blob:");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });
  it('names content types', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.unknown')).toBe('application/octet-stream');
  });
  it('refuses every permission', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(isPermissionAllowed(p)).toBe(false);
    }
  });
});

describe('harden* with recording fakes', () => {
  it('hardenApp enables the sandbox, appends the switches and keeps crash dumps local', () => {
    const app = { enableSandbox: vi.fn(), commandLine: { appendSwitch: vi.fn() }, setPath: vi.fn() };
    hardenApp(app as unknown as App, '/data/crash-dumps');
    expect(app.enableSandbox).toHaveBeenCalledOnce();
    expect(app.commandLine.appendSwitch.mock.calls.map((c) => c[0])).toEqual([...CHROMIUM_SWITCHES]);
    expect(CHROMIUM_SWITCHES).toEqual(
      expect.arrayContaining([
        'disable-background-networking',
        'disable-component-update',
        'disable-quic',
        'disable-sync',
      ]),
    );
    expect(app.setPath).toHaveBeenCalledWith('crashDumps', '/data/crash-dumps');
  });

  it('hardenSession refuses permissions and cancels outside requests', async () => {
    let requestHandler: ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | undefined;
    let checkHandler: ((wc: unknown, permission: string) => boolean) | undefined;
    let deviceHandler: (() => boolean) | undefined;
    let onBeforeRequest: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
    const ses = {
      setPermissionRequestHandler: (h: typeof requestHandler) => (requestHandler = h),
      setPermissionCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
      setDevicePermissionHandler: (h: typeof deviceHandler) => (deviceHandler = h),
      webRequest: { onBeforeRequest: (h: typeof onBeforeRequest) => (onBeforeRequest = h) },
      setSpellCheckerEnabled: vi.fn(),
      setProxy: vi.fn(async () => {}),
    };
    const refused = vi.fn();
    await hardenSession(ses as unknown as Session, PRODUCTION, refused);

    const granted = vi.fn();
    requestHandler!(null, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(checkHandler!(null, 'clipboard-read')).toBe(false);
    expect(deviceHandler!()).toBe(false);

    const answer = vi.fn();
    onBeforeRequest!({ url: 'https://example.com/collect?name=someone' }, answer);
    expect(answer).toHaveBeenCalledWith({ cancel: true });
    onBeforeRequest!({ url: 'app://bundle/index.html' }, answer);
    expect(answer).toHaveBeenLastCalledWith({ cancel: false });

    expect(ses.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
    expect(ses.setProxy).toHaveBeenCalledWith({ mode: 'direct' });
    // the log gets the scheme, never the URL
    expect(refused).toHaveBeenCalledWith('request', 'https:');
    expect(JSON.stringify(refused.mock.calls)).not.toContain('someone');
  });

  it('hardenWebContents refuses navigation, redirects, new windows and webviews', () => {
    const listeners = new Map<string, (event: { url?: string; preventDefault(): void }) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (name: string, fn: (event: { url?: string; preventDefault(): void }) => void) => listeners.set(name, fn),
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
    };
    hardenWebContents(contents as unknown as WebContents, PRODUCTION);

    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = { url: 'https://example.com/', preventDefault: vi.fn() };
      listeners.get(name)!(away);
      expect(away.preventDefault, name).toHaveBeenCalled();
      const home = { url: 'app://bundle/index.html#/x', preventDefault: vi.fn() };
      listeners.get(name)!(home);
      expect(home.preventDefault, name).not.toHaveBeenCalled();
    }
    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'app://bundle/index.html' })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});
