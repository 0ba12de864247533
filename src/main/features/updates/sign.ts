/**
 * The release step's half: describe the installers in a folder and sign the
 * description. Used by scripts/release-sign.ts and by the tests; the program
 * itself never signs (it holds no private key).
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, SIGNATURE_FILE } from '../../../shared/features/updates';
import { signBytes } from './ed25519';
import { APP_ID, CHANNEL, manifestSchema, type InstallerEntry, type Manifest, type Platform } from './manifest';

export async function describeInstaller(folder: string, file: string): Promise<InstallerEntry> {
  const path = join(folder, file);
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { file, size: statSync(path).size, sha512: hash.digest('hex') };
}

export interface ReleaseFacts {
  version: string;
  minVersion: string;
  releasedOn: string;
  keyId: string;
  notes: string;
  installers: Partial<Record<Platform, string>>;
  appId?: string;
  channel?: string;
}

export async function buildManifest(folder: string, facts: ReleaseFacts): Promise<Manifest> {
  const installers: Partial<Record<Platform, InstallerEntry>> = {};
  for (const [platform, file] of Object.entries(facts.installers) as Array<[Platform, string]>) {
    installers[platform] = await describeInstaller(folder, file);
  }
  return {
    format: 1,
    appId: facts.appId ?? APP_ID,
    channel: facts.channel ?? CHANNEL,
    version: facts.version,
    minVersion: facts.minVersion,
    releasedOn: facts.releasedOn,
    keyId: facts.keyId,
    notes: facts.notes,
    installers,
  };
}

/** Writes `update.json` (these exact bytes are what is signed) and `update.json.sig`. */
export function writeSignedManifest(folder: string, manifest: Manifest, privateKeyPem: string, check = true): Buffer {
  if (check) manifestSchema.parse(manifest);
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  writeFileSync(join(folder, MANIFEST_FILE), bytes);
  writeFileSync(join(folder, SIGNATURE_FILE), `${signBytes(bytes, privateKeyPem).toString('base64')}\n`);
  return bytes;
}
