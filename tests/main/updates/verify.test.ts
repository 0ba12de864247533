/**
 * The checks on an update folder, each bad input with real files and a real
 * Ed25519 signature: nothing is copied or installed unless every check passes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyInstaller, incomingFolder } from '../../../src/main/features/updates/copy-installer';
import { newKeyPair } from '../../../src/main/features/updates/ed25519';
import { recordVersionRun } from '../../../src/main/features/updates/high-water';
import { refusalMessages, UpdateRefused } from '../../../src/main/features/updates/messages';
import { previewUpdate, type UpdateContext } from '../../../src/main/features/updates/service';
import { BUILT_IN_KEYS } from '../../../src/main/features/updates/trusted-keys';
import { checkUpdateFolder, readSignedManifest } from '../../../src/main/features/updates/verify';
import type { UpdateRefusal } from '../../../src/shared/features/updates';
import { tempDir } from '../helpers';
import { INSTALLER, makeUpdateFolder, PLATFORM, TEST_KEYS } from './fixtures';

let temp: ReturnType<typeof tempDir>;
let stick: string;
let dataDir: string;
let ctx: UpdateContext;

beforeEach(() => {
  temp = tempDir();
  stick = join(temp.dir, 'stick');
  dataDir = join(temp.dir, 'data');
  ctx = { dataDir, keys: TEST_KEYS, running: '0.1.0', platform: PLATFORM };
});
afterEach(() => temp.cleanup());

const facts = () => ({ running: ctx.running, highest: ctx.running, platform: ctx.platform });

function refusalOf(fn: () => unknown): UpdateRefusal | 'passed' {
  try {
    fn();
    return 'passed';
  } catch (err) {
    if (err instanceof UpdateRefused) return err.refusal;
    throw err;
  }
}

async function refusalOfAsync(fn: () => Promise<unknown>): Promise<UpdateRefusal | 'passed'> {
  try {
    await fn();
    return 'passed';
  } catch (err) {
    if (err instanceof UpdateRefused) return err.refusal;
    throw err;
  }
}

describe('a good update', () => {
  it('passes every check, signed with the current key or the next one', async () => {
    await makeUpdateFolder(stick);
    const checked = checkUpdateFolder(stick, TEST_KEYS, facts());
    expect(checked.manifest.version).toBe('0.2.0');
    expect(checked.key.role).toBe('current');
    expect(checked.installer.file).toBe(INSTALLER);

    rmSync(stick, { recursive: true });
    await makeUpdateFolder(stick, { keyId: 'test-next' });
    expect(checkUpdateFolder(stick, TEST_KEYS, facts()).key.role).toBe('next');
  });

  it('shows the version, notes and key on the preview', async () => {
    await makeUpdateFolder(stick, { notes: 'Adds the Updates page.' });
    const preview = previewUpdate(ctx, stick);
    expect(preview).toMatchObject({
      mayInstall: true,
      version: '0.2.0',
      runningVersion: '0.1.0',
      notes: 'Adds the Updates page.',
      signedWith: 'current',
      installerName: INSTALLER,
      refusal: null,
    });
  });

  it('copies the installer into the program folder and checks it there', async () => {
    const bytes = await makeUpdateFolder(stick);
    const { installer } = checkUpdateFolder(stick, TEST_KEYS, facts());
    const copy = await copyInstaller(stick, dataDir, installer);
    expect(copy.startsWith(incomingFolder(dataDir))).toBe(true);
    expect(readFileSync(copy)).toEqual(bytes);
  });

  it('the program is built with two keys, current and next, that are not the test keys', () => {
    expect(BUILT_IN_KEYS.map((k) => k.role)).toEqual(['current', 'next']);
    for (const key of BUILT_IN_KEYS) expect(TEST_KEYS.map((k) => k.publicKey)).not.toContain(key.publicKey);
    expect(refusalOf(() => readSignedManifest(stick, BUILT_IN_KEYS))).toBe('NO_UPDATE');
  });
});

describe('bad input, each with its own message', () => {
  it('a stick with no update', () => {
    expect(refusalOf(() => readSignedManifest(stick, TEST_KEYS))).toBe('NO_UPDATE');
    const preview = previewUpdate(ctx, stick);
    expect(preview.mayInstall).toBe(false);
    expect(preview.refusal).toEqual({ code: 'NO_UPDATE', message: refusalMessages.NO_UPDATE });
  });

  it('a manifest without a signature, or with one that is not a signature', async () => {
    await makeUpdateFolder(stick);
    const sig = join(stick, 'update.json.sig');
    const good = readFileSync(sig, 'utf8');
    rmSync(sig);
    expect(refusalOf(() => readSignedManifest(stick, TEST_KEYS))).toBe('NO_SIGNATURE');
    writeFileSync(sig, '');
    expect(refusalOf(() => readSignedManifest(stick, TEST_KEYS))).toBe('NO_SIGNATURE');
    writeFileSync(sig, good.slice(0, 40));
    expect(refusalOf(() => readSignedManifest(stick, TEST_KEYS))).toBe('NO_SIGNATURE');
  });

  it('a manifest signed by an unknown key', async () => {
    const stranger = newKeyPair();
    const { mkdtempSync } = await import('node:fs');
    const keyDir = mkdtempSync(join(temp.dir, 'key-'));
    writeFileSync(join(keyDir, 'stranger.private.pem'), stranger.privateKeyPem);
    // It names a key the program does not have:
    await makeUpdateFolder(stick, { keyId: 'stranger', signWith: join(keyDir, 'stranger') });
    expect(refusalOf(() => readSignedManifest(stick, TEST_KEYS))).toBe('UNKNOWN_KEY');
    // It names the program's key but was signed by another:
    await makeUpdateFolder(stick, { keyId: 'test-current', signWith: join(keyDir, 'stranger') });
    expect(refusalOf(() => readSignedManifest(stick, TEST_KEYS))).toBe('BAD_SIGNATURE');
    // Signed by the test key, but checked by the program's own keys:
    await makeUpdateFolder(stick);
    expect(refusalOf(() => readSignedManifest(stick, BUILT_IN_KEYS))).toBe('UNKNOWN_KEY');
  });

  it('a manifest with one byte changed, wherever it is', async () => {
    await makeUpdateFolder(stick);
    const file = join(stick, 'update.json');
    const original = readFileSync(file);
    const keyIdAt = original.indexOf('"keyId"');
    // Every byte outside the key's name (changing that makes it an unknown key, also refused).
    for (let i = 0; i < original.length; i += 1) {
      if (i >= keyIdAt && i < keyIdAt + 30) continue;
      const changed = Buffer.from(original);
      changed[i] = changed[i]! ^ 0x01;
      writeFileSync(file, changed);
      expect(refusalOf(() => readSignedManifest(stick, TEST_KEYS)), `byte ${i}`).toBe('BAD_SIGNATURE');
    }
    // A byte added at the end (a newline) is a change too.
    writeFileSync(file, Buffer.concat([original, Buffer.from('\n')]));
    expect(refusalOf(() => readSignedManifest(stick, TEST_KEYS))).toBe('BAD_SIGNATURE');
    writeFileSync(file, original);
    expect(refusalOf(() => readSignedManifest(stick, TEST_KEYS))).toBe('passed');
  });

  it('the signature itself with one byte changed', async () => {
    await makeUpdateFolder(stick);
    const sig = join(stick, 'update.json.sig');
    const raw = Buffer.from(readFileSync(sig, 'utf8').trim(), 'base64');
    raw[10] = raw[10]! ^ 0x80;
    writeFileSync(sig, raw.toString('base64'));
    expect(refusalOf(() => readSignedManifest(stick, TEST_KEYS))).toBe('BAD_SIGNATURE');
  });

  it.each([
    ['another app', { appId: 'uk.org.someone-else.app' }, 'WRONG_APP'],
    ['another channel', { channel: 'beta' }, 'WRONG_CHANNEL'],
    ['another platform', { platform: 'win32-x64' as const }, 'WRONG_PLATFORM'],
    ['an equal version', { version: '0.1.0' }, 'NOT_NEWER'],
    ['an older version', { version: '0.0.9' }, 'NOT_NEWER'],
    ['a running version below its lowest', { version: '0.3.0', minVersion: '0.2.0' }, 'TOO_OLD'],
  ] as const)('a manifest for %s', async (_what, options, refusal) => {
    await makeUpdateFolder(stick, options);
    expect(refusalOf(() => checkUpdateFolder(stick, TEST_KEYS, facts()))).toBe(refusal);
    const preview = previewUpdate(ctx, stick);
    expect(preview.refusal?.message).toBe(refusalMessages[refusal]);
    expect(preview.mayInstall).toBe(false);
  });

  it('a signed manifest in a form the program does not know', async () => {
    await makeUpdateFolder(stick, { edit: (m) => ({ ...m, format: 2 as never }) });
    expect(refusalOf(() => readSignedManifest(stick, TEST_KEYS))).toBe('BAD_MANIFEST');
  });

  it('an installer whose hash differs (same size), or whose size differs, or that is missing', async () => {
    const bytes = await makeUpdateFolder(stick);
    const { installer } = checkUpdateFolder(stick, TEST_KEYS, facts());
    const changed = Buffer.from(bytes);
    changed[1000] = changed[1000]! ^ 0x01;
    writeFileSync(join(stick, INSTALLER), changed);
    expect(await refusalOfAsync(() => copyInstaller(stick, dataDir, installer))).toBe('HASH_MISMATCH');
    expect(existsSync(incomingFolder(dataDir))).toBe(false);

    writeFileSync(join(stick, INSTALLER), Buffer.concat([bytes, Buffer.from([0])]));
    expect(await refusalOfAsync(() => copyInstaller(stick, dataDir, installer))).toBe('SIZE_MISMATCH');
    writeFileSync(join(stick, INSTALLER), bytes.subarray(1));
    expect(await refusalOfAsync(() => copyInstaller(stick, dataDir, installer))).toBe('SIZE_MISMATCH');

    rmSync(join(stick, INSTALLER));
    expect(await refusalOfAsync(() => copyInstaller(stick, dataDir, installer))).toBe('INSTALLER_MISSING');
    expect(existsSync(incomingFolder(dataDir))).toBe(false);
  });

  it('an installer that grows on the stick after its size was checked is never copied past the signed size', async () => {
    await makeUpdateFolder(stick, { installerBytes: Buffer.alloc(3 * 1024 * 1024, 7) });
    const { installer } = checkUpdateFolder(stick, TEST_KEYS, facts());
    const refusal = await refusalOfAsync(() =>
      copyInstaller(stick, dataDir, installer, undefined, {
        afterChunk: (done, source) => {
          if (done === 1024 * 1024) writeFileSync(source, Buffer.alloc(4 * 1024 * 1024, 7));
        },
      }),
    );
    expect(refusal).toBe('SIZE_MISMATCH');
    expect(existsSync(incomingFolder(dataDir))).toBe(false);
  });

  it('a stick pulled out mid-copy (the file cut short, or the drive stops answering)', async () => {
    await makeUpdateFolder(stick, { installerBytes: Buffer.alloc(3 * 1024 * 1024, 9) });
    const { installer } = checkUpdateFolder(stick, TEST_KEYS, facts());
    // The file on the stick cut short under the copy (a real truncate):
    const cut = await refusalOfAsync(() =>
      copyInstaller(stick, dataDir, installer, undefined, {
        afterChunk: (done, source) => {
          if (done === 1024 * 1024) truncateSync(source, 1024 * 1024 + 5);
        },
      }),
    );
    expect(cut).toBe('STICK_REMOVED');
    expect(existsSync(incomingFolder(dataDir))).toBe(false);

    // The drive stops answering: the read fails with EIO.
    await makeUpdateFolder(stick, { installerBytes: Buffer.alloc(3 * 1024 * 1024, 9) });
    const { installer: again } = checkUpdateFolder(stick, TEST_KEYS, facts());
    const gone = await refusalOfAsync(() =>
      copyInstaller(stick, dataDir, again, undefined, {
        afterChunk: () => {
          throw Object.assign(new Error('i/o error'), { code: 'EIO' });
        },
      }),
    );
    expect(gone).toBe('STICK_REMOVED');
    expect(existsSync(incomingFolder(dataDir))).toBe(false);
  });

  it('a full local disk, seen before the copy or during it', async () => {
    await makeUpdateFolder(stick, { installerBytes: Buffer.alloc(3 * 1024 * 1024, 1) });
    const { installer } = checkUpdateFolder(stick, TEST_KEYS, facts());
    expect(await refusalOfAsync(() => copyInstaller(stick, dataDir, installer, undefined, { freeBytes: () => 1024 }))).toBe(
      'DISK_FULL',
    );
    const during = await refusalOfAsync(() =>
      copyInstaller(stick, dataDir, installer, undefined, {
        afterChunk: (done) => {
          if (done > 1024 * 1024) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
        },
      }),
    );
    expect(during).toBe('DISK_FULL');
    expect(existsSync(incomingFolder(dataDir))).toBe(false);
  });

  it('every refusal has its own message', () => {
    const messages = Object.values(refusalMessages);
    expect(new Set(messages).size).toBe(messages.length);
    for (const m of messages) expect(m).toMatch(/Nothing has been installed/);
  });
});

describe('anti-rollback', () => {
  it('survives reinstalling an older build: the data folder remembers the highest version it ran', async () => {
    // This data folder once ran 0.3.0; an older build (0.1.0) was reinstalled over it.
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dataDir, { recursive: true });
    recordVersionRun(dataDir, '0.3.0');
    recordVersionRun(dataDir, '0.1.0'); // the older build starting does not lower it
    await makeUpdateFolder(stick, { version: '0.2.0' });
    const preview = previewUpdate(ctx, stick);
    expect(preview.highestVersion).toBe('0.3.0');
    expect(preview.refusal).toEqual({ code: 'ROLLBACK', message: refusalMessages.ROLLBACK });
    // 0.3.0 itself is not newer than what the records have seen either; 0.3.1 is.
    rmSync(stick, { recursive: true });
    await makeUpdateFolder(stick, { version: '0.3.0' });
    expect(previewUpdate(ctx, stick).refusal?.code).toBe('ROLLBACK');
    rmSync(stick, { recursive: true });
    await makeUpdateFolder(stick, { version: '0.3.1' });
    expect(previewUpdate(ctx, stick).mayInstall).toBe(true);
    expect(readdirSync(dataDir)).toContain('highest-version.json');
  });
});

it('the test installer hash is SHA-512 in hex over the file', async () => {
  const bytes = await makeUpdateFolder(stick);
  const manifest = JSON.parse(readFileSync(join(stick, 'update.json'), 'utf8')) as { installers: Record<string, { sha512: string }> };
  expect(manifest.installers[PLATFORM]!.sha512).toBe(createHash('sha512').update(bytes).digest('hex'));
});
