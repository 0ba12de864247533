/**
 * Run by crash.test.ts as a separate process: writes inside a transaction,
 * says so, and waits to be killed before it can commit.
 */
import { openDatabase } from '../../../src/main/db/open';

async function main() {
  const [file, keyHex] = process.argv.slice(2);
  const { db } = await openDatabase(file!, Buffer.from(keyHex!, 'hex'), { create: true });
  await db.insertInto('meta').values({ key: 'committed', value: 'yes' }).execute();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < 2000; i++) {
      await trx.insertInto('meta').values({ key: `half-${i}`, value: 'x'.repeat(200) }).execute();
    }
    process.stdout.write('IN-TRANSACTION\n');
    await new Promise(() => {}); // never commits
  });
}
void main();
