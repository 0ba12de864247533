/**
 * The partner wall in the encryption (issue 13): an existing folder is converted at the first
 * log-in after the update; then a facilitator's or an administrator's password, with a copy of
 * every file in the data folder, recovers none of her details, while a partner worker's does.
 * Staff changes: only a holder gives partner access; a removed holder's old keyring entry no
 * longer opens the rotated key. The insider here uses the keyring and the driver directly.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import { openRaw } from '../../../src/main/db/driver';
import { partnerFileOf } from '../../../src/main/db/partner-file';
import { TEST_KDF, Vault } from '../../../src/main/vault/vault';
import type { Backend } from '../../../src/main/backend';
import { addStaff, ADMIN, call, callError, newBackend, setUpAndLogIn, switchTo, tempDir } from '../helpers';
import { makeFolder, PASSPHRASE, runJob } from '../backups/fixtures';
import { readHeader } from '../../../src/main/features/backups/format';
import { referralInput, today } from '../participants/fixtures';
import { plaintextPages, traces } from '../retention/raw-pages';
import { nowIso } from '../../../src/main/clock';

const SECRET = {
  first: 'Philippadora',
  last: 'Wintergreenish',
  phone: '07700 900613',
  address: '17 Quinceberry Mews, Hollowfordshire',
  note: 'Spoke about the orchard lockbox quixotically',
  plan: 'Spare keys with the laundrette owner Ottoline',
  code: 'marmalade-thunder',
  // Her side's rows of the tables both sides share (issue 13 part 1): written before the conversion
  // (moved by the partner file's upgrade 1) and after it (written behind the wall).
  concern: 'Zephyrine disclosed the cellar padlock',
  sharing: 'Rehoused near Brackenthwaite lido',
  taskNote: 'Voicemail about the Quorndale refuge',
  concernAfter: 'Ambrosetta saw the periwinkle hatchback',
  sharingAfter: 'Told the Glimmerstone housing officer',
  taskNoteAfter: 'Rang the Fennimore outreach line',
};
const NEEDLES = [SECRET.first, SECRET.last, SECRET.address, SECRET.note, SECRET.plan, SECRET.code, SECRET.phone];
const SHARED_NEEDLES = [SECRET.concern, SECRET.sharing, SECRET.taskNote, SECRET.concernAfter, SECRET.sharingAfter, SECRET.taskNoteAfter];
const ALL_NEEDLES = [...NEEDLES, ...SHARED_NEEDLES];

/** A partner-side concern, a sharing entry and a task about her (its closing note), each with its own words. */
async function herSharedRows(words: { concern: string; sharing: string; taskNote: string }) {
  const concern = await call(backend, 'safeguarding.raise', { partnerId, kind: 'adult_at_risk', raisedOn: today, what: words.concern });
  await call(backend, 'sharing.record', { partnerId, what: words.sharing, agency: 'Housing', sharedOn: today, why: 'Emergency rehousing', basis: 'without_consent', decisionReason: 'Risk to life' });
  const task = (await call(backend, 'tasks.list', { scope: 'all', pageSize: 200 })).tasks.find((t) => t.title.startsWith('Safeguarding concern raised') && t.status === 'open');
  expect(task, 'the concern raised a task about her').toBeDefined();
  await call(backend, 'tasks.complete', { id: task!.id, note: words.taskNote });
  return concern.id;
}

let backend: Backend;
let dir: string;
let cleanup: () => void;
let recoveryKey: string;
const people = { manager: { username: 'mona', password: '', id: '' }, facilitator: { username: 'fred', password: '', id: '' }, worker: { username: 'pat', password: '', id: '' } };
let partnerId: string;

async function loginAs(who: { username: string; password: string }) {
  if (backend.session) await call(backend, 'auth.logout', {});
  await call(backend, 'auth.login', { username: who.username, password: who.password });
}

/** What an insider with a copy of the folder and one password can decrypt: every page of case.db, and the partner file if a key opens it. */
async function insiderReads(folder: string, username: string, password: string): Promise<{ programme: Buffer; partner: string | null; partnerKeys: number }> {
  const vault = new Vault(folder, TEST_KDF);
  const unlocked = await vault.unlockWithPassword(username, password);
  expect(unlocked, 'the password opens its keyring entry').not.toBeNull();
  const pages = plaintextPages(join(folder, 'case.db'), unlocked!.candidates[0]!.key);
  const programme = Buffer.concat([pages.main, pages.wal]);
  // Every key this password yields is tried on the partner file: the database key, and any partner key.
  let partner: string | null = null;
  for (const key of [unlocked!.candidates[0]!.key, ...unlocked!.partnerKeys.map((k) => k.key)]) {
    const raw = await openRaw(join(folder, 'partner.db'));
    try {
      await raw.key(key);
      const rows = await raw.all<Record<string, unknown>>('SELECT p.details, c.notes, s.data FROM partners p, partner_contacts c, safety_plans s');
      const shared = [
        await raw.all('SELECT data FROM safeguarding_concerns'),
        await raw.all('SELECT data FROM sharing_log'),
        await raw.all('SELECT title, done_note FROM tasks'),
      ];
      partner = JSON.stringify([rows, shared]);
    } catch {
      // this key does not open it
    } finally {
      await raw.close();
    }
  }
  return { programme, partner, partnerKeys: unlocked!.partnerKeys.length };
}

function copyOfFolder(): { folder: string; remove: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'dvpp-insider-'));
  cpSync(dir, folder, { recursive: true });
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

beforeAll(async () => {
  const t = tempDir();
  dir = t.dir;
  cleanup = t.cleanup;
  ({ backend, recoveryKey } = await setUpAndLogIn(dir));
  const made = {
    manager: await addStaff(backend, 'mona', 'manager'),
    facilitator: await addStaff(backend, 'fred', 'facilitator'),
    worker: await addStaff(backend, 'pat', 'partner_worker'),
  };
  for (const role of ['facilitator', 'manager'] as const) {
    people[role].id = made[role].staff.id;
    people[role].password = await switchTo(backend, people[role].username, made[role].temporaryPassword, `own long password for the ${role === 'manager' ? 'lead' : 'group'}`);
  }
  people.worker.id = made.worker.staff.id;
  // Still the manager's first session, before any log-in could convert: the partner tables are in case.db, as in a folder from before the update.
  expect(existsSync(partnerFileOf(backend.databaseFile))).toBe(false);
  const { id: man } = await call(backend, 'participants.create', referralInput({ firstName: 'Wall', lastName: 'Keyed', aliases: [] }));
  ({ id: partnerId } = await call(backend, 'partners.create', {
    details: {
      firstName: SECRET.first,
      lastName: SECRET.last,
      phone: SECRET.phone,
      address: SECRET.address,
      safeContact: { safeNumber: SECRET.phone, safeTimes: 'Mornings', messageAllowed: 'no', nameToGive: 'Clinic', codeWord: SECRET.code, notes: '' },
      consentToService: true,
      workerId: people.worker.id,
    },
    link: { participantId: man, relationship: 'current', from: '2019-01-01', to: '' },
  }));
  await call(backend, 'partners.logContact', { partnerId, at: nowIso({ backend }), method: 'phone', outcome: 'spoke', notes: SECRET.note, nextContactDue: addDays(today, 7) });
  const sections = { safe_contacts: SECRET.plan, leaving_plan: 'Bag packed', children: '', technology: '', at_home: '', at_work: '' };
  await call(backend, 'partners.saveSafetyPlan', { partnerId, version: 0, sections, reviewOn: addDays(today, 30) });
  await herSharedRows({ concern: SECRET.concern, sharing: SECRET.sharing, taskNote: SECRET.taskNote });
  // The next log-in converts the folder (the manager has set her own password, so she can hold the key).
  people.worker.password = await switchTo(backend, 'pat', made.worker.temporaryPassword, 'her own long password');
  // After the conversion, the manager (a holder) writes more of her side's shared rows: they go behind the wall.
  await loginAs(people.manager);
  await herSharedRows({ concern: SECRET.concernAfter, sharing: SECRET.sharingAfter, taskNote: SECRET.taskNoteAfter });
  await loginAs({ username: ADMIN.username, password: ADMIN.password });
});
afterAll(async () => {
  await backend.shutdown();
  cleanup();
});

describe('converting an existing folder', () => {
  it('moves the partner side into partner.db and leaves no trace of it in any page of case.db or its log', async () => {
    expect(existsSync(partnerFileOf(backend.databaseFile))).toBe(true);
    await call(backend, 'auth.logout', {});
    // The database key (from the administrator's entry) decrypts every page, free ones included, and the write-ahead log.
    const unlocked = await new Vault(dir, TEST_KDF).unlockWithPassword(ADMIN.username, ADMIN.password);
    const pages = plaintextPages(backend.databaseFile, unlocked!.candidates[0]!.key);
    expect(traces(pages.main, ALL_NEEDLES)).toEqual([]);
    expect(traces(pages.wal, ALL_NEEDLES)).toEqual([]);
    // Nor is the copy made before the conversion left behind.
    expect(existsSync(`${backend.databaseFile}.before-update`)).toBe(false);
    expect(readFileSync(backend.databaseFile).includes(Buffer.from(SECRET.last))).toBe(false);
  });

  it('the manager, who holds the key, still sees her record; the facilitator is refused plainly', async () => {
    await loginAs(people.manager);
    const record = await call(backend, 'partners.get', { partnerId });
    expect(record.details.address).toBe(SECRET.address);
    // Her side's concerns, sharing entries and tasks, from before and after the conversion, read as before.
    const concerns = JSON.stringify(await call(backend, 'safeguarding.list', { partnerId }));
    for (const words of [SECRET.concern, SECRET.concernAfter]) expect(concerns).toContain(words);
    const sharing = JSON.stringify(await call(backend, 'sharing.list', { partnerId }));
    for (const words of [SECRET.sharing, SECRET.sharingAfter]) expect(sharing).toContain(words);
    const log = JSON.stringify(await call(backend, 'sharing.log', {}));
    for (const words of [SECRET.sharing, SECRET.sharingAfter]) expect(log).toContain(words);
    const done = JSON.stringify(await call(backend, 'tasks.list', { scope: 'all', status: 'done', pageSize: 200 }));
    for (const words of [SECRET.taskNote, SECRET.taskNoteAfter]) expect(done).toContain(words);
    await loginAs(people.facilitator);
    expect((await callError(backend, 'partners.get', { partnerId })).code).toBe('FORBIDDEN');
    // An administrator's organisation-wide lists hold nothing of hers.
    await loginAs({ username: ADMIN.username, password: ADMIN.password });
    const adminTasks = JSON.stringify([await call(backend, 'tasks.list', { status: 'done', pageSize: 200 }), await call(backend, 'tasks.list', { pageSize: 200 })]);
    for (const words of SHARED_NEEDLES) expect(adminTasks).not.toContain(words);
  });
});

describe('backup and restore', () => {
  it('an administrator’s backup carries the partner file under its own key; restored on a new computer with the recovery key only, it all comes back', async () => {
    await loginAs({ username: ADMIN.username, password: ADMIN.password });
    await call(backend, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const status = await runJob(backend, call(backend, 'backups.start', { folder: makeFolder(dir, 'stick') }));
    expect(status.error).toBeNull();
    const file = status.result!.file;
    // The partner part is in the file as encrypted bytes: no plaintext of hers anywhere in it.
    expect(traces(readFileSync(file), NEEDLES)).toEqual([]);
    const header = readHeader(file).header;
    expect(header.partnerBytes).toBeGreaterThan(0);

    const elsewhere = tempDir();
    const target = await newBackend(elsewhere.dir);
    try {
      const preview = await call(target, 'backups.inspect', { file, recoveryKey });
      // The preview says her records are in it, sealed, rather than counting "0 partners" from the case file.
      expect(preview).toMatchObject({ partnerPart: true, counts: { partners: 0 } });
      const restored = await runJob(target, call(target, 'backups.restore', { token: preview.token }));
      expect(restored.error).toBeNull();
      expect(existsSync(join(elsewhere.dir, 'partner.db'))).toBe(true);
      // The recovery key alone opens the restored partner file.
      const viaRecovery = new Vault(elsewhere.dir, TEST_KDF).unlockWithRecoveryKey(recoveryKey)!;
      const raw = await openRaw(join(elsewhere.dir, 'partner.db'));
      try {
        await raw.key(viaRecovery.partnerKeys[0]!.key);
        expect(JSON.stringify(await raw.all('SELECT details FROM partners'))).toContain(SECRET.address);
      } finally {
        await raw.close();
      }
      // And the manager, with her own password, works as before.
      await call(target, 'auth.login', { username: people.manager.username, password: people.manager.password });
      expect((await call(target, 'partners.get', { partnerId })).details.address).toBe(SECRET.address);
    } finally {
      await target.shutdown();
      elsewhere.cleanup();
    }
  }, 120_000);

  it('replacing the recovery key asks for the administrator’s password; the new key gets the partner key only from a holder', async () => {
    await loginAs({ username: ADMIN.username, password: ADMIN.password });
    const wrong = await callError(backend, 'auth.replaceRecoveryKey', { password: 'not my password' });
    expect(wrong.fields?.password).toBeDefined();
    expect((await callError(backend, 'auth.replaceRecoveryKey', {})).code).toBe('VALIDATION');
    recoveryKey = (await call(backend, 'auth.replaceRecoveryKey', { password: ADMIN.password })).recoveryKey;
    expect(new Vault(dir, TEST_KDF).unlockWithRecoveryKey(recoveryKey)!.partnerKeys).toHaveLength(0);
    await loginAs(people.manager);
    expect(new Vault(dir, TEST_KDF).unlockWithRecoveryKey(recoveryKey)!.partnerKeys).toHaveLength(1);
  });
});

describe('staff changes', () => {
  it('an administrator cannot give partner access; the partner worker has none until a manager gives it', async () => {
    await loginAs({ username: ADMIN.username, password: ADMIN.password });
    expect((await callError(backend, 'staff.grantPartnerAccess', { id: people.worker.id })).code).toBe('FORBIDDEN');
    await loginAs(people.worker);
    const refused = await callError(backend, 'partners.get', { partnerId });
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/manager can give you partner access/);
    await loginAs(people.manager);
    // The staff page says who has partner access already (so "Give partner access" is offered only to those without).
    const access = async () => Object.fromEntries((await call(backend, 'staff.list', {})).map((s) => [s.id, s.partnerAccess]));
    expect(await access()).toMatchObject({ [people.worker.id]: false, [people.manager.id]: true });
    await call(backend, 'staff.grantPartnerAccess', { id: people.worker.id });
    expect(await access()).toMatchObject({ [people.worker.id]: true, [people.manager.id]: true });
    await loginAs(people.worker);
    expect((await call(backend, 'partners.get', { partnerId })).details.safeContact.codeWord).toBe(SECRET.code);
  });

  it('the insider: a facilitator’s or an administrator’s password with a copy of the folder recovers nothing of hers; a partner worker’s recovers it', async () => {
    await call(backend, 'auth.logout', {});
    const copy = copyOfFolder();
    try {
      for (const who of [people.facilitator, { username: ADMIN.username, password: ADMIN.password }]) {
        const read = await insiderReads(copy.folder, who.username, who.password);
        expect(read.partnerKeys, who.username).toBe(0);
        expect(read.partner, who.username).toBeNull();
        expect(traces(read.programme, ALL_NEEDLES), who.username).toEqual([]);
      }
      const worker = await insiderReads(copy.folder, people.worker.username, people.worker.password);
      expect(worker.partner).toContain(SECRET.address);
      expect(worker.partner).toContain(SECRET.note);
      expect(worker.partner).toContain(SECRET.plan);
      for (const words of SHARED_NEEDLES) expect(worker.partner).toContain(words);
    } finally {
      copy.remove();
    }
  });

  it('the recovery key opens the partner side too', async () => {
    const unlocked = new Vault(dir, TEST_KDF).unlockWithRecoveryKey(recoveryKey);
    expect(unlocked!.partnerKeys).toHaveLength(1);
  });

  it('a removed partner worker’s old keyring entry no longer opens the partner file once a holder has logged in', async () => {
    const before = copyOfFolder();
    try {
      await loginAs({ username: ADMIN.username, password: ADMIN.password });
      await call(backend, 'staff.deactivate', { id: people.worker.id });
      expect(new Vault(dir, TEST_KDF).read().partner?.rotate).toBe(true);
      await loginAs(people.manager);
      expect(new Vault(dir, TEST_KDF).read().partner?.rotate).toBe(false);
      expect((await call(backend, 'partners.get', { partnerId })).details.address).toBe(SECRET.address);
      await call(backend, 'auth.logout', {});
      // Her old copy of the keyring (and her password) still yields the old partner key: it opens nothing now.
      const old = await new Vault(before.folder, TEST_KDF).unlockWithPassword(people.worker.username, people.worker.password);
      expect(old!.partnerKeys).toHaveLength(1);
      const raw = await openRaw(partnerFileOf(backend.databaseFile));
      try {
        await raw.key(old!.partnerKeys[0]!.key);
        await expect(raw.all('SELECT count(*) AS n FROM partners')).rejects.toThrow();
      } finally {
        await raw.close();
      }
    } finally {
      before.remove();
    }
  });

  it('moving a manager out of a partner role takes her key away', async () => {
    await loginAs({ username: ADMIN.username, password: ADMIN.password });
    const staff = (await call(backend, 'staff.list', {})).find((s) => s.id === people.manager.id)!;
    await call(backend, 'staff.update', { id: staff.id, fullName: staff.fullName, username: staff.username, jobTitle: staff.jobTitle, role: 'facilitator', gender: null });
    expect(new Vault(dir, TEST_KDF).read().entries.find((e) => e.id === people.manager.id)!.partnerKey).toBeUndefined();
    expect(new Vault(dir, TEST_KDF).read().partner?.rotate).toBe(true);
  });
});
