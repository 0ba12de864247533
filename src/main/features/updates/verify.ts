/**
 * The checks made on an update folder before anything is copied or run:
 * 1. `update.json` and `update.json.sig` are there;
 * 2. the signature over the exact bytes of `update.json` is valid under the
 *    built-in key the manifest names (the only field read before that check);
 * 3. the signed manifest is for this program, this channel, this platform;
 * 4. its version is newer than the running one and than the highest version
 *    this data folder has ever run, and the running one is at least its minVersion.
 * Each failure throws UpdateRefused with its own message.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, SIGNATURE_FILE } from '../../../shared/features/updates';
import { verifyBytes } from './ed25519';
import { APP_ID, CHANNEL, manifestSchema, type InstallerEntry, type Manifest } from './manifest';
import { UpdateRefused } from './messages';
import type { TrustedKey } from './trusted-keys';
import { compareVersions } from './versions';

export interface SignedManifest {
  manifest: Manifest;
  key: TrustedKey;
  /** the exact bytes that were verified */
  bytes: Buffer;
}

/** Reads at most `limit` bytes of a file; null when it is not there (or not a file), 'too-big' past the limit. */
function readSmallFile(file: string, limit: number): Buffer | null | 'too-big' {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return null;
    if (stat.size > limit) return 'too-big';
    const buffer = Buffer.alloc(stat.size);
    let done = 0;
    while (done < buffer.length) {
      const n = readSync(fd, buffer, done, buffer.length - done, done);
      if (n === 0) break;
      done += n;
    }
    return buffer.subarray(0, done);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

const MAX_MANIFEST_BYTES = 256 * 1024;

/** Steps 1 and 2, then the manifest's form. */
export function readSignedManifest(folder: string, keys: readonly TrustedKey[]): SignedManifest {
  const bytes = readSmallFile(join(folder, MANIFEST_FILE), MAX_MANIFEST_BYTES);
  if (bytes === null) throw new UpdateRefused('NO_UPDATE');
  if (bytes === 'too-big') throw new UpdateRefused('BAD_SIGNATURE');
  const sigText = readSmallFile(join(folder, SIGNATURE_FILE), 1024);
  if (sigText === null || sigText === 'too-big') throw new UpdateRefused('NO_SIGNATURE');
  const sigBase64 = sigText.toString('utf8').trim();
  const signature = Buffer.from(sigBase64, 'base64');
  if (signature.length !== 64 || signature.toString('base64') !== sigBase64) throw new UpdateRefused('NO_SIGNATURE');

  // Only the key's name is read before the signature is checked, and only to choose the key.
  let keyId: unknown;
  try {
    keyId = (JSON.parse(bytes.toString('utf8')) as { keyId?: unknown } | null)?.keyId;
  } catch {
    keyId = undefined;
  }
  const key = keys.find((k) => k.id === keyId);
  if (!key) {
    // A manifest too damaged to name its key is a bad signature, not a stranger's key.
    if (typeof keyId !== 'string') throw new UpdateRefused('BAD_SIGNATURE');
    throw new UpdateRefused('UNKNOWN_KEY');
  }
  if (!verifyBytes(bytes, signature, key.publicKey)) throw new UpdateRefused('BAD_SIGNATURE');

  const parsed = manifestSchema.safeParse(JSON.parse(bytes.toString('utf8')));
  if (!parsed.success) throw new UpdateRefused('BAD_MANIFEST');
  return { manifest: parsed.data, key, bytes };
}

export interface VersionFacts {
  running: string;
  /** the highest version this data folder has run */
  highest: string;
  platform: string;
}

/** Steps 3 and 4: returns this platform's installer entry. */
export function checkManifest(manifest: Manifest, facts: VersionFacts): InstallerEntry {
  if (manifest.appId !== APP_ID) throw new UpdateRefused('WRONG_APP');
  if (manifest.channel !== CHANNEL) throw new UpdateRefused('WRONG_CHANNEL');
  const installer = (manifest.installers as Record<string, InstallerEntry | undefined>)[facts.platform];
  if (!installer) throw new UpdateRefused('WRONG_PLATFORM');
  if (compareVersions(manifest.version, facts.running) <= 0) throw new UpdateRefused('NOT_NEWER');
  if (compareVersions(manifest.version, facts.highest) <= 0) throw new UpdateRefused('ROLLBACK');
  if (compareVersions(facts.running, manifest.minVersion) < 0) throw new UpdateRefused('TOO_OLD');
  return installer;
}

export interface CheckedUpdate extends SignedManifest {
  installer: InstallerEntry;
}

export function checkUpdateFolder(folder: string, keys: readonly TrustedKey[], facts: VersionFacts): CheckedUpdate {
  const signed = readSignedManifest(folder, keys);
  return { ...signed, installer: checkManifest(signed.manifest, facts) };
}
