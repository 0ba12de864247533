/**
 * Update folders for tests: a dummy installer, a real `update.json` and a
 * real Ed25519 signature made with the test key pair in ./fixtures (which the
 * program itself never trusts: tests pass TEST_KEYS in place of the built-in keys).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Manifest, Platform } from '../../../src/main/features/updates/manifest';
import { buildManifest, writeSignedManifest } from '../../../src/main/features/updates/sign';
import type { TrustedKey } from '../../../src/main/features/updates/trusted-keys';

const fixtures = join(__dirname, 'fixtures');
const publicKey = (id: string) => readFileSync(join(fixtures, `${id}.public.txt`), 'utf8').trim();
/** a test key by name, or a private key file elsewhere by its path without `.private.pem` */
export const privateKey = (id: string) =>
  readFileSync(isAbsolute(id) ? `${id}.private.pem` : join(fixtures, `${id}.private.pem`), 'utf8');

export const TEST_KEYS: readonly TrustedKey[] = [
  { id: 'test-current', role: 'current', publicKey: publicKey('test-current') },
  { id: 'test-next', role: 'next', publicKey: publicKey('test-next') },
];

export const PLATFORM: Platform = 'linux-x64';
export const INSTALLER = 'dvpp-case-manager_0.2.0_amd64.deb';

export interface UpdateFolderOptions {
  version?: string;
  minVersion?: string;
  keyId?: string;
  signWith?: string;
  installerBytes?: Buffer;
  appId?: string;
  channel?: string;
  platform?: Platform;
  notes?: string;
  /** change the signed manifest after it was made (before signing) */
  edit?: (manifest: Manifest) => Manifest;
}

/** Makes `folder` hold a signed update; returns the installer bytes. */
export async function makeUpdateFolder(folder: string, options: UpdateFolderOptions = {}): Promise<Buffer> {
  mkdirSync(folder, { recursive: true });
  const bytes = options.installerBytes ?? randomBytes(64 * 1024 + 17);
  writeFileSync(join(folder, INSTALLER), bytes);
  let manifest = await buildManifest(folder, {
    version: options.version ?? '0.2.0',
    minVersion: options.minVersion ?? '0.1.0',
    releasedOn: '2026-12-01',
    keyId: options.keyId ?? 'test-current',
    notes: options.notes ?? 'Adds the Updates page.\nFixes the register total.',
    installers: { [options.platform ?? PLATFORM]: INSTALLER },
    appId: options.appId,
    channel: options.channel,
  });
  if (options.edit) manifest = options.edit(manifest);
  writeSignedManifest(folder, manifest, privateKey(options.signWith ?? options.keyId ?? 'test-current'), false);
  return bytes;
}
