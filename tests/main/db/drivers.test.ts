/**
 * The two SQLCipher drivers behind src/main/db/driver.ts write the same files:
 * a database (and its write-ahead log), a re-keyed database and a .dvppbak
 * backup made through either open, verify and restore through the other. This
 * file switches DVPP_DB_DRIVER itself between steps, so it proves both
 * directions whichever driver the rest of the suite runs under.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DRIVER_NAMES, driverName, loadDriver, loadFailure, type DriverName } from '../../../src/main/db/driver';
import { openDatabase } from '../../../src/main/db/open';
import { differingTables, tableDigests } from '../../../src/main/db/table-digests';
import { seedDemo } from '../../../src/main/demo/seed';
import { AppError } from '../../../src/main/app-error';
import type { Bs3mcConstructor } from '../../../src/main/db/drivers/bs3mc-api';
import { requireNative } from '../../../src/main/db/drivers/native';
import { ADMIN, ORG, addStaff, call, newBackend, switchTo, tempDir } from '../helpers';
import { ADMIN_DEMO, MANAGER_DEMO, PASSPHRASE, makeFolder, runJob } from '../backups/fixtures';

const PAIRS: Array<[DriverName, DriverName]> = [
  ['journeyapps', 'bs3mc'],
  ['bs3mc', 'journeyapps'],
];

const original = process.env.DVPP_DB_DRIVER;
let cleanup: () => void = () => {};

afterEach(() => {
  if (original === undefined) delete process.env.DVPP_DB_DRIVER;
  else process.env.DVPP_DB_DRIVER = original;
  cleanup();
});

function use(driver: DriverName): void {
  process.env.DVPP_DB_DRIVER = driver;
}

describe('choosing the driver', () => {
  it('is the environment variable when set, otherwise bs3mc on Windows and journeyapps elsewhere', () => {
    expect(driverName({}, 'win32')).toBe('bs3mc');
    expect(driverName({}, 'linux')).toBe('journeyapps');
    expect(driverName({}, 'darwin')).toBe('journeyapps');
    expect(driverName({ DVPP_DB_DRIVER: 'bs3mc' }, 'linux')).toBe('bs3mc');
    expect(driverName({ DVPP_DB_DRIVER: 'journeyapps' }, 'win32')).toBe('journeyapps');
  });

  it('refuses a driver it does not have, saying which it has', () => {
    expect(() => driverName({ DVPP_DB_DRIVER: 'sqlite3' }, 'linux')).toThrow(AppError);
    expect(() => driverName({ DVPP_DB_DRIVER: 'sqlite3' }, 'linux')).toThrow(/journeyapps or bs3mc/);
  });

  it('loads both drivers on this machine', () => {
    for (const name of DRIVER_NAMES) expect(loadDriver(name).name).toBe(name);
  });
});

describe('the connection settings', () => {
  it('are the same under both drivers, whatever each library defaults to', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const settings: Record<string, unknown> = {};
    for (const driver of DRIVER_NAMES) {
      use(driver);
      const opened = await openDatabase(join(t.dir, `${driver}.db`), randomBytes(32), { create: true });
      const read: Record<string, unknown> = {};
      for (const pragma of ['journal_mode', 'synchronous', 'foreign_keys', 'secure_delete', 'temp_store', 'busy_timeout', 'cache_size', 'page_size']) {
        const rows = await opened.raw.all(`PRAGMA ${pragma}`);
        // As text: SQLCipher answers some of them (page_size) as a string.
        read[pragma] = String(Object.values(rows[0] as Record<string, unknown>)[0]);
      }
      settings[driver] = read;
      await opened.db.destroy();
    }
    // WAL, FULL sync, foreign keys, secure delete, temp in memory, a 5 s wait, a 16 MiB page cache, 4 KiB pages.
    const expected = { journal_mode: 'wal', synchronous: '2', foreign_keys: '1', secure_delete: '1', temp_store: '2', busy_timeout: '5000', cache_size: '-16000', page_size: '4096' };
    expect(settings).toEqual({ journeyapps: expected, bs3mc: expected });
  });
});

describe.each(PAIRS)('a database written through %s', (writer, reader) => {
  it(`opens through ${reader}, write-ahead log included, and passes its checks`, async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const key = randomBytes(32);
    use(writer);
    const file = join(t.dir, 'case.db');
    const opened = await openDatabase(file, key, { create: true });
    await opened.raw.exec('PRAGMA wal_autocheckpoint = 0;');
    await opened.db
      .insertInto('settings')
      .values({ key: 'probe', value: JSON.stringify('Zoë O’Brien'), updated_at: 'now', updated_by: null })
      .execute();
    // Copy the file and its WAL while the writer still has them open: the copy has the row only in its WAL.
    const copy = join(t.dir, 'copy.db');
    copyFileSync(file, copy);
    copyFileSync(`${file}-wal`, `${copy}-wal`);
    expect(readFileSync(`${copy}-wal`).length).toBeGreaterThan(0);
    const writerDigests = await tableDigests(opened.db);
    await opened.db.destroy();

    use(reader);
    const read = await openDatabase(copy, key, { migrate: false });
    expect(read.raw.driver).toBe(reader);
    const row = await read.db.selectFrom('settings').select('value').where('key', '=', 'probe').executeTakeFirst();
    expect(row?.value).toBe(JSON.stringify('Zoë O’Brien'));
    expect(differingTables(await tableDigests(read.db), writerDigests)).toEqual([]);
    await read.raw.exec('PRAGMA wal_checkpoint(TRUNCATE);');
    expect(await read.raw.cipherIntegrityCheck()).toEqual([]);
    const integrity = await read.raw.all<Record<string, string>>('PRAGMA integrity_check');
    expect(Object.values(integrity[0]!)[0]).toBe('ok');
    await read.db.destroy();
  });

  it(`is copied through ${reader}'s export (statistics tables included) into a file ${writer} opens whole`, async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const key = randomBytes(32);
    use(writer);
    const file = join(t.dir, 'case.db');
    const opened = await openDatabase(file, key, { create: true });
    await opened.db
      .insertInto('settings')
      .values({ key: 'probe', value: JSON.stringify('Zoë'), updated_at: 'now', updated_by: null })
      .execute();
    await opened.raw.exec('ANALYZE;'); // sqlite_stat1, as PRAGMA optimize leaves it on a real database
    const digests = await tableDigests(opened.db);
    await opened.db.destroy();

    use(reader);
    const copyKey = randomBytes(32);
    const source = await openDatabase(file, key, { migrate: false });
    const copy = join(t.dir, 'copy.db');
    await source.raw.attach(copy, 'backup', copyKey);
    await source.raw.exportInto('backup');
    await source.raw.exec('DETACH DATABASE backup;');
    await source.db.destroy();

    use(writer);
    const back = await openDatabase(copy, copyKey, { migrate: false });
    expect(differingTables(await tableDigests(back.db), digests)).toEqual([]);
    expect(await back.raw.all('SELECT count(*) AS n FROM sqlite_stat1')).not.toEqual([{ n: 0 }]);
    const integrity = await back.raw.all<Record<string, string>>('PRAGMA integrity_check');
    expect(Object.values(integrity[0]!)[0]).toBe('ok');
    await back.db.destroy();
  });

  it(`is refused through ${reader} with a wrong key, with the same plain message`, async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    use(writer);
    const file = join(t.dir, 'case.db');
    const opened = await openDatabase(file, randomBytes(32), { create: true });
    await opened.db.destroy();
    use(reader);
    await expect(openDatabase(file, randomBytes(32))).rejects.toThrow(
      'The database could not be opened with this key. The file may belong to another installation or be damaged. Nothing has been changed.',
    );
  });

  it(`has a damaged page named the same way by ${reader}'s page check as by SQLCipher's`, async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const key = randomBytes(32);
    use(writer);
    const file = join(t.dir, 'case.db');
    const opened = await openDatabase(file, key, { create: true });
    await opened.db.destroy(); // closing checkpoints the WAL into the file
    const bytes = readFileSync(file);
    bytes[3 * 4096 + 200] = bytes[3 * 4096 + 200]! ^ 0x01; // one bit of page 4
    writeFileSync(file, bytes);
    const problems: Record<string, string[]> = {};
    for (const name of DRIVER_NAMES) {
      const raw = await loadDriver(name).open(file);
      await raw.key(key);
      problems[name] = await raw.cipherIntegrityCheck();
      await raw.close();
    }
    expect(problems.journeyapps).toEqual(['HMAC verification failed for page 4']);
    expect(problems.bs3mc).toEqual(problems.journeyapps);
  });
});

describe('the legacy = 4 trap', () => {
  it('without SQLCipher 4 settings, better-sqlite3-multiple-ciphers writes a file SQLCipher cannot open, and cannot open SQLCipher 4 files', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const key = randomBytes(32);
    const keyText = `PRAGMA key = 'x''${key.toString('hex')}''';`;
    const Database = requireNative<Bs3mcConstructor>('better-sqlite3-multiple-ciphers');
    // Its own defaults: the sqlcipher cipher without legacy = 4.
    const careless = join(t.dir, 'careless.db');
    const bare = new Database(careless);
    bare.pragma("cipher = 'sqlcipher'");
    bare.exec(keyText);
    bare.exec('CREATE TABLE t (a); INSERT INTO t VALUES (1);');
    bare.close();
    const sqlcipher = await loadDriver('journeyapps').open(careless);
    await sqlcipher.key(key);
    await expect(sqlcipher.all('SELECT count(*) FROM t')).rejects.toThrow(/not a database/);
    await sqlcipher.close();

    // And the other way: a real SQLCipher 4 file is not readable that way either.
    const proper = join(t.dir, 'proper.db');
    const written = await loadDriver('journeyapps').open(proper);
    await written.key(key);
    await written.exec('CREATE TABLE t (a); INSERT INTO t VALUES (1);');
    await written.close();
    const reader = new Database(proper);
    reader.pragma("cipher = 'sqlcipher'");
    reader.exec(keyText);
    expect(() => reader.exec('SELECT count(*) FROM t')).toThrow(/not a database/);
    reader.close();

    // Through the seam, with its settings, both read it.
    const seam = await loadDriver('bs3mc').open(proper);
    await seam.key(key);
    expect(await seam.all('SELECT count(*) AS n FROM t')).toEqual([{ n: 1 }]);
    await seam.close();
  });
});

describe.each(PAIRS)('a backup made through %s', (writer, reader) => {
  it(`restores through ${reader} with every table equal, and the re-keyed database reads back through ${writer}`, async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    use(writer);
    const source = await newBackend(makeFolder(t.dir, 'source'));
    await seedDemo(source);
    await call(source, 'auth.login', { username: ADMIN_DEMO.username, password: ADMIN_DEMO.password });
    await call(source, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const before = await tableDigests(source.requireDb());
    const job = await runJob(source, call(source, 'backups.start', { folder: makeFolder(t.dir, 'stick') }));
    expect(job.error).toBeNull();
    await source.shutdown();

    use(reader);
    const target = await newBackend(makeFolder(t.dir, 'target'));
    const preview = await call(target, 'backups.inspect', { file: job.result!.file, passphrase: PASSPHRASE });
    const restore = await runJob(target, call(target, 'backups.restore', { token: preview.token }));
    expect(restore.error).toBeNull();
    const unlocked = await target.vault.unlockWithPassword(MANAGER_DEMO.username, MANAGER_DEMO.password);
    const restored = await openDatabase(target.databaseFile, unlocked!.candidates[0]!.key, { migrate: false });
    expect(restored.raw.driver).toBe(reader);
    expect(differingTables(await tableDigests(restored.db), before)).toEqual([]);
    expect(await restored.raw.cipherIntegrityCheck()).toEqual([]);
    await restored.db.destroy();

    // Re-keying (a member of staff removed) through the reader; the writer opens the result.
    await call(target, 'auth.login', { username: ADMIN_DEMO.username, password: ADMIN_DEMO.password });
    await addStaff(target, 'leaver', 'facilitator');
    const leaver = (await call(target, 'staff.list', {})).find((s) => s.username === 'leaver')!;
    await call(target, 'staff.deactivate', { id: leaver.id });
    await target.shutdown();
    use(writer);
    const again = await newBackend(target.options.dataDir);
    await call(again, 'auth.login', { username: MANAGER_DEMO.username, password: MANAGER_DEMO.password });
    expect((await call(again, 'participants.search', { q: 'a' })).length).toBeGreaterThan(0);
    expect(await again.opened!.raw.cipherIntegrityCheck()).toEqual([]);
    await again.shutdown();
  }, 120_000);
});

describe('a person whose password was changed under one driver', () => {
  it('logs in under the other', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    use('bs3mc');
    // An installation with its administrator is all this needs (the demo data would only add time).
    const backend = await newBackend(t.dir);
    await call(backend, 'auth.setup', { organisation: ORG, admin: ADMIN });
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const made = await addStaff(backend, 'newcomer', 'facilitator');
    const password = await switchTo(backend, 'newcomer', made.temporaryPassword);
    await backend.shutdown();
    use('journeyapps');
    const other = await newBackend(t.dir);
    await call(other, 'auth.login', { username: 'newcomer', password });
    expect(other.session?.username).toBe('newcomer');
    await other.shutdown();
  });
});

describe('a database engine that cannot load', () => {
  it('is named at start, on the problem screen, before anyone tries to log in', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    process.env.DVPP_DB_DRIVER = 'no-such-driver';
    const backend = await newBackend(t.dir);
    const status = await call(backend, 'auth.status', {});
    expect(status.state).toBe('problem');
    expect(status.state === 'problem' && status.message).toMatch(/DVPP_DB_DRIVER .* journeyapps or bs3mc/);
    // The window then offers no restore: the files are not the problem.
    expect(status.state === 'problem' && status.cause).toBe('engine');
    await backend.shutdown();
  });

  it('says which engine and why, without the folder it was looked for in', () => {
    const err = new Error(
      "Cannot find module 'better-sqlite3-multiple-ciphers'\nRequire stack:\n- C:\\Users\\Jane Smith\\AppData\\x.js",
    );
    expect(loadFailure('bs3mc', err).message).toBe(
      "The database engine (better-sqlite3-multiple-ciphers) could not be loaded on this computer: Cannot find module 'better-sqlite3-multiple-ciphers'. Nothing has been changed. Reinstall the program, or ask whoever installed it.",
    );
    const dlopen = new Error('/home/jane.smith/app/node_modules/x/build/Release/better_sqlite3.node: invalid ELF header');
    expect(loadFailure('journeyapps', dlopen).message).toContain('could not be loaded on this computer: better_sqlite3.node: invalid ELF header.');
    expect(loadFailure('journeyapps', dlopen).message).not.toContain('jane');
  });
});
