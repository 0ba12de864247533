import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations';
import { migrate } from '../../../src/main/db/migrator';
import { openDatabase } from '../../../src/main/db/open';
import { safetyCopyFile } from '../../../src/main/db/safety-copy';
import { exportDatabase } from '../../../src/main/features/backups/copy';
import { headerAad, writeBackupFile, type BackupHeader } from '../../../src/main/features/backups/format';
import { encryptJson, keyringAad, newPassphraseKey, sealBackupKey } from '../../../src/main/features/backups/keys';
import { summaryCounts } from '../../../src/main/features/backups/backup';
import { TEST_KDF, Vault } from '../../../src/main/vault/vault';
import { ADMIN, ORG, call, newBackend, setUpAndLogIn, tempDir } from '../helpers';
import { PASSPHRASE, runJob } from './fixtures';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

const OLDER = migrations.slice(0, 2);

/** An installation as an early version of the program left it: only the first migrations, one administrator. */
async function olderInstallation(dir: string) {
  mkdirSync(dir, { recursive: true });
  const dataKey = randomBytes(32);
  const databaseId = randomUUID();
  const adminId = randomUUID();
  const vault = new Vault(dir, TEST_KDF);
  await vault.create({
    databaseId,
    dataKey,
    admin: { id: adminId, username: ADMIN.username, password: ADMIN.password },
  });
  const opened = await openDatabase(join(dir, 'case.db'), dataKey, { create: true, migrate: false });
  await migrate(opened.db, OLDER);
  const now = new Date().toISOString();
  await opened.db
    .insertInto('meta')
    .values([
      { key: 'database_id', value: databaseId },
      { key: 'created_at', value: now },
    ])
    .execute();
  await opened.db
    .insertInto('settings')
    .values({ key: 'organisation', value: JSON.stringify(ORG), updated_at: now, updated_by: null })
    .execute();
  await sql`insert into staff (id, username, full_name, job_title, role, active, must_change_password, created_at, updated_at)
            values (${adminId}, ${ADMIN.username}, ${ADMIN.fullName}, '', 'admin', 1, 0, ${now}, ${now})`.execute(
    opened.db,
  );
  return { opened, dataKey, databaseId, vault };
}

describe('a backup from an older version', () => {
  it('is brought up to date as it is restored', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { opened, databaseId, vault } = await olderInstallation(join(t.dir, 'old'));
    // The backup file as the older version wrote it.
    const key = randomBytes(32);
    const copy = join(t.dir, 'copy.db');
    const tables = await exportDatabase(opened, copy, key);
    await opened.db.destroy();
    const passphraseKey = await newPassphraseKey(PASSPHRASE, TEST_KDF, new Date().toISOString());
    const keyring = vault.read();
    const base: Omit<BackupHeader, 'summary'> = {
      format: 1,
      createdAt: new Date().toISOString(),
      appVersion: '0.0.9',
      schemaVersion: OLDER[OLDER.length - 1]![0],
      databaseId,
      organisation: { name: ORG.name, shortName: ORG.shortName },
      databaseBytes: statSync(copy).size,
      slots: sealBackupKey(
        key,
        databaseId,
        passphraseKey,
        keyring.entries.find((e) => e.kind === 'recovery')!,
      ),
      keyring: encryptJson(key, keyring, keyringAad(databaseId)),
    };
    const file = join(t.dir, 'old.dvppbak');
    await writeBackupFile(
      file,
      { ...base, summary: encryptJson(key, { counts: summaryCounts(tables), tables }, headerAad(base)) },
      copy,
      () => {},
    );

    const target = await newBackend(join(t.dir, 'new'));
    const preview = await call(target, 'backups.inspect', { file, passphrase: PASSPHRASE });
    expect(preview.olderVersion).toBe(true);
    expect(preview.appVersion).toBe('0.0.9');
    expect((await runJob(target, call(target, 'backups.restore', { token: preview.token }))).error).toBeNull();
    await call(target, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const applied = await target.requireDb().selectFrom('schema_migrations').select('name').execute();
    expect(applied.map((r) => r.name)).toEqual(migrations.map(([n]) => n));
    const [entry] = await target
      .requireDb()
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'backups.restore')
      .execute();
    expect(JSON.parse(entry!.detail!)).toMatchObject({
      migrated: migrations.length - OLDER.length,
      appVersion: '0.0.9',
    });
    await target.shutdown();
  });
});

describe('the safety copy before a migration', () => {
  it('is made before an existing database is migrated, holds the database as it was, and goes after a successful start', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const dir = join(t.dir, 'data');
    const { opened } = await olderInstallation(dir);
    await opened.db.destroy();
    const file = join(dir, 'case.db');

    const backend = await newBackend(dir);
    // Log-in opens the database, which migrates it (taking the copy first, see below) ...
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const applied = await backend.requireDb().selectFrom('schema_migrations').select('name').execute();
    expect(applied).toHaveLength(migrations.length);
    // ... and the copy is removed once the program has started on the migrated database.
    expect(existsSync(safetyCopyFile(file))).toBe(false);
    await backend.shutdown();
  });

  it('is an encrypted copy of the database before the migration', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const dir = join(t.dir, 'data');
    const { opened, dataKey } = await olderInstallation(dir);
    await opened.db.destroy();
    const file = join(dir, 'case.db');
    const migrated = await openDatabase(file, dataKey, { safetyCopy: true });
    await migrated.db.destroy();
    const copy = await openDatabase(safetyCopyFile(file), dataKey, { migrate: false });
    const names = await copy.db.selectFrom('schema_migrations').select('name').execute();
    expect(names.map((r) => r.name)).toEqual(OLDER.map(([n]) => n));
    await copy.db.destroy();
    // Not readable without the key.
    await expect(openDatabase(safetyCopyFile(file), randomBytes(32), { migrate: false })).rejects.toMatchObject({
      code: 'VAULT',
    });
    // Nothing pending: no copy.
    rmSync(safetyCopyFile(file));
    const again = await openDatabase(file, dataKey, { safetyCopy: true });
    await again.db.destroy();
    expect(existsSync(safetyCopyFile(file))).toBe(false);
  });

  it('is not made for a database already up to date, and a left-over one goes at the next successful log-in', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(t.dir);
    expect(existsSync(safetyCopyFile(backend.databaseFile))).toBe(false);
    await call(backend, 'auth.logout', {});
    writeFileSync(safetyCopyFile(backend.databaseFile), 'left from an update that went wrong');
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(existsSync(safetyCopyFile(backend.databaseFile))).toBe(false);
    await backend.shutdown();
  });
});
