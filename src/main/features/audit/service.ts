import { sql } from 'kysely';
import { AUDIT_EXPORT_LIMIT, type AuditEntry, type AuditExport, type AuditPage } from '../../../shared/features/audit';
import type { RouteParsed } from '../../../shared/api';
import type { Db } from '../../ipc/context';
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

/** Every entry matching the filters, as CSV (spreadsheet formulas defused), newest first. */
export async function exportAudit(db: Db, filter: RouteParsed<'audit.export'>, role: Role | null = null): Promise<AuditExport> {
  const page = await listAudit(db, { ...filter, page: 1, pageSize: AUDIT_EXPORT_LIMIT }, role);
  const header = ['No.', 'Time (UTC)', 'Member of staff', 'Role', 'Action', 'Outcome', 'Record type', 'Record', 'Detail'];
  const rows = page.entries.map((e) => [e.seq, e.at, e.actorName, e.actorRole, e.action, e.outcome, e.subjectType, e.subjectId, e.detail]);
  const date = new Date().toISOString().slice(0, 10);
  return { fileName: `audit-log-${date}-${page.entries.length}-entries.csv`, csv: toCsv(header, rows), rows: page.entries.length };
}

export async function listAudit(
  db: Db,
  filter: Omit<RouteParsed<'audit.list'>, 'pageSize'> & { pageSize: number },
  role: Role | null = null,
): Promise<AuditPage> {
  let query = db.selectFrom('audit_log').leftJoin('staff', 'staff.id', 'audit_log.actor_id');
  const subjects = filter.subjectId ? await subjectIds(db, filter.subjectId, role) : null;
  if (filter.staffId) query = query.where('audit_log.actor_id', '=', filter.staffId);
  if (filter.action) query = query.where('audit_log.action', '=', filter.action);
  if (subjects) query = query.where('audit_log.subject_id', 'in', subjects.length ? subjects : ['']);
  if (filter.outcome) query = query.where('audit_log.outcome', '=', filter.outcome);
  // Dates are UK calendar days; entries are stored in UTC. A day's window is wide enough either side for BST.
  if (filter.from) query = query.where('audit_log.at', '>=', `${filter.from}T00:00:00`);
  if (filter.to) query = query.where('audit_log.at', '<', sql<string>`strftime('%Y-%m-%dT%H:%M:%S', ${filter.to}, '+1 day')`);

  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select([
      'audit_log.seq',
      'audit_log.at',
      'audit_log.actor_id',
      'audit_log.actor_role',
      'audit_log.action',
      'audit_log.outcome',
      'audit_log.subject_type',
      'audit_log.subject_id',
      'audit_log.detail',
      'staff.full_name',
    ])
    .orderBy('audit_log.seq', 'desc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  const actions = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();

  const entries: AuditEntry[] = rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.full_name,
    actorRole: r.actor_role,
    action: r.action,
    outcome: r.outcome as AuditEntry['outcome'],
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    subjectReference: null,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
  }));
  const references = await referencesFor(db, entries, role);
  for (const e of entries) e.subjectReference = (e.subjectId && references.get(e.subjectId)) || null;
  return { entries, total: Number(total.n), page: filter.page, pageSize: filter.pageSize, actions: actions.map((a) => a.action) };
}
