import { sql, type Selectable } from 'kysely';
import { AUDIT_EXPORT_LIMIT, type AuditEntry, type AuditExport, type AuditPage } from '../../../shared/features/audit';
import type { RouteParsed } from '../../../shared/api';
import type { Db } from '../../ipc/context';
import { chainDb, type AuditChain } from '../../audit/audit';
import type { AuditLogTable } from '../../db/schema';
import { toCsv } from '../../export/csv';
import { can, type Role } from '../../../shared/permissions';
import { foldForSearch } from '../../../shared/text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the "person or record" filter names: an id as it is; otherwise a reference
 * (anyone who reads the log), or a name (only for roles that may look people up).
 * Partners are found only by roles behind the partner wall.
 */
async function subjectIds(db: Db, text: string, role: Role | null): Promise<string[]> {
  if (UUID.test(text)) return [text];
  const partners = can(role, 'partners.view');
  const byName = can(role, 'participants.view');
  const reference = text.toUpperCase();
  const ids: string[] = [];
  ids.push(...(await db.selectFrom('participants').select('id').where('reference', '=', reference).execute()).map((r) => r.id));
  if (partners) ids.push(...(await db.selectFrom('partners').select('id').where('reference', '=', reference).execute()).map((r) => r.id));
  const folded = foldForSearch(text);
  if (byName && folded.length >= 2) {
    const matches = (rows: Array<{ id: string; first_name: string; last_name: string }>) =>
      rows.filter((r) => foldForSearch(`${r.first_name} ${r.last_name}`).includes(folded)).map((r) => r.id);
    // As in search: a restricted record is found by its reference only.
    ids.push(...matches(await db.selectFrom('participants').select(['id', 'first_name', 'last_name']).where('restricted', '=', 0).execute()));
    if (partners) ids.push(...matches(await db.selectFrom('partners').select(['id', 'first_name', 'last_name']).execute()));
  }
  return [...new Set(ids)].slice(0, 200);
}

/** References to show beside entries: the men's for everyone who reads the log, partners' behind the wall only. */
async function referencesFor(db: Db, entries: AuditEntry[], role: Role | null): Promise<Map<string, string>> {
  const of = (type: string) => [...new Set(entries.filter((e) => e.subjectType === type && e.subjectId).map((e) => e.subjectId!))];
  const out = new Map<string, string>();
  const men = of('participant');
  if (men.length) for (const r of await db.selectFrom('participants').select(['id', 'reference']).where('id', 'in', men).execute()) out.set(r.id, r.reference);
  const women = can(role, 'partners.view') ? of('partner') : [];
  if (women.length) for (const r of await db.selectFrom('partners').select(['id', 'reference']).where('id', 'in', women).execute()) out.set(r.id, r.reference);
  return out;
}

/**
 * Every entry matching the filters, as CSV (spreadsheet formulas defused), newest first. `at` is the
 * back end's clock (nowIso(ctx)): the file name carries its UTC date, as it always has.
 */
export async function exportAudit(db: Db, filter: RouteParsed<'audit.export'>, role: Role | null, at: string): Promise<AuditExport> {
  const page = await listAudit(db, { ...filter, page: 1, pageSize: AUDIT_EXPORT_LIMIT }, role);
  const both = (await chainsFor(db, role)).length > 1;
  const header = ['No.', 'Time (UTC)', 'Member of staff', 'Role', 'Action', 'Outcome', 'Record type', 'Record', 'Detail'];
  const rows = page.entries.map((e) => [e.seq, e.at, e.actorName, e.actorRole, e.action, e.outcome, e.subjectType, e.subjectId, e.detail]);
  // A reader of both chains sees which part of the log each entry is in (their numbers are each their own).
  if (both) {
    header.push('Part of the log');
    page.entries.forEach((e, i) => rows[i]!.push(e.chain === 'partner' ? 'Partner side' : 'Programme'));
  }
  const date = at.slice(0, 10);
  return { fileName: `audit-log-${date}-${page.entries.length}-entries.csv`, csv: toCsv(header, rows), rows: page.entries.length };
}

async function partnerChainOpen(db: Db): Promise<boolean> {
  const rows = await sql<{ n: number }>`select count(*) as n from pragma_database_list where name = 'partner'`.execute(db);
  return Number(rows.rows[0]?.n ?? 0) > 0;
}

/**
 * The chains a role reads (issue 13 part 6): everyone who reads the log reads the programme's; the
 * partner side's, in the partner file, only a role behind the wall whose session has it open (a
 * manager). An administrator's view therefore holds no partner-side entry at all.
 */
export async function chainsFor(db: Db, role: Role | null): Promise<AuditChain[]> {
  return can(role, 'partners.view') && (await partnerChainOpen(db)) ? ['programme', 'partner'] : ['programme'];
}

type Filter = Omit<RouteParsed<'audit.list'>, 'pageSize'> & { pageSize: number };

export async function listAudit(db: Db, filter: Filter, role: Role | null = null): Promise<AuditPage> {
  const subjects = filter.subjectId ? await subjectIds(db, filter.subjectId, role) : null;
  const filtered = (chain: AuditChain) => {
    let query = chainDb(db, chain).selectFrom('audit_log');
    if (filter.staffId) query = query.where('actor_id', '=', filter.staffId);
    if (filter.action) query = query.where('action', '=', filter.action);
    if (subjects) query = query.where('subject_id', 'in', subjects.length ? subjects : ['']);
    if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
    // Dates are UK calendar days; entries are stored in UTC. A day's window is wide enough either side for BST.
    if (filter.from) query = query.where('at', '>=', `${filter.from}T00:00:00`);
    if (filter.to) query = query.where('at', '<', sql<string>`strftime('%Y-%m-%dT%H:%M:%S', ${filter.to}, '+1 day')`);
    return query;
  };
  const chains = await chainsFor(db, role);
  const offset = (filter.page - 1) * filter.pageSize;
  let total = 0;
  const found: Array<Selectable<AuditLogTable> & { chain: AuditChain }> = [];
  const actionNames = new Set<string>();
  for (const chain of chains) {
    total += Number((await filtered(chain).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    // One chain: its own order (the entry number). Two: merged by time, so each gives the first pages' worth.
    const ordered = chains.length === 1 ? filtered(chain).orderBy('seq', 'desc').offset(offset) : filtered(chain).orderBy('at', 'desc').orderBy('seq', 'desc');
    const rows = await ordered.selectAll().limit(chains.length === 1 ? filter.pageSize : offset + filter.pageSize).execute();
    found.push(...rows.map((r) => ({ ...r, chain })));
    for (const a of await chainDb(db, chain).selectFrom('audit_log').select('action').distinct().execute()) actionNames.add(a.action);
  }
  const page =
    chains.length === 1
      ? found
      : found.sort((a, b) => b.at.localeCompare(a.at) || b.seq - a.seq).slice(offset, offset + filter.pageSize);
  const actorIds = [...new Set(page.map((r) => r.actor_id).filter((id): id is string => id !== null))];
  const names = new Map(
    actorIds.length ? (await db.selectFrom('staff').select(['id', 'full_name']).where('id', 'in', actorIds).execute()).map((r) => [r.id, r.full_name]) : [],
  );
  const entries: AuditEntry[] = page.map((r) => ({
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actorName: (r.actor_id && names.get(r.actor_id)) || null,
    actorRole: r.actor_role,
    action: r.action,
    outcome: r.outcome as AuditEntry['outcome'],
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    subjectReference: null,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
    chain: r.chain,
  }));
  const references = await referencesFor(db, entries, role);
  for (const e of entries) e.subjectReference = (e.subjectId && references.get(e.subjectId)) || null;
  return { entries, total, page: filter.page, pageSize: filter.pageSize, actions: [...actionNames].sort() };
}
