import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

export interface TableDigest {
  rows: number;
  sha256: string;
}

/**
 * A SHA-256 of every stored table's rows, so two databases (the live one and a
 * restored copy) can be compared whole without holding both in memory. Rows are
 * ordered by every column rather than by rowid: a copy may renumber rowids of
 * tables without an integer primary key, and that is not a change of content.
 */
export async function tableDigests(db: Kysely<Database>): Promise<Record<string, TableDigest>> {
  const tables = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and rootpage > 0 and name not like 'sqlite_%'
    order by name`.execute(db);
  const out: Record<string, TableDigest> = {};
  for (const { name } of tables.rows) {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    const columns = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(db);
    const order = columns.rows.map((_c, i) => String(i + 1)).join(', ');
    const rows = await sql.raw<Record<string, unknown>>(`select * from ${quoted} order by ${order}`).execute(db);
    const hash = createHash('sha256');
    for (const row of rows.rows) {
      hash.update(
        JSON.stringify(row, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)),
      );
      hash.update('\n');
    }
    out[name] = { rows: rows.rows.length, sha256: hash.digest('hex') };
  }
  return out;
}

/** The tables whose content differs between two sets of digests, by name. */
export function differingTables(a: Record<string, TableDigest>, b: Record<string, TableDigest>): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((n) => a[n]?.sha256 !== b[n]?.sha256 || a[n]?.rows !== b[n]?.rows).sort();
}
