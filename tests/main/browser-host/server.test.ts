import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../../src/main/browser-host/server';
import { TEST_KDF } from '../../../src/main/vault/vault';
import { tempDir } from '../helpers';

let host: BrowserHost | null = null;
let cleanup: () => void = () => {};
afterEach(async () => {
  await host?.close();
  host = null;
  cleanup();
});

async function start() {
  const t = tempDir();
  cleanup = t.cleanup;
  const rendererDir = join(t.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(t.dir, 'secret.txt'), 'outside the renderer folder');
  host = await startBrowserHost({ dataDir: join(t.dir, 'data'), rendererDir, kdf: TEST_KDF });
  mkdirSync(join(t.dir, 'data'), { recursive: true });
  return host;
}

function connect(h: BrowserHost, token: string, origin: string) {
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/app:invoke?token=${token}`, { origin });
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

const ask = (ws: WebSocket, route: string, input: unknown) =>
  new Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>((resolve) => {
    ws.once('message', (data) => resolve((JSON.parse(String(data)) as { result: never }).result));
    ws.send(JSON.stringify({ id: 1, route, input }));
  });

describe('browser host', () => {
  it('listens on 127.0.0.1 only and serves the window with a strict content security policy', async () => {
    const h = await start();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
    const res = await fetch(h.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain(`connect-src ws://127.0.0.1:${h.port}`);
    const escape = await fetch(`http://127.0.0.1:${h.port}/..%2Fsecret.txt`);
    expect(escape.status).toBe(404);
  });

  it('carries calls over the WebSocket only with the right token and origin', async () => {
    const h = await start();
    const origin = `http://127.0.0.1:${h.port}`;
    await expect(connect(h, 'wrong', origin)).rejects.toThrow(/403/);
    await expect(connect(h, h.token, 'http://evil.example')).rejects.toThrow(/403/);
    const ws = await connect(h, h.token, origin);
    expect(await ask(ws, 'auth.status', {})).toEqual({ ok: true, value: { state: 'needs-setup' } });
    expect(await ask(ws, 'staff.list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    ws.close();
  });

  it('answers a malformed percent-encoding with 400 and keeps serving', async () => {
    const h = await start();
    const raw = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: h.port, path, method: 'GET' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await raw('/%E0%A4%A')).toBe(400);
    expect(await raw('/assets/%')).toBe(400);
    // The host is still up and serving.
    expect(await raw('/')).toBe(200);
    expect((await fetch(h.url)).status).toBe(200);
  });

  it('creates its data folder and every file in it readable by their owner only', async () => {
    if (process.platform === 'win32') return;
    const h = await start();
    const origin = `http://127.0.0.1:${h.port}`;
    const ws = await connect(h, h.token, origin);
    const ORG = { name: 'Test Charity', shortName: 'TestCharity', address: '1 High Street', charityNumber: '1234567', phone: '' };
    expect(await ask(ws, 'auth.setup', { organisation: ORG, admin: { fullName: 'Ada Admin', username: 'ada', password: 'correct horse battery' } })).toMatchObject({ ok: true });
    expect(await ask(ws, 'auth.login', { username: 'ada', password: 'correct horse battery' })).toMatchObject({ ok: true });
    ws.close();
    const dataDir = h.backend.options.dataDir;
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const names = readdirSync(dataDir, { recursive: true }).map(String);
    expect(names).toEqual(expect.arrayContaining(['case.db', 'keyring.json']));
    for (const name of names) {
      const mode = statSync(join(dataDir, name)).mode & 0o777;
      expect({ name, otherOrGroup: mode & 0o077 }).toEqual({ name, otherOrGroup: 0 });
    }
  });
});
