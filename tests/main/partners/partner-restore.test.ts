/**
 * Backups and the partner key (issue 13, part 5 gaps).
 * - The insider with a backup file: with the backup passphrase and a facilitator's or an
 *   administrator's password, going through the backup's own keyring and the driver, nothing of
 *   hers opens; a manager's password (a holder's) opens the partner part.
 * - A restore on the same installation after the partner key was rotated: everyone who holds
 *   partner access now keeps it (a holder whose seal the backup did not have gets the restored
 *   file's key from the next holder who logs in).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRaw } from '../../../src/main/db/driver';
import { checkAndExtract, readHeader } from '../../../src/main/features/backups/format';
import { decryptJson, keyringAad, unlockWithPassphrase } from '../../../src/main/features/backups/keys';
import { writeKeyring, type Keyring } from '../../../src/main/vault/keyring';
import { TEST_KDF, Vault } from '../../../src/main/vault/vault';
import { addStaff, call, callError, switchTo, tempDir } from '../helpers';
import { makeFolder, PASSPHRASE, runJob } from '../backups/fixtures';
import { referralInput, today, world, type World } from '../participants/fixtures';
import { plaintextPages, traces } from '../retention/raw-pages';

let w: World;
let dir: string;
let cleanup: () => void;
let partnerId: string;
let backupFile: string;
const second = { username: 'pwsecond', password: '', id: '' };
const SECRET = { last: 'Backupshire-Fenwright', concern: 'Orlanthea mentioned the quarry gate', sharing: 'Passed to the Tindlemoor refuge' };
const NEEDLES = Object.values(SECRET);

beforeAll(async () => {
  const t = tempDir();
  dir = t.dir;
  cleanup = t.cleanup;
  w = await world(dir);
  await w.loginAs('facilitator');
  const { id: man } = await call(w.backend, 'participants.create', referralInput({ firstName: 'Restored', lastName: 'Keyman', aliases: [] }));
  await w.loginAs('manager');
  ({ id: partnerId } = await call(w.backend, 'partners.create', {
    details: { firstName: 'Ottilie', lastName: SECRET.last, consentToService: true, workerId: w.accounts.partner_worker.id },
    link: { participantId: man, relationship: 'current', from: '2019-01-01', to: '' },
  }));
  await call(w.backend, 'safeguarding.raise', { partnerId, kind: 'adult_at_risk', raisedOn: today, what: SECRET.concern });
  await call(w.backend, 'sharing.record', { partnerId, what: SECRET.sharing, agency: 'Refuge', sharedOn: today, why: 'Safety', basis: 'without_consent', decisionReason: 'Risk to life' });
  // A second partner worker, with her own password before the backup, but partner access only after it.
  await w.loginAs('admin');
  const made = await addStaff(w.backend, second.username, 'partner_worker');
  second.id = made.staff.id;
  await call(w.backend, 'auth.logout', {});
  second.password = await switchTo(w.backend, second.username, made.temporaryPassword, 'second worker long password');
  await call(w.backend, 'auth.logout', {});
  await w.loginAs('admin');
  await call(w.backend, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
  const status = await runJob(w.backend, call(w.backend, 'backups.start', { folder: makeFolder(dir, 'stick') }));
  expect(status.error).toBeNull();
  backupFile = status.result!.file;
}, 120_000);
afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

/** What the backup file yields to someone with the passphrase and one staff password, using the backup's keyring and the driver. */
async function insiderReadsBackup(username: string, password: string): Promise<{ programme: Buffer; partner: string | null; partnerKeys: number }> {
  const folder = mkdtempSync(join(tmpdir(), 'dvpp-backup-insider-'));
  try {
    const opened = readHeader(backupFile);
    const backupKey = (await unlockWithPassphrase(opened.header, PASSPHRASE))!;
    expect(backupKey, 'the passphrase opens the programme side').not.toBeNull();
    await checkAndExtract(opened, join(folder, 'case.db'), () => undefined, undefined, join(folder, 'partner.db'));
    const keyring = decryptJson(backupKey, opened.header.keyring, keyringAad(opened.header.databaseId)) as Keyring;
    const vault = new Vault(folder, TEST_KDF);
    writeKeyring(vault.keyringFile, keyring);
    const unlocked = await vault.unlockWithPassword(username, password);
    expect(unlocked, 'the password opens its entry in the backup’s keyring').not.toBeNull();
    const pages = plaintextPages(join(folder, 'case.db'), backupKey);
    let partner: string | null = null;
    for (const key of [backupKey, ...unlocked!.candidates.map((c) => c.key), ...unlocked!.partnerKeys.map((k) => k.key)]) {
      const raw = await openRaw(join(folder, 'partner.db'));
      try {
        await raw.key(key);
        partner = JSON.stringify([
          await raw.all('SELECT last_name FROM partners'),
          await raw.all('SELECT data FROM safeguarding_concerns'),
          await raw.all('SELECT data FROM sharing_log'),
        ]);
      } catch {
        // this key does not open it
      } finally {
        await raw.close();
      }
    }
    return { programme: Buffer.concat([pages.main, pages.wal]), partner, partnerKeys: unlocked!.partnerKeys.length };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('the insider with a backup file', () => {
  it('the passphrase with a facilitator’s or an administrator’s password opens nothing of hers; a manager’s password opens her part', async () => {
    for (const role of ['facilitator', 'admin'] as const) {
      const read = await insiderReadsBackup(w.accounts[role].username, w.accounts[role].password);
      expect(read.partnerKeys, role).toBe(0);
      expect(read.partner, role).toBeNull();
      expect(traces(read.programme, NEEDLES), role).toEqual([]);
    }
    const manager = await insiderReadsBackup(w.accounts.manager.username, w.accounts.manager.password);
    expect(manager.partnerKeys).toBe(1);
    for (const words of NEEDLES) expect(manager.partner).toContain(words);
  });
});

describe('a restore on the same installation after the partner key was rotated', () => {
  it('keeps partner access for everyone who holds it now', async () => {
    // After the backup: the second worker is given access; the first leaves, so the key is rotated.
    await w.loginAs('manager');
    await call(w.backend, 'staff.grantPartnerAccess', { id: second.id });
    await w.loginAs('admin');
    await call(w.backend, 'staff.deactivate', { id: w.accounts.partner_worker.id });
    await w.loginAs('manager');
    expect(new Vault(dir, TEST_KDF).read().partner?.rotate).toBe(false);
    await call(w.backend, 'auth.logout', {});
    await call(w.backend, 'auth.login', { username: second.username, password: second.password });
    expect((await call(w.backend, 'partners.get', { partnerId })).details.lastName).toBe(SECRET.last);
    // The administrator restores the backup made before both changes (its partner file is under the old key).
    await call(w.backend, 'auth.logout', {});
    await w.loginAs('admin');
    const preview = await call(w.backend, 'backups.inspect', { file: backupFile, passphrase: PASSPHRASE });
    expect(preview.partnerPart).toBe(true);
    const restored = await runJob(w.backend, call(w.backend, 'backups.restore', { token: preview.token }));
    expect(restored.error).toBeNull();
    // The manager (sealed in the backup) opens it; her log-in passes the restored file's key to the second worker.
    await call(w.backend, 'auth.login', { username: w.accounts.manager.username, password: w.accounts.manager.password });
    expect((await call(w.backend, 'partners.get', { partnerId })).details.lastName).toBe(SECRET.last);
    await call(w.backend, 'auth.logout', {});
    await call(w.backend, 'auth.login', { username: second.username, password: second.password });
    expect((await call(w.backend, 'partners.get', { partnerId })).details.lastName).toBe(SECRET.last);
    const concerns = JSON.stringify(await call(w.backend, 'safeguarding.list', { partnerId }));
    expect(concerns).toContain(SECRET.concern);
    expect(new Vault(dir, TEST_KDF).read().partner?.reseal).toBeUndefined();
    // The facilitator still gets nothing.
    await call(w.backend, 'auth.logout', {});
    await w.loginAs('facilitator');
    expect((await callError(w.backend, 'partners.get', { partnerId })).code).toBe('FORBIDDEN');
  }, 120_000);
});
