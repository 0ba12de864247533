/**
 * npm run release:keygen -- --out <folder> [--id <key id>]
 *
 * Makes an Ed25519 key pair for signing updates. Run it on the offline
 * signing computer, never on the build machine: the private key file
 * (`<id>.private.pem`, readable by its owner only) stays there, on paper or an
 * encrypted stick in the safe. The public half is printed as the lines to paste
 * into src/main/features/updates/trusted-keys.ts (as the `next` key, so the
 * program already trusts it before the makers switch to it).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { newKeyPair } from '../src/main/features/updates/ed25519';

/** Makes the key pair named in `args`; returns what to print. */
export function releaseKeygen(args: string[]): string {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, id: { type: 'string' } } });
  if (!values.out) throw new Error('Usage: npm run release:keygen -- --out <folder> [--id <key id, e.g. dvpp-2027>]');
  const id = values.id ?? `dvpp-${new Date().toISOString().slice(0, 10)}`;
  if (!/^[a-z0-9][a-z0-9.-]{0,63}$/.test(id)) throw new Error('--id: lower-case letters, digits, dots and hyphens only (at most 64).');
  const out = resolve(values.out);
  mkdirSync(out, { recursive: true, mode: 0o700 });
  const privateFile = join(out, `${id}.private.pem`);
  if (existsSync(privateFile)) throw new Error(`${privateFile} already exists; it was not replaced.`);
  const pair = newKeyPair();
  writeFileSync(privateFile, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
  writeFileSync(join(out, `${id}.public.txt`), `${pair.publicKey}\n`, { flag: 'wx' });
  return [
    `Private key: ${privateFile} (keep it off the build machine)`,
    'Public key, for src/main/features/updates/trusted-keys.ts:',
    `  { id: '${id}', role: 'next', publicKey: '${pair.publicKey}' },`,
  ].join('\n');
}

if (require.main === module) {
  try {
    console.log(releaseKeygen(process.argv.slice(2)));
  } catch (err) {
    console.error(err instanceof Error ? err.message : 'The key pair could not be made.');
    process.exit(1);
  }
}
