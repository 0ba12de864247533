/**
 * The organisation-wide information-sharing log: every disclosure on both
 * sides, for the manager and the data protection lead. The wall and the
 * restricted-record rule apply row by row: partner-side entries only for
 * roles with partner access; a restricted man's entry shows, to staff not
 * named on his record, that a disclosure was made but not his name, nor what
 * was shared or why.
 */
import { sql } from 'kysely';
import type { RouteParsed } from '../../../shared/api';
import { consentRecipientLabels, type ConsentRecipient } from '../../../shared/features/consents';
import { EXPORT_ROW_LIMIT, type CsvFile } from '../../../shared/features/exports';
import { sharingBasisLabels, type SharingEntry, type SharingLogEntry, type SharingLogPage } from '../../../shared/features/safeguarding';
import { can } from '../../../shared/permissions';
import { AppError } from '../../app-error';
import { csvFile, ukDate } from '../../export/csv';
import { nowIso } from '../../clock';
import type { Db, ServiceContext, Session } from '../../ipc/context';
import { openableRestricted } from '../participants/access';

type Filters = RouteParsed<'sharing.exportLog'>;

function filtered(db: Db, user: Session, f: Filters) {
  let q = db.selectFrom('sharing_log');
  // Row by row, each side of the wall for the roles that may read it.
  const sides = [...(can(user.role, 'participants.view') ? ['participant'] : []), ...(can(user.role, 'partners.view') ? ['partner'] : [])];
  q = q.where('sharing_log.side', 'in', sides.length ? sides : ['']);
  if (f.side) q = q.where('sharing_log.side', '=', f.side);
  if (f.from) q = q.where('sharing_log.shared_on', '>=', f.from);
  if (f.to) q = q.where('sharing_log.shared_on', '<=', f.to);
  if (f.basis) q = q.where('sharing_log.basis', '=', f.basis);
  if (f.agency) q = q.where(sql<boolean>`instr(lower(json_extract(sharing_log.data, '$.agency')), ${f.agency.toLowerCase()}) > 0`);
  return q;
}

function consentText(recipient: string | null, data: string | null): string | null {
  if (!recipient || !data) return null;
  const d = JSON.parse(data) as { recipientName?: string; purpose?: string };
  const who = recipient === 'other' ? d.recipientName || consentRecipientLabels.other : (consentRecipientLabels[recipient as ConsentRecipient] ?? recipient);
  return `${who}: ${d.purpose ?? ''}`.slice(0, 200);
}

async function entries(ctx: ServiceContext, f: Filters, page: number, pageSize: number): Promise<SharingLogPage> {
  const { db, user } = ctx;
  const query = filtered(db, user, f);
  const [total, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    query
      .leftJoin('participants as m', 'm.id', 'sharing_log.participant_id')
      .leftJoin('partners as w', 'w.id', 'sharing_log.partner_id')
      .leftJoin('staff as d', 'd.id', 'sharing_log.decided_by')
      .leftJoin('staff as r', 'r.id', 'sharing_log.created_by')
      .leftJoin('consents as c', 'c.id', 'sharing_log.consent_id')
      .selectAll('sharing_log')
      .select([
        'm.reference as m_reference',
        'm.first_name as m_first',
        'm.last_name as m_last',
        'm.restricted as m_restricted',
        'w.reference as w_reference',
        'w.first_name as w_first',
        'w.last_name as w_last',
        'd.full_name as decided',
        'r.full_name as recorder',
        'c.recipient as c_recipient',
        'c.data as c_data',
      ])
      .orderBy('sharing_log.shared_on', 'desc')
      .orderBy('sharing_log.created_at', 'desc')
      .orderBy('sharing_log.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  const restricted = rows.filter((r) => r.side === 'participant' && r.m_restricted === 1).map((r) => r.participant_id!);
  const openable = await openableRestricted(db, user, [...new Set(restricted)]);
  const out = rows.map((row): SharingLogEntry => {
    const data = JSON.parse(row.data) as { what: string; agency: string; person: string; why: string; reason: string };
    const his = row.side === 'participant';
    const withheld = his && row.m_restricted === 1 && !openable.has(row.participant_id!);
    const reference = his ? row.m_reference : row.w_reference;
    const name = his ? (row.m_first != null ? `${row.m_first} ${row.m_last}` : null) : row.w_first != null ? `${row.w_first} ${row.w_last}` : null;
    return {
      id: row.id,
      side: row.side as SharingEntry['side'],
      participantId: row.participant_id,
      partnerId: his ? null : row.partner_id,
      what: withheld ? '' : data.what,
      agency: data.agency,
      person: data.person,
      sharedOn: row.shared_on,
      why: withheld ? '' : data.why,
      basis: row.basis as SharingEntry['basis'],
      consentId: row.consent_id,
      decisionReason: withheld ? '' : data.reason,
      decidedByName: row.decided,
      recordedByName: row.recorder,
      automatic: row.automatic === 1,
      createdAt: row.created_at,
      subjectReference: reference ?? null,
      subjectName: withheld ? null : name,
      withheld,
      consentText: withheld ? null : consentText(row.c_recipient, row.c_data),
    };
  });
  return { entries: out, total: Number(total.n), page, pageSize };
}

export async function sharingLog(ctx: ServiceContext, input: RouteParsed<'sharing.log'>): Promise<SharingLogPage> {
  const { page, pageSize, ...filters } = input;
  return entries(ctx, filters, page, pageSize);
}

/** The names of the filters used (never their values), for the audit entry. */
export const filterNames = (f: Filters): string[] => (Object.keys(f) as Array<keyof Filters>).filter((k) => f[k] !== undefined && f[k] !== '');

const WITHHELD = 'Restricted record: shown only to the staff named on it';

export async function exportSharingLog(ctx: ServiceContext, input: Filters): Promise<CsvFile> {
  // An export is personal data leaving the database: the same rule as every other list.
  if (!can(ctx.user.role, 'lists.export')) throw new AppError('FORBIDDEN', 'Your role does not allow exports. Ask a manager.');
  const { entries: rows } = await entries(ctx, input, 1, EXPORT_ROW_LIMIT);
  const header = ['Date shared', 'Record', 'Reference', 'Name', 'What was shared', 'Agency', 'Named person', 'Why', 'Lawful basis', 'Consent relied on', 'Reason for sharing without consent', 'Decided by', 'Recorded by'];
  const body = rows.map((e) => [
    ukDate(e.sharedOn),
    e.side === 'participant' ? 'His (programme)' : 'Hers (partner service)',
    e.subjectReference ?? 'Deleted record',
    e.withheld ? 'Restricted record' : (e.subjectName ?? ''),
    e.withheld ? WITHHELD : e.what,
    e.agency,
    e.person,
    e.withheld ? WITHHELD : e.why,
    sharingBasisLabels[e.basis],
    e.consentText ?? '',
    e.basis === 'without_consent' || e.basis === 'child_protection' ? e.decisionReason : '',
    e.decidedByName ?? '',
    e.automatic ? 'Added by the program' : (e.recordedByName ?? ''),
  ]);
  return csvFile('information-sharing-log', header, body, nowIso(ctx).slice(0, 10));
}
