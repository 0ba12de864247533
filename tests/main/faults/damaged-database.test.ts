import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, call, callError, setUpAndLogIn, tempDir } from '../helpers';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A set-up data folder, logged out, with its database checkpointed into case.db alone. */
async function closedInstallation() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const { backend } = await setUpAndLogIn(t.dir);
  await call(backend, 'auth.logout', {});
  expect(existsSync(join(t.dir, 'case.db-wal'))).toBe(false);
  return { backend, dir: t.dir, file: join(t.dir, 'case.db') };
}

const damages: Array<[string, (file: string) => Promise<void> | void, 'start' | 'log-in']> = [
  ['an empty (0-byte) file', (f) => truncateSync(f, 0), 'start'],
  ['a file cut short mid-page', (f) => truncateSync(f, 4096 + 1000), 'start'],
  [
    'a plain SQLite file put in its place',
    (f) => writeFileSync(f, Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(4096 - 16)])),
    'start',
  ],
  [
    'pages that fail SQLCipher’s HMAC',
    (f) => {
      const bytes = readFileSync(f);
      // One byte in the middle of every page after the first: each page's MAC no longer matches.
      for (let page = 1; page * 4096 < bytes.length; page++) bytes[page * 4096 + 2000] = (bytes[page * 4096 + 2000] ?? 0) ^ 0xff;
      writeFileSync(f, bytes);
    },
    'log-in',
  ],
  [
    'another installation’s database',
    async (f) => {
      const other = await closedInstallation();
      copyFileSync(other.file, f);
    },
    'log-in',
  ],
];

describe('a damaged database file (issue 14, item 2)', () => {
  for (const [what, damage, seenAt] of damages) {
    it(`${what}: the problem screen at ${seenAt}, the file untouched, restore offered`, async () => {
      const { backend, dir, file } = await closedInstallation();
      await damage(file);
      const before = sha(file);
      const status = await call(backend, 'auth.status', {});
      if (seenAt === 'start') {
        expect(status.state).toBe('problem');
      } else {
        expect(status.state).toBe('locked');
        const error = await callError(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
        expect(error.code).toBe('VAULT');
        expect(error.message).toMatch(/damaged|different installations/);
        expect(error.message).toContain('Restore the newest backup');
        expect(error.message).not.toContain('Something went wrong');
      }
      const problem = await call(backend, 'auth.status', {});
      expect(problem).toMatchObject({ state: 'problem', message: expect.stringContaining('Nothing has been changed') });
      // A log-in attempt anyway (a second window) opens nothing and writes nothing.
      const again = await callError(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
      expect(again.code).toBe('VAULT');
      expect(backend.opened).toBeNull();
      expect(sha(file)).toBe(before);
      expect(existsSync(`${file}-wal`)).toBe(false);
      // Restore is offered without an administrator's log-in (nobody can log in).
      const folder = join(dir, '..', `${dir.split('/').pop()}-drive`);
      mkdirSync(folder);
      cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
      expect(await call(backend, 'backups.list', { folder })).toEqual([]);
      await backend.shutdown();
    });
  }

  it('a 0-byte case.db is never replaced by a new empty database', async () => {
    const { backend, file } = await closedInstallation();
    truncateSync(file, 0);
    await callError(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await callError(backend, 'auth.setup', {});
    expect(readFileSync(file).length).toBe(0);
    await backend.shutdown();
  });
});
