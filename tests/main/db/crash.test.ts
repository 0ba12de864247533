import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/open';
import { tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

describe('a process killed in the middle of a write', () => {
  it('leaves the database openable with no half-written change', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'case.db');
    const key = randomBytes(32);
    const root = resolve(__dirname, '../../..');
    const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(__dirname, 'crash-child.ts'), file, key.toString('hex')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((done, fail) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('IN-TRANSACTION')) done();
      });
      child.on('exit', (code) => fail(new Error(`child exited early with ${code}`)));
    });
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;

    const { db } = await openDatabase(file, key);
    const rows = await db.selectFrom('meta').select('key').execute();
    expect(rows.map((r) => r.key)).toEqual(['committed']);
    await db.destroy();
  });
});
