import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
  cpSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { openDatabase } from '../../../src/main/db/open';
import { seedDemo } from '../../../src/main/demo/seed';
import { DAMAGED, NOT_A_BACKUP, TRUNCATED } from '../../../src/main/features/backups/format';
import {
  inspectBackup,
  isNewerVersion,
  restorePrepared,
  WRONG_PASSPHRASE,
  WRONG_RECOVERY_KEY,
} from '../../../src/main/features/backups/restore';
import { finishInterruptedRestore, type SwapStep } from '../../../src/main/features/backups/swap';
import { ADMIN, ORG, call, callError, newBackend, setUpAndLogIn, tempDir } from '../helpers';
import { ADMIN_DEMO, dumpTables, MANAGER_DEMO, makeFolder, PASSPHRASE, rewriteHeader, runJob } from './fixtures';
import { nowIso } from '../../../src/main/clock';

const MARKER = 'Xylophone-Quokka-7731-distinctive';

let root: string;
let cleanupRoot: () => void;
let source: Backend;
let recoveryKey: string;
let backupFile: string;
let before: Record<string, string[]>;
let participantName: string;

beforeAll(async () => {
  const t = tempDir();
  root = t.dir;
  cleanupRoot = t.cleanup;
  source = await newBackend(makeFolder(root, 'source'));
  recoveryKey = await seedDemo(source);
  await call(source, 'auth.login', { username: ADMIN_DEMO.username, password: ADMIN_DEMO.password });
  await call(source, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
  const db = source.requireDb();
  await db
    .insertInto('settings')
    .values({
      key: 'test.marker',
      value: JSON.stringify(MARKER),
      updated_at: nowIso({ backend: source }),
      updated_by: null,
    })
    .execute();
  const p = await db
    .selectFrom('participants')
    .select(['first_name', 'last_name'])
    .orderBy('last_name')
    .executeTakeFirstOrThrow();
  participantName = p.last_name;
  before = await dumpTables(db);
  const status = await runJob(source, call(source, 'backups.start', { folder: makeFolder(root, 'stick') }));
  expect(status.error).toBeNull();
  expect(status.phase).toBe('done');
  backupFile = status.result!.file;
}, 180_000);

afterAll(async () => {
  await source?.shutdown();
  cleanupRoot?.();
});

async function freshBackend(name: string): Promise<Backend> {
  return newBackend(makeFolder(root, name));
}

describe('a backup', () => {
  it('is one file named for the organisation and the date, recorded as the last verified backup', async () => {
    const name = backupFile.split('/').pop()!;
    expect(name).toMatch(/^DemoCharity-\d{4}-\d{2}-\d{2}-\d{4}\.dvppbak$/);
    expect(readdirSync(join(root, 'stick'))).toEqual([name]);
    const status = await call(source, 'backups.status', {});
    expect(status.lastFileName).toBe(name);
    expect(status.lastVerifiedAt).not.toBeNull();
    expect(status.overdue).toBe(false);
    expect(readdirSync(source.options.dataDir)).not.toContain('backup-work');
  });

  it('holds no plaintext of what the database holds', () => {
    const bytes = readFileSync(backupFile);
    for (const text of [MARKER, participantName, 'SQLite format 3', ADMIN_DEMO.fullName, MANAGER_DEMO.username]) {
      expect(bytes.includes(Buffer.from(text, 'utf8')), text).toBe(false);
    }
    // Only the organisation's name is in the header, so a restore can say whose backup it is.
    expect(bytes.includes(Buffer.from('Demo Charity'))).toBe(true);
  });
});

describe('restore on a computer never set up', () => {
  it('shows what the backup holds, then restores every table as it was', async () => {
    const target = await freshBackend('fresh');
    const preview = await call(target, 'backups.inspect', { file: backupFile, passphrase: PASSPHRASE });
    expect(preview.organisation.name).toBe('Demo Charity');
    expect(preview.counts.participants).toBe(before.participants!.length);
    // The partner side is in the backup's partner part, under the partner key (issue 13): an administrator's
    // backup cannot count it, so it is not in the programme side's tables or counts.
    expect(before.partners).toBeUndefined();
    expect(preview.counts.partners).toBe(0);
    // ...and the preview says so, rather than showing "0 partners" as if there were none.
    expect(preview.partnerPart).toBe(true);
    expect(preview.counts.sessions).toBe(before.sessions!.length);
    expect(preview.otherOrganisation).toBeNull();
    expect(preview.passwordsFromBackup).toBe(true);
    const job = await runJob(target, call(target, 'backups.restore', { token: preview.token }));
    expect(job.error).toBeNull();
    expect((await call(target, 'auth.status', {})).state).toBe('locked');

    // Compare the restored file itself, before a log-in adds its own entries.
    const unlocked = await target.vault.unlockWithPassword(MANAGER_DEMO.username, MANAGER_DEMO.password);
    const restored = await openDatabase(target.databaseFile, unlocked!.candidates[0]!.key, { migrate: false });
    expect(await dumpTables(restored.db)).toEqual(before);
    await restored.db.destroy();

    // Then people log in with the passwords they had, and the work is there.
    await call(target, 'auth.login', { username: MANAGER_DEMO.username, password: MANAGER_DEMO.password });
    const hits = await call(target, 'participants.search', { q: participantName });
    expect(hits.length).toBeGreaterThan(0);
    const audit = await target
      .requireDb()
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'backups.restore')
      .execute();
    expect(audit).toHaveLength(1);
    expect(readdirSync(target.options.dataDir).filter((n) => n.startsWith('restore'))).toEqual([]);
    await target.shutdown();
  });

  it('opens with the recovery key too', async () => {
    const target = await freshBackend('fresh-recovery');
    const preview = await call(target, 'backups.inspect', { file: backupFile, recoveryKey });
    expect(preview.counts.participants).toBe(before.participants!.length);
    await call(target, 'backups.cancelRestore', {});
    await target.shutdown();
  });
});

describe('faults, each with its own message and nothing changed', () => {
  let target: Backend;
  beforeAll(async () => {
    target = await freshBackend('faults');
  });
  afterAll(() => target.shutdown());

  const nothingChanged = () => {
    expect(existsSync(target.databaseFile)).toBe(false);
    expect(target.vault.exists()).toBe(false);
    expect(readdirSync(target.options.dataDir)).not.toContain('restore-work');
  };

  it('a wrong passphrase', async () => {
    const error = await callError(target, 'backups.inspect', {
      file: backupFile,
      passphrase: 'not the right passphrase at all',
    });
    expect(error.message).toBe(WRONG_PASSPHRASE);
    expect(error.fields?.passphrase).toBe(WRONG_PASSPHRASE);
    nothingChanged();
  });

  it('a wrong recovery key', async () => {
    const wrong = recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const error = await callError(target, 'backups.inspect', { file: backupFile, recoveryKey: wrong });
    expect(error.message).toBe(WRONG_RECOVERY_KEY);
    nothingChanged();
  });

  it('a truncated file', async () => {
    const cut = join(root, 'cut.dvppbak');
    copyFileSync(backupFile, cut);
    truncateSync(cut, Math.floor(readFileSync(cut).length / 2));
    expect((await callError(target, 'backups.inspect', { file: cut, passphrase: PASSPHRASE })).message).toBe(TRUNCATED);
    nothingChanged();
  });

  it('one byte changed', async () => {
    const bytes = readFileSync(backupFile);
    for (const at of [bytes.length - 10, Math.floor(bytes.length / 2), 200]) {
      const changed = Buffer.from(bytes);
      changed[at] = changed[at]! ^ 0x01;
      const file = join(root, `changed-${at}.dvppbak`);
      writeFileSync(file, changed);
      const error = await callError(target, 'backups.inspect', { file, passphrase: PASSPHRASE });
      expect(error.message, `byte ${at}`).toBe(DAMAGED);
    }
    nothingChanged();
  });

  it('a file that is not a backup', async () => {
    const text = join(root, 'notes.txt');
    writeFileSync(text, 'just some text');
    expect((await callError(target, 'backups.inspect', { file: text, passphrase: PASSPHRASE })).message).toBe(
      NOT_A_BACKUP,
    );
    // Not even a live database file is taken for a backup.
    expect(
      (await callError(target, 'backups.inspect', { file: source.databaseFile, passphrase: PASSPHRASE })).message,
    ).toBe(NOT_A_BACKUP);
    nothingChanged();
  });

  it('a backup from a newer version is refused, saying so', async () => {
    const newer = join(root, 'newer.dvppbak');
    rewriteHeader(backupFile, newer, (h) => {
      h.schemaVersion = '9999_from_the_future';
      h.appVersion = '99.1.0';
    });
    const error = await callError(target, 'backups.inspect', { file: newer, passphrase: PASSPHRASE });
    expect(error.code).toBe('NEWER_DATABASE');
    expect(error.message).toContain('newer version of the program (version 99.1.0)');
    nothingChanged();
  });

  it('a backup from a newer program with the same schema is refused too', async () => {
    const newer = join(root, 'newer-app.dvppbak');
    rewriteHeader(backupFile, newer, (h) => {
      h.appVersion = '99.0.0';
    });
    const error = await callError(target, 'backups.inspect', { file: newer, passphrase: PASSPHRASE });
    expect(error.code).toBe('NEWER_DATABASE');
    expect(error.message).toContain('(version 99.0.0)');
    expect(isNewerVersion('0.10.0', '0.9.3')).toBe(true);
    expect(isNewerVersion('0.1.0', '0.1.0')).toBe(false);
    expect(isNewerVersion('0.0.9', '0.1.0')).toBe(false);
    nothingChanged();
  });

  it('a header edited after the backup was made', async () => {
    const edited = join(root, 'edited.dvppbak');
    rewriteHeader(backupFile, edited, (h) => {
      h.createdAt = '2001-01-01T00:00:00.000Z';
    });
    const error = await callError(target, 'backups.inspect', { file: edited, passphrase: PASSPHRASE });
    expect(error.message).toContain('altered');
    nothingChanged();
  });
});

describe('restore over another organisation', () => {
  it('warns naming both, and restores only once accepted', async () => {
    const { backend } = await setUpAndLogIn(makeFolder(root, 'other'));
    const preview = await call(backend, 'backups.inspect', { file: backupFile, passphrase: PASSPHRASE });
    expect(preview.otherOrganisation).toEqual({ current: ORG.name, backup: 'Demo Charity' });
    const refused = await runJob(backend, call(backend, 'backups.restore', { token: preview.token }));
    expect(refused.phase).toBe('failed');
    expect(refused.error).toContain('"Demo Charity"');
    expect(refused.error).toContain(`"${ORG.name}"`);
    expect(backend.session).not.toBeNull(); // nothing happened

    const again = await call(backend, 'backups.inspect', { file: backupFile, passphrase: PASSPHRASE });
    const done = await runJob(
      backend,
      call(backend, 'backups.restore', { token: again.token, acceptOtherOrganisation: true }),
    );
    expect(done.error).toBeNull();
    expect(backend.session).toBeNull();
    // The backup's people and passwords came with it; the replaced installation's did not.
    expect((await callError(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password })).code).toBe(
      'VALIDATION',
    );
    await call(backend, 'auth.login', { username: ADMIN_DEMO.username, password: ADMIN_DEMO.password });
    expect((await call(backend, 'settings.get', {})).organisation.name).toBe('Demo Charity');
    await backend.shutdown();
  });

  it('is refused to anyone but an administrator', async () => {
    const target = await freshBackend('manager-only');
    await seedDemo(target);
    await call(target, 'auth.login', { username: MANAGER_DEMO.username, password: MANAGER_DEMO.password });
    expect((await callError(target, 'backups.inspect', { file: backupFile, passphrase: PASSPHRASE })).code).toBe(
      'FORBIDDEN',
    );
    await call(target, 'auth.logout', {});
    expect((await callError(target, 'backups.inspect', { file: backupFile, passphrase: PASSPHRASE })).code).toBe(
      'FORBIDDEN',
    );
    await target.shutdown();
  });
});

describe('the program killed during a restore', () => {
  const steps: SwapStep[] = ['manifest', 'moved-old', 'moved-new', 'committed'];
  for (const step of steps) {
    it(`after "${step}": the next start opens ${step === 'committed' ? 'the restored' : 'the old'} database whole`, async () => {
      const dir = makeFolder(root, `crash-${step}`);
      const snapshot = join(root, `crash-${step}-disk`);
      const { backend } = await setUpAndLogIn(dir);
      await call(backend, 'staff.create', { fullName: 'Kept Person', username: 'kept', jobTitle: '', role: 'manager' });
      const preview = await inspectBackup(backend, { file: backupFile, passphrase: PASSPHRASE, recoveryKey: '' });
      // The disk as it is at that moment is what a killed program leaves behind.
      await restorePrepared(
        backend,
        { token: preview.token, acceptOtherOrganisation: true },
        { progress: () => {} },
        { swapHooks: { after: (s) => s === step && cpSync(dir, snapshot, { recursive: true }) } },
      );
      await backend.shutdown();

      expect(finishInterruptedRestore(snapshot)).toBe(step === 'committed' ? 'completed' : 'rolled-back');
      const restarted = await newBackend(snapshot);
      if (step === 'committed') {
        await call(restarted, 'auth.login', { username: ADMIN_DEMO.username, password: ADMIN_DEMO.password });
        expect((await call(restarted, 'settings.get', {})).organisation.name).toBe('Demo Charity');
      } else {
        await call(restarted, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
        expect((await call(restarted, 'settings.get', {})).organisation.name).toBe(ORG.name);
        const staff = await call(restarted, 'staff.list', {});
        expect(staff.map((s) => s.username)).toContain('kept');
      }
      expect(readdirSync(snapshot).filter((n) => n.startsWith('restore'))).toEqual([]);
      await restarted.shutdown();
      rmSync(snapshot, { recursive: true, force: true });
    });
  }
});
