/**
 * npm run release:sign -- <folder> --key <private key file> [options]
 *
 * Writes `update.json` and `update.json.sig` into the folder that holds the
 * installers (the folder copied onto the USB stick). Run it on the offline
 * signing computer: the private key never goes to the build machine.
 *
 *   --min-version <x.y.z>   the lowest version that may take this update (default 0.1.0)
 *   --version <x.y.z>       default: the version in package.json
 *   --notes <file>          release notes (plain text) shown on the Updates screen
 *   --installer <platform>=<file>   repeatable (linux-x64, win32-x64, darwin-arm64, ...);
 *                           default: found by name (.deb amd64/arm64, .exe, -darwin-<arch>.zip)
 *   --released-on <yyyy-mm-dd>      default: today
 *
 * The key must be one the program trusts (trusted-keys.ts); the key id is
 * taken from there, so a release can never be signed with a key the program
 * would refuse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { version as packageVersion } from '../package.json';
import { publicKeyOfPrivate } from '../src/main/features/updates/ed25519';
import { platformSchema, type Platform } from '../src/main/features/updates/manifest';
import { buildManifest, writeSignedManifest } from '../src/main/features/updates/sign';
import { BUILT_IN_KEYS, type TrustedKey } from '../src/main/features/updates/trusted-keys';
import { isVersion } from '../src/main/features/updates/versions';

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

function findInstallers(folder: string): Partial<Record<Platform, string>> {
  const found: Partial<Record<Platform, string>> = {};
  for (const name of readdirSync(folder)) {
    if (/_amd64\.deb$/.test(name)) found['linux-x64'] = name;
    else if (/_arm64\.deb$/.test(name)) found['linux-arm64'] = name;
    else if (/\.exe$/i.test(name)) found[/arm64/i.test(name) ? 'win32-arm64' : 'win32-x64'] = name;
    else if (/darwin-arm64.*\.zip$/.test(name)) found['darwin-arm64'] = name;
    else if (/darwin-x64.*\.zip$/.test(name)) found['darwin-x64'] = name;
  }
  return found;
}

/** Signs the folder named in `args`; returns what to print. `trusted` is the built-in keys (tests pass theirs). */
export async function releaseSign(args: string[], trusted: readonly TrustedKey[] = BUILT_IN_KEYS): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      key: { type: 'string' },
      version: { type: 'string' },
      'min-version': { type: 'string' },
      notes: { type: 'string' },
      installer: { type: 'string', multiple: true },
      'released-on': { type: 'string' },
    },
  });
  const folder = positionals[0];
  if (!folder || !values.key) fail('Usage: npm run release:sign -- <folder> --key <private key file> [--min-version x.y.z] [--notes file] [--installer platform=file]');
  const privateKeyPem = readFileSync(values.key, 'utf8');
  const publicKey = publicKeyOfPrivate(privateKeyPem);
  const key = trusted.find((k) => k.publicKey === publicKey);
  if (!key) fail('That key is not one the program trusts (see src/main/features/updates/trusted-keys.ts). Nothing was signed.');

  const version = values.version ?? packageVersion;
  const minVersion = values['min-version'] ?? '0.1.0';
  if (!isVersion(version) || !isVersion(minVersion)) fail('Versions are three whole numbers, like 1.4.2.');
  const releasedOn = values['released-on'] ?? new Date().toISOString().slice(0, 10);
  let installers: Partial<Record<Platform, string>> = {};
  for (const pair of values.installer ?? []) {
    const [platform, file] = pair.split('=', 2);
    const parsed = platformSchema.safeParse(platform);
    if (!parsed.success || !file) fail(`--installer ${pair}: use <platform>=<file>, platform one of ${platformSchema.options.join(', ')}`);
    installers[parsed.data] = file;
  }
  if (Object.keys(installers).length === 0) installers = findInstallers(resolve(folder));
  if (Object.keys(installers).length === 0) fail('No installer found in that folder (.deb, .exe or -darwin-<arch>.zip).');

  const manifest = await buildManifest(resolve(folder), {
    version,
    minVersion,
    releasedOn,
    keyId: key.id,
    notes: values.notes ? readFileSync(values.notes, 'utf8').trim() : '',
    installers,
  });
  writeSignedManifest(resolve(folder), manifest, privateKeyPem);
  return [
    `Signed version ${version} with the ${key.role} key ${key.id}:`,
    ...Object.entries(manifest.installers).map(([platform, entry]) => `  ${platform}  ${entry.file}  ${entry.size} bytes`),
  ].join('\n');
}

if (require.main === module) {
  releaseSign(process.argv.slice(2))
    .then((text) => console.log(text))
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : 'Signing failed.');
      process.exit(err instanceof UsageError ? 2 : 1);
    });
}
