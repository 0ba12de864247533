/**
 * The browser host: the real back end for a data folder, with the built
 * window served on 127.0.0.1 and `invoke` carried over a WebSocket that needs
 * the random token printed at start. For development, tests and demos only.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { createBackend, type Backend, type BackendOptions } from '../backend';
import { INVOKE_CHANNEL } from '../../shared/channel';
import { log } from '../log';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  backend: Backend;
  close(): Promise<void>;
}

export function refuseInPackagedBuild(): void {
  const packaged = __dirname.includes(`${sep}app.asar`) || 'electron' in process.versions;
  if (packaged) throw new Error('The browser host is for development and tests only; it does not run in the packaged program.');
}

function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ws://127.0.0.1:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The data folder and every file in it (the database, its write-ahead log, the
 * keyring, the throttle) are for their owner only: the folder 0700, and a
 * umask of 077 so that files SQLite and the vault create are 0600. A worker
 * thread cannot change the umask; there the folder mode still holds.
 */
export function makeDataFolderPrivate(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dataDir, 0o700);
  try {
    process.umask(0o077);
  } catch {
    // not allowed in a worker thread; the folder's own mode keeps others out
  }
}

export async function startBrowserHost(options: BackendOptions & { port?: number; rendererDir: string }): Promise<BrowserHost> {
  refuseInPackagedBuild();
  makeDataFolderPrivate(options.dataDir);
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new Error(`The window has not been built: ${options.rendererDir}/index.html is missing. Run "npm run build:renderer".`);
  }
  const backend = await createBackend(options);
  const token = randomBytes(24).toString('hex');
  const tokenBuffer = Buffer.from(token);
  let port = 0;
  const root = normalize(options.rendererDir);

  const serveFile = (req: IncomingMessage, res: ServerResponse) => {
    let path: string;
    try {
      path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    } catch {
      // A malformed percent-encoding (`/%E0%A4%A`) is the caller's mistake, never a crash.
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request');
      return;
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': contentSecurityPolicy(port),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    const stream = createReadStream(file);
    stream.on('error', (err) => {
      log.error('browser host could not read a file of the window', err);
      res.destroy();
    });
    stream.pipe(res);
  };

  // Every error in answering a request is caught here: one bad request must never stop the host.
  const server = createServer((req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      serveFile(req, res);
    } catch (err) {
      log.error('browser host could not answer a request', err);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('Server error');
    }
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    else socket.destroy();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 50 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      socket.write('HTTP/1.1 400 Bad Request\r\n\r\n');
      socket.destroy();
      return;
    }
    socket.on('error', (err) => log.error('browser host: a connection failed', err));
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    const originOk = req.headers.origin === `http://127.0.0.1:${port}`;
    const tokenOk = given.length === tokenBuffer.length && timingSafeEqual(given, tokenBuffer);
    if (url.pathname !== `/${INVOKE_CHANNEL}` || !originOk || !tokenOk) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws));
  });

  // Calls are answered one after another, as Electron's single IPC channel would.
  const serve = (ws: WebSocket) => {
    let queue = Promise.resolve();
    ws.on('message', (data) => {
      queue = queue.then(async () => {
        let id: unknown = null;
        try {
          const message = JSON.parse(String(data)) as { id?: unknown; route?: unknown; input?: unknown };
          id = message.id;
          const result = await backend.invoke(message.route, message.input, { verified: true });
          ws.send(JSON.stringify({ id, result }));
        } catch (err) {
          log.error('browser host could not answer a message', err);
          ws.send(JSON.stringify({ id, result: { ok: false, error: { code: 'INTERNAL', message: 'The request could not be read.' } } }));
        }
      });
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    backend,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.shutdown();
    },
  };
}
