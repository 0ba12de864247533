/**
 * The whole run through the real router, vault and database: check, copy,
 * backup, then the installer (a stand-in that records what it was given, as
 * Electron's would run dpkg or NSIS), and the restart into the new version.
 * A refused update installs nothing and leaves the records exactly as they were.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../src/main/backend';
import { jobFinished } from '../../../src/main/features/backups/jobs';
import { incomingFolder } from '../../../src/main/features/updates/copy-installer';
import { refusalMessages } from '../../../src/main/features/updates/messages';
import { prepareUpdate, type UpdateInstaller } from '../../../src/main/features/updates/service';
import { TEST_KDF } from '../../../src/main/vault/vault';
import { dumpTables, PASSPHRASE, runJob } from '../backups/fixtures';
import { ADMIN, addStaff, call, callError, ORG, switchTo, tempDir } from '../helpers';
import { INSTALLER, makeUpdateFolder, PLATFORM, TEST_KEYS } from './fixtures';

interface Installed {
  file: string;
  bytes: Buffer;
  version: string;
  databaseOpen: boolean;
  session: boolean;
}

let temp: ReturnType<typeof tempDir>;
let dataDir: string;
let stick: string;
let backupDrive: string;
let installed: Installed[];
let backend: Backend;

function installer(): UpdateInstaller {
  return {
    install: async (file, update) => {
      installed.push({
        file,
        bytes: readFileSync(file),
        version: update.manifest.version,
        databaseOpen: backend.db !== null,
        session: backend.session !== null,
      });
    },
  };
}

async function start(options: { running?: string; withInstaller?: boolean } = {}): Promise<Backend> {
  return createBackend({
    dataDir,
    kdf: TEST_KDF,
    updateKeys: TEST_KEYS,
    updatePlatform: PLATFORM,
    runningVersion: options.running ?? '0.1.0',
    updateInstaller: options.withInstaller === false ? undefined : installer(),
  });
}

/** Every table but the audit log (which rightly records the refusal). */
async function records(b: Backend) {
  const { audit_log: _audit, ...rest } = await dumpTables(b.requireDb());
  return rest;
}

beforeEach(async () => {
  temp = tempDir();
  dataDir = join(temp.dir, 'data');
  stick = join(temp.dir, 'stick');
  backupDrive = join(temp.dir, 'backup-drive');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dataDir);
  mkdirSync(backupDrive);
  installed = [];
  backend = await start();
  await call(backend, 'auth.setup', { organisation: ORG, admin: ADMIN });
  await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  await call(backend, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
});
afterEach(async () => {
  await backend.shutdown();
  temp.cleanup();
});

describe('a valid signed update', () => {
  it('is checked, copied, backed up, then installed with the database closed; after the restart the audit log says who updated from what to what', async () => {
    const bytes = await makeUpdateFolder(stick, { notes: 'Adds the Updates page.' });
    const preview = await call(backend, 'updates.check', { folder: stick });
    expect(preview).toMatchObject({ mayInstall: true, version: '0.2.0', notes: 'Adds the Updates page.', signedWith: 'current' });

    const status = await runJob(backend, call(backend, 'updates.start', { folder: stick, backupFolder: backupDrive }));
    expect(status).toMatchObject({ kind: 'update', phase: 'done', error: null });
    // The install runs after the job has ended; wait for it.
    await expect.poll(() => installed.length).toBe(1);
    expect(installed[0]).toMatchObject({ version: '0.2.0', databaseOpen: false, session: false });
    expect(installed[0]!.bytes).toEqual(bytes);
    expect(installed[0]!.file.startsWith(incomingFolder(dataDir))).toBe(true);
    expect(readdirSync(backupDrive).filter((n) => n.endsWith('.dvppbak'))).toHaveLength(1);

    // The installer restarts the program as 0.2.0.
    await backend.shutdown();
    backend = await start({ running: '0.2.0' });
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const after = await call(backend, 'updates.status', {});
    expect(after.runningVersion).toBe('0.2.0');
    expect(after.highestVersion).toBe('0.2.0');
    expect(after.lastInstalled).toMatchObject({ fromVersion: '0.1.0', toVersion: '0.2.0', notes: 'Adds the Updates page.', verified: true });
    expect(existsSync(incomingFolder(dataDir))).toBe(false);
    const audit = await backend
      .requireDb()
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'outcome', 'detail'])
      .where('action', 'in', ['updates.installed', 'updates.prepare', 'updates.install'])
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['updates.prepare', 'updates.install', 'updates.installed']);
    const done = audit.find((a) => a.action === 'updates.installed')!;
    expect(done.actor_id).toBe(backend.session!.staffId);
    expect(JSON.parse(done.detail!)).toMatchObject({ fromVersion: '0.1.0', toVersion: '0.2.0', keyId: 'test-current' });
    // An older stick is now refused: the data folder has run 0.2.0.
    expect((await call(backend, 'updates.check', { folder: stick })).refusal?.code).toBe('NOT_NEWER');
  });

  it('without a backup folder, makes the safety copy in the data folder', async () => {
    await makeUpdateFolder(stick);
    const status = await runJob(backend, call(backend, 'updates.start', { folder: stick, backupFolder: '' }));
    expect(status.phase).toBe('done');
    expect(readdirSync(join(dataDir, 'safety-backups')).filter((n) => n.endsWith('.dvppbak'))).toHaveLength(1);
    await expect.poll(() => installed.length).toBe(1);
  });

  it('in the browser host (no installer) stops at "ready to install" with the database open', async () => {
    await backend.shutdown();
    backend = await start({ withInstaller: false });
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await makeUpdateFolder(stick);
    const status = await runJob(backend, call(backend, 'updates.start', { folder: stick, backupFolder: backupDrive }));
    expect(status.phase).toBe('done');
    const after = await call(backend, 'updates.status', {});
    expect(after.canInstall).toBe(false);
    expect(after.prepared).toMatchObject({ version: '0.2.0', installerName: INSTALLER });
    expect(backend.db).not.toBeNull();
  });

  it('a restart into the old version (the installer failed) records the failure and shows nothing as installed', async () => {
    await makeUpdateFolder(stick);
    await runJob(backend, call(backend, 'updates.start', { folder: stick, backupFolder: backupDrive }));
    await expect.poll(() => installed.length).toBe(1);
    await backend.shutdown();
    backend = await start({ running: '0.1.0' });
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const status = await call(backend, 'updates.status', {});
    expect(status.lastInstalled).toBeNull();
    expect(status.lastFailed).toMatchObject({ toVersion: '0.2.0' });
    const row = await backend.requireDb().selectFrom('audit_log').select(['outcome']).where('action', '=', 'updates.installed').executeTakeFirstOrThrow();
    expect(row.outcome).toBe('failed');
  });
});

describe('an installer that fails while the program runs', () => {
  it('leaves the program locked with the records unchanged; the Updates page and the audit log say it failed', async () => {
    await backend.shutdown();
    backend = await createBackend({
      dataDir,
      kdf: TEST_KDF,
      updateKeys: TEST_KEYS,
      updatePlatform: PLATFORM,
      runningVersion: '0.1.0',
      updateInstaller: {
        install: async () => {
          installed.push({ file: '', bytes: Buffer.alloc(0), version: 'failed', databaseOpen: backend.db !== null, session: false });
          throw new Error('pkexec: not authorised');
        },
      },
    });
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const before = await records(backend);
    await makeUpdateFolder(stick);
    await runJob(backend, call(backend, 'updates.start', { folder: stick, backupFolder: backupDrive }));
    await expect.poll(() => installed.length).toBe(1);
    await expect.poll(() => existsSync(join(dataDir, 'updates', 'install-failed.json'))).toBe(true);
    expect(backend.session).toBeNull();
    expect(backend.db).toBeNull();
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const status = await call(backend, 'updates.status', {});
    expect(status.lastFailed).toMatchObject({ toVersion: '0.2.0' });
    expect(status.runningVersion).toBe('0.1.0');
    const row = await backend.requireDb().selectFrom('audit_log').select(['outcome']).where('action', '=', 'updates.installed').executeTakeFirstOrThrow();
    expect(row.outcome).toBe('failed');
    // The backup before installing rightly notes itself (settings: last verified backup; tasks: the
    // reminder), and logging in again notes its time (staff); every other table is as it was.
    const { audit_log: _a, settings: _s, tasks: _t, staff: _p, ...now } = await dumpTables(backend.requireDb());
    const { settings: _s2, tasks: _t2, staff: _p2, ...then } = before;
    expect(now).toEqual(then);
  });
});

describe('anti-rollback across a reinstall of an older build', () => {
  it('a data folder that once ran 0.3.0 refuses 0.2.0 even when 0.1.0 is reinstalled and running', async () => {
    await backend.shutdown();
    backend = await start({ running: '0.3.0' }); // the newer version ran on these records once
    await backend.shutdown();
    backend = await start({ running: '0.1.0' }); // then an older build was reinstalled
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await makeUpdateFolder(stick, { version: '0.2.0' });
    const preview = await call(backend, 'updates.check', { folder: stick });
    expect(preview).toMatchObject({ runningVersion: '0.1.0', highestVersion: '0.3.0', mayInstall: false });
    expect(preview.refusal?.code).toBe('ROLLBACK');
    const error = await callError(backend, 'updates.start', { folder: stick, backupFolder: backupDrive });
    expect(error.message).toBe(refusalMessages.ROLLBACK);
    expect(installed).toEqual([]);
  });
});

describe('a refused update installs nothing and leaves the records untouched', () => {
  it.each([
    ['no update on the stick', async () => {}, 'NO_UPDATE'],
    ['one byte changed', async () => {
      await makeUpdateFolder(stick);
      const file = join(stick, 'update.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"0.2.0"', '"0.2.1"'));
    }, 'BAD_SIGNATURE'],
    ['no signature', async () => {
      await makeUpdateFolder(stick);
      rmSync(join(stick, 'update.json.sig'));
    }, 'NO_SIGNATURE'],
    ['an equal version', () => makeUpdateFolder(stick, { version: '0.1.0' }), 'NOT_NEWER'],
  ] as const)('%s: refused when asked to start', async (_what, prepare, refusal) => {
    await prepare();
    const before = await records(backend);
    const error = await callError(backend, 'updates.start', { folder: stick, backupFolder: backupDrive });
    expect(error).toMatchObject({ code: 'VALIDATION', message: refusalMessages[refusal] });
    expect(error.fields?.folder).toBe(refusalMessages[refusal]);
    expect(installed).toEqual([]);
    expect(readdirSync(backupDrive)).toEqual([]);
    expect(await records(backend)).toEqual(before);
  });

  it('an installer changed on the stick: the job fails with its message, nothing is backed up or installed', async () => {
    await makeUpdateFolder(stick);
    const file = join(stick, INSTALLER);
    const bytes = readFileSync(file);
    bytes[5] = bytes[5]! ^ 0xff;
    writeFileSync(file, bytes);
    const before = await records(backend);
    const status = await runJob(backend, call(backend, 'updates.start', { folder: stick, backupFolder: backupDrive }));
    expect(status).toMatchObject({ phase: 'failed', error: refusalMessages.HASH_MISMATCH });
    expect(installed).toEqual([]);
    expect(readdirSync(backupDrive)).toEqual([]);
    expect(existsSync(incomingFolder(dataDir))).toBe(false);
    expect(await records(backend)).toEqual(before);
  });

  it('a stick pulled out mid-copy: refused, no copy kept, records untouched', async () => {
    await makeUpdateFolder(stick, { installerBytes: Buffer.alloc(3 * 1024 * 1024, 3) });
    const before = await records(backend);
    await expect(
      prepareUpdate(backend, stick, { progress: () => {} }, {
        backupFolder: backupDrive,
        staff: null,
        copyHooks: { afterChunk: () => { throw Object.assign(new Error('gone'), { code: 'ENODEV' }); } },
      }),
    ).rejects.toThrow(refusalMessages.STICK_REMOVED);
    expect(readdirSync(backupDrive)).toEqual([]);
    expect(existsSync(incomingFolder(dataDir))).toBe(false);
    expect(await records(backend)).toEqual(before);
  });

  it('only an administrator may look at or start an update', async () => {
    const { temporaryPassword } = await addStaff(backend, 'molly', 'manager');
    await makeUpdateFolder(stick);
    await switchTo(backend, 'molly', temporaryPassword);
    expect((await callError(backend, 'updates.check', { folder: stick })).code).toBe('FORBIDDEN');
    expect((await callError(backend, 'updates.start', { folder: stick })).code).toBe('FORBIDDEN');
    expect((await callError(backend, 'updates.status', {})).code).toBe('FORBIDDEN');
    await jobFinished(backend);
    expect(installed).toEqual([]);
  });

  it('needs a backup passphrase first, and a backup folder that is there', async () => {
    await makeUpdateFolder(stick);
    const missing = await callError(backend, 'updates.start', { folder: stick, backupFolder: join(temp.dir, 'nowhere') });
    expect(missing.fields?.backupFolder).toMatch(/could not be found/);
  });
});
