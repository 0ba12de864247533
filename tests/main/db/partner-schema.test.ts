/**
 * The partner file's own upgrades (db/partner-schema.ts): applied in order once each, counted in
 * the file's user_version, all-or-nothing each, and an upgrade that moves rows out of the
 * programme database leaves none of their text in its pages or its write-ahead log.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRaw, type RawConnection } from '../../../src/main/db/driver';
import { attachPartnerFile, detachPartnerFile } from '../../../src/main/db/partner-file';
import { partnerFileVersion, upgradePartnerFile, type PartnerUpgrade } from '../../../src/main/db/partner-schema';
import { plaintextPages } from '../retention/raw-pages';
import { tempDir } from '../helpers';

const NEEDLE = 'Quillonbury Lockkeeper Cottage';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function folder(): Promise<{ raw: RawConnection; dir: string; mainKey: Buffer; partnerKey: Buffer }> {
  const t = tempDir();
  const mainKey = randomBytes(32);
  const partnerKey = randomBytes(32);
  const raw = await openRaw(join(t.dir, 'case.db'));
  await raw.key(mainKey);
  await raw.exec(['PRAGMA journal_mode = WAL;', 'PRAGMA secure_delete = ON;'].join('\n'));
  await raw.exec(`CREATE TABLE concerns (id TEXT PRIMARY KEY, side TEXT NOT NULL, data TEXT NOT NULL);`);
  await raw.exec(
    `INSERT INTO concerns VALUES ('c1', 'programme', 'his group'), ('c2', 'partner', '${NEEDLE}'), ('c3', 'partner', 'second ${NEEDLE}');`,
  );
  await raw.all('PRAGMA main.wal_checkpoint(TRUNCATE)');
  await attachPartnerFile(raw, join(t.dir, 'partner.db'), partnerKey);
  cleanups.push(t.cleanup, async () => raw.close());
  return { raw, dir: t.dir, mainKey, partnerKey };
}

const tables = async (raw: RawConnection) =>
  (await raw.all<{ name: string }>(`SELECT name FROM partner.sqlite_master WHERE type = 'table' ORDER BY name`)).map((r) => r.name);

const first: PartnerUpgrade = {
  version: 1,
  name: 'outcome answers',
  statements: ['CREATE TABLE partner.answers (id TEXT PRIMARY KEY, value INTEGER NOT NULL);'],
};
const second: PartnerUpgrade = {
  version: 2,
  name: 'partner-side concerns move behind the wall',
  statements: [
    'CREATE TABLE partner.partner_concerns (id TEXT PRIMARY KEY, data TEXT NOT NULL);',
    `INSERT INTO partner.partner_concerns SELECT id, data FROM main.concerns WHERE side = 'partner';`,
    `DELETE FROM main.concerns WHERE side = 'partner';`,
  ],
  removesFromMain: true,
};

describe('upgrading the partner file', () => {
  it('applies each upgrade once, in order, and counts them in user_version', async () => {
    const { raw } = await folder();
    expect(await partnerFileVersion(raw)).toBe(0);
    // Listed out of order: applied by version.
    expect(await upgradePartnerFile(raw, [second, first])).toBe(2);
    expect(await partnerFileVersion(raw)).toBe(2);
    expect(await tables(raw)).toEqual(['answers', 'partner_concerns']);
    expect(await raw.all(`SELECT id FROM partner.partner_concerns ORDER BY id`)).toEqual([{ id: 'c2' }, { id: 'c3' }]);
    expect(await raw.all(`SELECT id FROM main.concerns`)).toEqual([{ id: 'c1' }]);
    // Again: nothing to do, nothing copied twice.
    expect(await upgradePartnerFile(raw, [first, second])).toBe(0);
    expect(await raw.all(`SELECT count(*) AS n FROM partner.partner_concerns`)).toEqual([{ n: 2 }]);
  });

  it('a file at version 1 gets only the later upgrades', async () => {
    const { raw } = await folder();
    await upgradePartnerFile(raw, [first]);
    await raw.exec(`INSERT INTO partner.answers VALUES ('a1', 3);`);
    expect(await upgradePartnerFile(raw, [first, second])).toBe(1);
    expect(await raw.all(`SELECT * FROM partner.answers`)).toEqual([{ id: 'a1', value: 3 }]);
  });

  it('an upgrade that fails is undone whole, names itself, and leaves the version where it was', async () => {
    const { raw } = await folder();
    const broken: PartnerUpgrade = {
      version: 2,
      name: 'a broken one',
      statements: [
        'CREATE TABLE partner.half (id TEXT);',
        `DELETE FROM main.concerns WHERE side = 'partner';`,
        'INSERT INTO partner.no_such_table VALUES (1);',
      ],
    };
    await expect(upgradePartnerFile(raw, [first, broken])).rejects.toThrow(/upgrade 2 \(a broken one\) failed/);
    expect(await partnerFileVersion(raw)).toBe(1);
    expect(await tables(raw)).toEqual(['answers']);
    expect(await raw.all(`SELECT count(*) AS n FROM main.concerns`)).toEqual([{ n: 3 }]);
  });

  it('rows moved behind the wall leave no text in the programme database’s pages or its log', async () => {
    const { raw, dir, mainKey, partnerKey } = await folder();
    const before = plaintextPages(join(dir, 'case.db'), mainKey);
    expect(before.main.includes(NEEDLE), 'the test can see the text before').toBe(true);
    await upgradePartnerFile(raw, [first, second]);
    await detachPartnerFile(raw);
    const after = plaintextPages(join(dir, 'case.db'), mainKey);
    expect(after.main.includes(NEEDLE)).toBe(false);
    expect(after.wal.includes(NEEDLE)).toBe(false);
    // And it is in the partner file, under the partner key.
    const partner = plaintextPages(join(dir, 'partner.db'), partnerKey);
    expect(partner.main.includes(NEEDLE)).toBe(true);
  });
});
