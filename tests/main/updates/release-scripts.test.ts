/**
 * The release scripts: keygen makes a working pair (private key readable by its
 * owner only); sign writes update.json and a signature the program accepts,
 * names the key from the trusted list, and refuses a key the program does not trust.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { releaseKeygen } from '../../../scripts/release-keygen';
import { releaseSign } from '../../../scripts/release-sign';
import { publicKeyOfPrivate } from '../../../src/main/features/updates/ed25519';
import { checkUpdateFolder } from '../../../src/main/features/updates/verify';
import { tempDir } from '../helpers';
import { TEST_KEYS } from './fixtures';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir();
});
afterEach(() => temp.cleanup());

describe('release:keygen', () => {
  it('writes a private key only its owner can read, and prints the public half to paste', () => {
    const out = releaseKeygen(['--out', join(temp.dir, 'keys'), '--id', 'dvpp-test']);
    const privateFile = join(temp.dir, 'keys', 'dvpp-test.private.pem');
    expect(statSync(privateFile).mode & 0o077).toBe(0);
    const pub = readFileSync(join(temp.dir, 'keys', 'dvpp-test.public.txt'), 'utf8').trim();
    expect(publicKeyOfPrivate(readFileSync(privateFile, 'utf8'))).toBe(pub);
    expect(out).toContain(`publicKey: '${pub}'`);
    expect(() => releaseKeygen(['--out', join(temp.dir, 'keys'), '--id', 'dvpp-test'])).toThrow(/already exists/);
  });
});

describe('release:sign', () => {
  it('signs a folder of installers so the program accepts it, with the key named from the trusted list', async () => {
    const folder = join(temp.dir, 'release');
    mkdirSync(folder);
    writeFileSync(join(folder, 'dvpp-case-manager_0.4.0_amd64.deb'), Buffer.alloc(5000, 4));
    writeFileSync(join(folder, 'DVPP Case Manager-0.4.0 Setup.exe'.replace(/ /g, '-')), Buffer.alloc(7000, 5));
    writeFileSync(join(temp.dir, 'notes.txt'), 'Faster reports.\n');
    const key = join(__dirname, 'fixtures', 'test-next.private.pem');
    const out = await releaseSign(
      [folder, '--key', key, '--version', '0.4.0', '--min-version', '0.2.0', '--notes', join(temp.dir, 'notes.txt')],
      TEST_KEYS,
    );
    expect(out).toMatch(/with the next key test-next/);
    const checked = checkUpdateFolder(folder, TEST_KEYS, { running: '0.3.0', highest: '0.3.0', platform: 'win32-x64' });
    expect(checked.manifest).toMatchObject({ version: '0.4.0', minVersion: '0.2.0', notes: 'Faster reports.', keyId: 'test-next' });
    expect(checked.installer.size).toBe(7000);
    expect(checkUpdateFolder(folder, TEST_KEYS, { running: '0.3.0', highest: '0.3.0', platform: 'linux-x64' }).installer.size).toBe(5000);
  });

  it('refuses to sign with a key the program does not trust', async () => {
    const folder = join(temp.dir, 'release');
    mkdirSync(folder);
    writeFileSync(join(folder, 'dvpp-case-manager_0.4.0_amd64.deb'), Buffer.alloc(10, 1));
    const key = join(__dirname, 'fixtures', 'test-current.private.pem');
    await expect(releaseSign([folder, '--key', key])).rejects.toThrow(/not one the program trusts/);
  });
});
