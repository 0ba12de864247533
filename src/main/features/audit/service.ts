import { sql } from 'kysely';
import { AUDIT_EXPORT_LIMIT, type AuditEntry, type AuditExport, type AuditPage } from '../../../shared/features/audit';
import type { RouteParsed } from '../../../shared/api';
import type { Db } from '../../ipc/context';
import { toCsv } from '../../export/csv';

/** Every entry matching the filters, as CSV (spreadsheet formulas defused), newest first. */
export async function exportAudit(db: Db, filter: RouteParsed<'audit.export'>): Promise<AuditExport> {
  const page = await listAudit(db, { ...filter, page: 1, pageSize: AUDIT_EXPORT_LIMIT });
  const header = ['No.', 'Time (UTC)', 'Member of staff', 'Role', 'Action', 'Outcome', 'Record type', 'Record', 'Detail'];
  const rows = page.entries.map((e) => [e.seq, e.at, e.actorName, e.actorRole, e.action, e.outcome, e.subjectType, e.subjectId, e.detail]);
  const date = new Date().toISOString().slice(0, 10);
  return { fileName: `audit-log-${date}-${page.entries.length}-entries.csv`, csv: toCsv(header, rows), rows: page.entries.length };
}

export async function listAudit(db: Db, filter: Omit<RouteParsed<'audit.list'>, 'pageSize'> & { pageSize: number }): Promise<AuditPage> {
  let query = db.selectFrom('audit_log').leftJoin('staff', 'staff.id', 'audit_log.actor_id');
  if (filter.staffId) query = query.where('audit_log.actor_id', '=', filter.staffId);
  if (filter.action) query = query.where('audit_log.action', '=', filter.action);
  if (filter.subjectId) query = query.where('audit_log.subject_id', '=', filter.subjectId);
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
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
  }));
  return { entries, total: Number(total.n), page: filter.page, pageSize: filter.pageSize, actions: actions.map((a) => a.action) };
}
