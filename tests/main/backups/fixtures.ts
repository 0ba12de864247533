import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Backend } from '../../../src/main/backend';
import type { Database } from '../../../src/main/db/schema';
import { jobFinished } from '../../../src/main/features/backups/jobs';
import { MAGIC } from '../../../src/main/features/backups/format';
import { DEMO_ACCOUNTS } from '../../../src/main/demo/seed';
import type { JobStatus } from '../../../src/shared/features/backups';
import { call } from '../helpers';

export const PASSPHRASE = 'purple walrus under seven lanterns';
export const ADMIN_DEMO = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
export const MANAGER_DEMO = DEMO_ACCOUNTS.find((a) => a.role === 'manager')!;

export async function runJob(backend: Backend, start: Promise<{ jobId: string }>): Promise<JobStatus> {
  const { jobId } = await start;
  await jobFinished(backend);
  return call(backend, 'backups.job', { jobId });
}

/** Every table's rows, each table's rows sorted, so two databases can be compared whole. */
export async function dumpTables(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const tables = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and rootpage > 0 and name not like 'sqlite_%' order by name`.execute(
    db,
  );
  const out: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    const rows = await sql.raw<Record<string, unknown>>(`select * from "${name}"`).execute(db);
    out[name] = rows.rows
      .map((r) => JSON.stringify(r, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)))
      .sort();
  }
  return out;
}

/** Splits a backup file into its parts, lets the test change the header, and writes it back with a correct checksum. */
export function rewriteHeader(file: string, target: string, change: (header: Record<string, unknown>) => void): void {
  const bytes = readFileSync(file);
  const length = bytes.readUInt32BE(MAGIC.length);
  const headerEnd = MAGIC.length + 4 + length;
  const header = JSON.parse(bytes.subarray(MAGIC.length + 4, headerEnd).toString('utf8')) as Record<string, unknown>;
  change(header);
  const newHeader = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(newHeader.length);
  const body = Buffer.concat([MAGIC, len, newHeader, bytes.subarray(headerEnd, bytes.length - 32)]);
  writeFileSync(target, Buffer.concat([body, createHash('sha256').update(body).digest()]));
}

export function makeFolder(root: string, name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
