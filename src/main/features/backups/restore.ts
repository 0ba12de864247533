/**
 * Restoring a backup. First `inspectBackup`: the file's header and checksum,
 * the passphrase (or recovery key), then the database is unpacked into the
 * data folder's work area, opened and checked, and what it holds is shown.
 * Nothing live is touched. Then, once the person confirms, `restorePrepared`:
 * the copy is brought up to this version's schema, copied under a new
 * database key with a keyring for it, and swapped in (see swap.ts), after
 * which the program is at the log-in screen.
 */
import { writeOrganisationName } from '../settings/organisation-name-file';
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RouteParsed } from '../../../shared/api';
import type { RestorePreview } from '../../../shared/features/backups';
import { migrations } from '../../../../migrations';
import { AppError, invalidField } from '../../app-error';
import { APP_VERSION } from '../../app-version';
import type { Backend } from '../../backend';
import { openDatabase } from '../../db/open';
import { LATEST_SCHEMA } from '../../db/migrator';
import { parseKeyring, writeKeyring, type Keyring } from '../../vault/keyring';
import { resealKeyring } from '../../vault/vault';
import { ANCHOR_FILE, writeAnchor } from '../../audit/anchor';
import { markPartnerAnchorRestored, PARTNER_ANCHOR_FILE } from '../../audit/partner-anchor';
import { openCopy, sameCounts } from './copy';
import { runCopyTask } from './copy-task';
import { checkAndExtract, DAMAGED, headerAad, newerError, readHeader, type BackupHeader } from './format';
import type { JobControl } from './jobs';
import { decryptJson, keyringAad, unlockWithPassphrase, unlockWithRecoveryKey } from './keys';
import { summaryCounts, type BackupSummary } from './backup';
import { NEW_DIR, rollBack, swapIn, WORK_DIR, type SwapHooks } from './swap';

interface Prepared {
  token: string;
  dir: string;
  file: string;
  key: Buffer;
  header: BackupHeader;
  keyring: Keyring;
  preview: RestorePreview;
}

const prepared = new WeakMap<Backend, Prepared>();

export const WRONG_PASSPHRASE =
  'This passphrase does not open this backup. Check it (capital letters and spaces count), or use the recovery key instead.';
export const WRONG_RECOVERY_KEY =
  'This recovery key does not open this backup. Check it against the printed copy. If the recovery key was replaced after this backup was made, use the one in use then, or the backup passphrase.';
const ALTERED =
  'This backup has been altered since it was made, so it cannot be trusted. Nothing has been changed. Try another backup.';

/** Compares dotted version numbers (1.10.0 is newer than 1.9.3); anything after a dash or plus is ignored. */
export function isNewerVersion(version: string, than: string): boolean {
  const parts = (v: string) =>
    v
      .split(/[-+]/)[0]!
      .split('.')
      .map((n) => Number.parseInt(n, 10) || 0);
  const a = parts(version);
  const b = parts(than);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return false;
}

function forget(backend: Backend): void {
  const p = prepared.get(backend);
  if (!p) return;
  p.key.fill(0);
  rmSync(join(p.dir, '..'), { recursive: true, force: true });
  prepared.delete(backend);
}

export async function inspectBackup(
  backend: Backend,
  input: RouteParsed<'backups.inspect'>,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<RestorePreview> {
  forget(backend);
  const opened = readHeader(input.file);
  const { header } = opened;
  // Newer schema, or simply a newer program (which may write what this one does not understand): refused.
  if (!migrations.some(([name]) => name === header.schemaVersion) || isNewerVersion(header.appVersion, APP_VERSION)) {
    throw newerError(header.appVersion);
  }

  const usingRecoveryKey = input.passphrase.length === 0;
  const key = usingRecoveryKey
    ? unlockWithRecoveryKey(header, input.recoveryKey)
    : await unlockWithPassphrase(header, input.passphrase);
  const token = randomUUID();
  const workRoot = join(backend.options.dataDir, WORK_DIR);
  rmSync(workRoot, { recursive: true, force: true });
  const dir = join(workRoot, token);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'backup.db');
  let kept = false;
  try {
    // The checksum first, so a damaged file is called damaged, not a wrong passphrase.
    await checkAndExtract(opened, key ? file : null, onProgress, undefined, key ? join(dir, 'partner.db') : null);
    if (!key)
      throw usingRecoveryKey
        ? invalidField('recoveryKey', WRONG_RECOVERY_KEY)
        : invalidField('passphrase', WRONG_PASSPHRASE);
    const summary = decryptJson(key, header.summary, headerAad(header)) as BackupSummary | null;
    const keyring = parseKeyring(decryptJson(key, header.keyring, keyringAad(header.databaseId)));
    if (!summary?.tables || !keyring || keyring.databaseId !== header.databaseId) throw invalidField('file', ALTERED);

    // The full integrity check takes seconds on a large database: on a worker thread.
    const tables = await runCopyTask({ kind: 'check', copyFile: file, copyKey: key, thorough: true });
    const raw = await openCopy(file, key);
    try {
      const idRow = (await raw.all<{ value: string }>("SELECT value FROM meta WHERE key = 'database_id'"))[0];
      if (idRow?.value !== header.databaseId) throw invalidField('file', ALTERED);
    } finally {
      await raw.close();
    }
    if (!sameCounts(tables, summary.tables)) throw invalidField('file', DAMAGED);

    const current = readableKeyring(backend);
    const sameInstallation = current?.databaseId === header.databaseId;
    const preview: RestorePreview = {
      token,
      createdAt: header.createdAt,
      appVersion: header.appVersion,
      schemaVersion: header.schemaVersion,
      organisation: header.organisation,
      counts: summaryCounts(tables),
      olderVersion: header.schemaVersion !== LATEST_SCHEMA,
      // Her records travel in the partner part, under the partner key: the programme's count of them is not theirs to give.
      partnerPart: (header.partnerBytes ?? 0) > 0,
      otherOrganisation:
        current && !sameInstallation
          ? {
              current: backend.organisationName || 'the organisation set up on this computer',
              backup: header.organisation.name,
            }
          : null,
      passwordsFromBackup: !sameInstallation,
    };
    prepared.set(backend, { token, dir, file, key, header, keyring, preview });
    kept = true;
    return preview;
  } finally {
    if (!kept) {
      key?.fill(0);
      rmSync(workRoot, { recursive: true, force: true });
    }
  }
}

/** The installation's keyring, or null when there is none or it cannot be read (a restore from the problem screen). */
function readableKeyring(backend: Backend) {
  try {
    return backend.vault.exists() ? backend.vault.read() : null;
  } catch {
    return null;
  }
}

export function otherOrganisationMessage(other: { current: string; backup: string }): string {
  return `This backup belongs to another organisation: it was made by "${other.backup}", and this computer holds the records of "${other.current}". Restoring it replaces all of "${other.current}"'s records with "${other.backup}"'s.`;
}

/**
 * Same installation: everyone keeps today's password and today's recovery key;
 * people only in the backup get theirs back, except anyone deactivated since
 * (their key was taken away on purpose, and a restore must not hand it back).
 */
function keyringFor(
  backup: Keyring,
  current: Keyring | null,
  staffIds: Set<string>,
  deactivated: Set<string>,
): Keyring {
  if (!current || current.databaseId !== backup.databaseId || current.lookupSalt !== backup.lookupSalt) return backup;
  const keepCurrent = current.entries.filter((e) => e.kind === 'recovery' || staffIds.has(e.id));
  const have = new Set(keepCurrent.map((e) => e.id));
  const fromBackup = backup.entries.filter(
    (e) => e.kind === 'staff' && staffIds.has(e.id) && !have.has(e.id) && !deactivated.has(e.id),
  );
  return { ...current, entries: [...keepCurrent, ...fromBackup] };
}

/**
 * The partner key that opens the restored partner file is the backup's: each entry keeps the seal
 * the backup had for it (same person, same key pair); an entry made since (a new password, a new
 * recovery key) has none until a holder gives it again. A backup without a partner file (from
 * before it) leaves no seal at all: its case.db still holds the partner tables, converted afresh
 * at the next log-in.
 */
function partnerSealsFrom(keyring: Keyring, backup: Keyring, hasPartner: boolean): Keyring {
  const strip = (e: Keyring['entries'][number]) => {
    const { partnerKey: _k, partnerKeyNext: _n, ...rest } = e;
    return rest;
  };
  // Someone who holds the partner key now but had no seal in the backup (given access since, or a new key
  // pair since, and after a rotation the current key does not open the restored file anyway) is not left
  // out: the next holder to log in seals the restored file's key to them (partners/partner-side.ts).
  const reseal = hasPartner
    ? keyring.entries
        .filter((e) => e.partnerKey && !backup.entries.some((b) => b.id === e.id && b.publicKey === e.publicKey && b.partnerKey))
        .map((e) => e.id)
    : [];
  return {
    ...keyring,
    partner: hasPartner ? { rotate: backup.partner?.rotate ?? false, ...(reseal.length ? { reseal } : {}) } : undefined,
    entries: keyring.entries.map((e) => {
      const then = hasPartner ? backup.entries.find((b) => b.id === e.id && b.publicKey === e.publicKey) : undefined;
      return then?.partnerKey ? { ...strip(e), partnerKey: then.partnerKey, ...(then.partnerKeyNext ? { partnerKeyNext: then.partnerKeyNext } : {}) } : strip(e);
    }),
  };
}

export interface RestoreOptions {
  swapHooks?: SwapHooks;
}

/** Brings the prepared copy forward, swaps it in, and leaves the program at the log-in screen. */
export async function restorePrepared(
  backend: Backend,
  input: RouteParsed<'backups.restore'>,
  control: JobControl,
  options: RestoreOptions = {},
): Promise<{ migrated: number }> {
  const p = prepared.get(backend);
  if (!p || p.token !== input.token) {
    throw new AppError('CONFLICT', 'That backup is no longer open. Choose the file and give the passphrase again.');
  }
  if (p.preview.otherOrganisation && !input.acceptOtherOrganisation) {
    throw new AppError(
      'CONFLICT',
      `${otherOrganisationMessage(p.preview.otherOrganisation)} Confirm that this is what you want.`,
    );
  }
  // Who asked, taken now: the window may be locked while the restore runs.
  const actor = backend.session;
  const dataDir = backend.options.dataDir;
  const newDir = join(dataDir, NEW_DIR);
  const newKey = randomBytes(32);
  try {
    control.progress('checking', 10);
    const before = new Set(migrations.map(([n]) => n).filter((n) => n <= p.header.schemaVersion));
    const copy = await openDatabase(p.file, p.key, { create: false, migrate: true });
    let staffIds: Set<string>;
    rmSync(newDir, { recursive: true, force: true });
    mkdirSync(newDir, { mode: 0o700 });
    const newFile = join(newDir, 'case.db');
    try {
      control.progress('copying', 40);
      staffIds = new Set((await copy.db.selectFrom('staff').select('id').execute()).map((r) => r.id));
    } finally {
      await copy.db.destroy();
    }
    // The copy under its new key, and its check, on a worker thread (each takes seconds on a large database).
    const counts = await runCopyTask({ kind: 'export', databaseFile: p.file, databaseKey: p.key, copyFile: newFile, copyKey: newKey });
    control.progress('checking', 75);
    if (!sameCounts(await runCopyTask({ kind: 'check', copyFile: newFile, copyKey: newKey, thorough: true }), counts))
      throw new AppError('INTERNAL', 'The restored copy did not match the backup. Nothing has been changed.');
    const current = readableKeyring(backend);
    const live = backend.db;
    const deactivated = new Set(
      live ? (await live.selectFrom('staff').select('id').where('active', '=', 0).execute()).map((r) => r.id) : [],
    );
    // The partner file comes back as it was backed up, still under its own key (never re-keyed here: the restore may have no holder's key).
    const partnerCopy = join(dirname(p.file), 'partner.db');
    const hasPartner = existsSync(partnerCopy);
    if (hasPartner) copyFileSync(partnerCopy, join(newDir, 'partner.db'));
    writeKeyring(
      join(newDir, 'keyring.json'),
      resealKeyring(partnerSealsFrom(keyringFor(p.keyring, current, staffIds, deactivated), p.keyring, hasPartner), newKey),
    );
    // A fresh audit anchor for the restored database: it vouches from its next log-in on.
    writeAnchor(join(newDir, ANCHOR_FILE), newKey, p.header.databaseId, null);
    // Her chain's anchor starts afresh at the next holder's log-in (no partner key here to seal it with).
    markPartnerAnchorRestored(join(newDir, PARTNER_ANCHOR_FILE));

    control.progress('finishing', 90);
    backend.session = null;
    backend.lockedUser = null;
    await backend.closeDatabase();
    try {
      swapIn(dataDir, options.swapHooks);
    } catch (err) {
      rollBack(dataDir);
      throw err;
    }
    const migrated = migrations.filter(([n]) => !before.has(n)).length;
    // The database is closed: this entry is written into the restored database at the next log-in.
    await backend.recordAudit({
      actorId: actor?.staffId ?? null,
      actorRole: actor?.role ?? null,
      action: 'backups.restore',
      route: 'backups.restore',
      subjectType: 'backup',
      detail: {
        createdAt: p.header.createdAt,
        appVersion: p.header.appVersion,
        schemaVersion: p.header.schemaVersion,
        migrated,
        otherOrganisation: p.preview.otherOrganisation !== null,
      },
    });
    backend.organisationName = p.header.organisation.name;
    writeOrganisationName(backend.options.dataDir, p.header.organisation.name);
    return { migrated };
  } finally {
    newKey.fill(0);
    rmSync(newDir, { recursive: true, force: true });
    forget(backend);
  }
}

export function dropPrepared(backend: Backend): void {
  forget(backend);
}
