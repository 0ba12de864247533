/**
 * Starts the browser host exactly as a person would, through its stable
 * command line, on a fresh data folder; stops it and removes the folder after.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page, type Request } from '@playwright/test';

export interface Host {
  url: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startHost(
  options: { demo?: boolean; dataDir?: string; testUpdateKeys?: string; env?: Record<string, string> } = {},
): Promise<Host> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dvpp-e2e-'));
  const args = ['run', '-s', 'dev:browser', '--', '--data-dir', dataDir, '--no-build', ...(options.demo ? ['--demo'] : []), ...(options.testUpdateKeys ? ['--test-update-keys', options.testUpdateKeys] : [])];
  const child: ChildProcess = spawn('npm', args, {
    cwd: resolve(__dirname, '../..'),
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^READY (http:\/\/127\.0\.0\.1:\d+\/\?token=\w+)$/m.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`browser host exited with ${code}:\n${out}`)));
  });
  return {
    url,
    dataDir,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(-child.pid!, 'SIGTERM');
        await exited;
      }
      // npm exits before the host under it has finished shutting down (it writes its last audit entry and
      // anchor as it closes), so a file can appear while the folder is removed: retry until it is quiet.
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

/** Records every request the page makes that is not to the host on 127.0.0.1. */
export function watchNetwork(page: Page): Request[] {
  const outside: Request[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    const local = url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:';
    if (!local) outside.push(request);
  });
  return outside;
}

export const test = base;
export { expect };
