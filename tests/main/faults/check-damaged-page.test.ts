import { openSync, readSync, statSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/open';
import { call, setUpAndLogIn, tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

describe('"Check the database for damage" on a damaged page (issue 14, item 3)', () => {
  it('names what it found instead of "Something went wrong"', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(t.dir);
    const file = join(t.dir, 'case.db');
    const db = backend.requireDb();
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    const pagesBefore = statSync(file).size / 4096;
    // Rows enough to fill pages of their own, so the damage lands on them and not on what opening reads.
    for (let i = 0; i < 40; i++) {
      await db.insertInto('meta').values({ key: `filler-${i}`, value: 'x'.repeat(3000) }).execute();
    }
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    const pagesAfter = statSync(file).size / 4096;
    expect(pagesAfter - pagesBefore).toBeGreaterThan(20);

    // Reopen on the damaged file (the open connection's cache would hide the damage).
    const key = Buffer.from(backend.opened!.key);
    await backend.closeDatabase();
    const page = Math.floor((pagesBefore + pagesAfter) / 2);
    const fd = openSync(file, 'r+');
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, page * 4096 + 1000);
    writeSync(fd, Buffer.from([(byte[0] ?? 0) ^ 0xff]), 0, 1, page * 4096 + 1000);
    closeSync(fd);
    backend.opened = { ...(await openDatabase(file, key)), key };

    const result = await call(backend, 'backups.checkDatabase', {});
    expect(result.ok).toBe(false);
    // SQLCipher's page numbers count from 1.
    expect(result.cipherProblems.join('\n')).toContain(`HMAC verification failed for page ${page + 1}`);
    expect(result.integrityProblems.length).toBeGreaterThan(0);
    await backend.shutdown();
  });
});
