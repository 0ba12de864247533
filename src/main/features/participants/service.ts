import { randomUUID } from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import type { RouteParsed } from '../../../shared/api';
import { daysBetween, todayInLondon } from '../../../shared/dates';
import { dayOf, nowIso, todayOf } from '../../clock';
import { raiseOutcomeTasksFor } from '../outcomes/due';
import { ukDate } from '../../export/csv';
import type { ParticipantRecord } from '../../../shared/features/participant-record';
import {
  participantDetailsBase,
  referralBase,
  needsReasonToMoveOn,
  isShortSearch,
  RESTRICTED_MATCH,
  type DuplicateCandidate,
  type ParticipantDetails,
  type ParticipantHeader,
  type ParticipantList,
  type ParticipantRow,
  type Referral,
  type SearchHit,
  type Status,
  type StatusChange,
  type WaitingListRow,
} from '../../../shared/features/participants';
import { can } from '../../../shared/permissions';
import { foldForSearch } from '../../../shared/text';
import { AppError, notFound } from '../../app-error';
import type { Database, ParticipantsTable, ReferralsTable } from '../../db/schema';
import type { Db, ServiceContext, Session } from '../../ipc/context';
import { listAssessments } from '../assessments/service';
import { listConsents } from '../consents/service';
import { listGoals } from '../notes/service';
import { listRisk } from '../risk/service';
import { openTasksFor, reassignKeyWorkerTasks, refreshTasksFor } from '../tasks/service';
import { assertCanOpen, openableRestricted } from './access';
import type { ContactStatus } from '../../../shared/features/partners';
import { alertPartnerService } from '../partners/alerts';
import { attendanceSummary } from '../registers/service';
import { keepReference, nextReferences } from './reference';
import { ftsQuery, indexNewParticipants, indexParticipant, matchNotes, matchParticipants } from './search-index';
import { assertUpdated } from './versioned';
import { flagsOf } from './flags';

export { flagsOf };

export function detailsOf(row: Pick<ParticipantsTable, 'details'>): ParticipantDetails {
  return participantDetailsBase.parse(JSON.parse(row.details));
}

const displayName = (row: Pick<ParticipantsTable, 'first_name' | 'last_name'>) => `${row.first_name} ${row.last_name}`;

function detailColumns(details: ParticipantDetails) {
  return {
    first_name: details.firstName,
    last_name: details.lastName,
    date_of_birth: details.dateOfBirth,
    details: JSON.stringify(details),
    key_worker_id: details.keyWorkerId,
    interpreter: details.interpreterNeeded ? 1 : 0,
    high_profile: details.highProfile ? 1 : 0,
    child_protection: details.childProtection ? 1 : 0,
    sort_name: foldForSearch(`${details.lastName} ${details.firstName}`),
  };
}

/** The fields that differ between two objects, by name (for the audit log: names, never values). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

export async function getParticipantRow(db: Db, id: string): Promise<ParticipantsTable> {
  const row = await db.selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That participant');
  return row;
}

export function toReferral(row: ReferralsTable, createdByName: string | null): Referral {
  return {
    ...referralBase.parse(JSON.parse(row.data)),
    id: row.id,
    participantId: row.participant_id,
    version: row.version,
    createdAt: row.created_at,
    createdByName,
  };
}

/** `at`: the back end's clock (nowIso(ctx)) stamps the row. */
async function insertReferral(db: Db, participantId: string, referral: RouteParsed<'referrals.add'>['referral'], session: Session, at: string) {
  const row: ReferralsTable = {
    id: randomUUID(),
    participant_id: participantId,
    source: referral.source,
    route: referral.route,
    received_on: referral.receivedOn,
    report_due_date: referral.reportDueDate || null,
    data: JSON.stringify(referral),
    version: 1,
    created_at: at,
    created_by: session.staffId,
    updated_at: at,
  };
  await db.insertInto('referrals').values(row).execute();
  return row;
}

/** The participant row keeps his latest referral's date, route and source for the list and its filters. */
async function syncLatestReferral(db: Db, participantId: string): Promise<void> {
  const latest = await db
    .selectFrom('referrals')
    .select(['received_on', 'route', 'source'])
    .where('participant_id', '=', participantId)
    .orderBy('received_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  await db
    .updateTable('participants')
    .set({ referred_on: latest?.received_on ?? null, route: latest?.route ?? null, source: latest?.source ?? null })
    .where('id', '=', participantId)
    .execute();
}

export async function recordStatus(
  db: Db,
  participantId: string,
  change: { status: Status; outcome?: string | null; exitReason?: string | null; reason?: string; effectiveOn: string },
  session: Session,
  at: string,
): Promise<void> {
  await db
    .insertInto('status_history')
    .values({
      id: randomUUID(),
      participant_id: participantId,
      status: change.status,
      outcome: change.outcome ?? null,
      exit_reason: change.exitReason ?? null,
      reason: change.reason ?? '',
      effective_on: change.effectiveOn,
      changed_at: at,
      changed_by: session.staffId,
    })
    .execute();
  // Starting and ending move his outcome points (and hers): raised now, not at the next day's raising (tasks/new-day.ts).
  if (OUTCOME_STATUSES.has(change.status)) await raiseOutcomeTasksFor(db, participantId, todayInLondon(new Date(at)), at);
}

const OUTCOME_STATUSES = new Set<Status>(['active', 'completed', 'exited']);

/**
 * `options.reference`: a reference kept from an imported spreadsheet (checked free by the import).
 * `options.tasksLater`: an import raises the tasks once for everyone after its last row (the same rules).
 */
export async function createReferral(ctx: ServiceContext, input: RouteParsed<'participants.create'>, options: { reference?: string; tasksLater?: boolean } = {}) {
  const { db, user } = ctx;
  if (input.linkToParticipantId) {
    const existing = await getParticipantRow(db, input.linkToParticipantId);
    await assertCanOpen(db, user, existing.id);
    const referral = await insertReferral(db, existing.id, input.referral, user, nowIso(ctx));
    await syncLatestReferral(db, existing.id);
    if (existing.status === 'completed' || existing.status === 'exited') {
      // Referred again after an earlier ending: the pipeline starts over, the history stays.
      await db.updateTable('participants').set({ status: 'referred', outcome: null, exit_reason: null, updated_at: nowIso(ctx), version: existing.version + 1 }).where('id', '=', existing.id).execute();
      await recordStatus(db, existing.id, { status: 'referred', reason: 'Referred again', effectiveOn: input.referral.receivedOn }, user, nowIso(ctx));
    }
    await refreshTasksFor(db, existing.id, todayOf(ctx), nowIso(ctx));
    ctx.audit({ action: 'referrals.add', subjectType: 'participant', subjectId: existing.id, detail: { fields: Object.keys(input.referral), referralId: referral.id } });
    return { id: existing.id, reference: existing.reference };
  }

  // A new man: the same rows an import writes for each of many (createReferrals), written once, for one.
  const [made] = await createReferrals(ctx, [{ input, ...(options.reference ? { reference: options.reference } : {}) }]);
  if (!options.tasksLater) await refreshTasksFor(db, made!.id, todayOf(ctx), nowIso(ctx));
  return made!;
}

/**
 * Many new men at once (an import): the same rows as createReferral writes for each (his record,
 * his referral, 'referred' in his status history dated with the referral, the search index, the
 * audit entry), but inserted a table at a time in a few multi-row statements instead of six
 * round trips per man. References kept from the file move the year's counter first, so the new
 * ones given after them never clash; tasks are refreshed by the caller once at the end.
 */
export async function createReferrals(ctx: ServiceContext, items: Array<{ input: RouteParsed<'participants.create'>; reference?: string }>): Promise<Array<{ id: string; reference: string }>> {
  const { db, user } = ctx;
  const kept = new Map<string, string>();
  for (const item of items) {
    if (!item.reference) continue;
    const year = item.reference.slice(2, 6);
    const highest = kept.get(year);
    if (!highest || item.reference.slice(7).padStart(6, '0') > highest.slice(7).padStart(6, '0')) kept.set(year, item.reference);
  }
  for (const reference of kept.values()) await keepReference(db, reference);
  const fresh = items.filter((item) => !item.reference).length;
  const year = Number(todayOf(ctx).slice(0, 4));
  let next = fresh ? (await nextReferences(db, year, fresh)) - fresh + 1 : 0;
  const at = nowIso(ctx);
  const made = items.map((item) => ({ id: randomUUID(), reference: item.reference ?? `P-${year}-${String(next++).padStart(4, '0')}`, input: item.input }));
  await insertBatched(
    db,
    'participants',
    made.map(({ id, reference, input }) => ({
      id,
      reference,
      ...detailColumns(input.details),
      status: 'referred',
      outcome: null,
      exit_reason: null,
      referred_on: input.referral.receivedOn,
      route: input.referral.route,
      source: input.referral.source,
      risk_level: null,
      restricted: 0,
      safeguarding_open: 0,
      partner_side_flag: 0,
      partner_contact_status: null,
      partner_side_children: '[]',
      version: 1,
      created_at: at,
      created_by: user.staffId,
      updated_at: at,
    })),
  );
  await insertBatched(
    db,
    'referrals',
    made.map(({ id, input }) => ({
      id: randomUUID(),
      participant_id: id,
      source: input.referral.source,
      route: input.referral.route,
      received_on: input.referral.receivedOn,
      report_due_date: input.referral.reportDueDate || null,
      data: JSON.stringify(input.referral),
      version: 1,
      created_at: at,
      created_by: user.staffId,
      updated_at: at,
    })),
  );
  await insertBatched(
    db,
    'status_history',
    made.map(({ id, input }) => ({ id: randomUUID(), participant_id: id, status: 'referred', outcome: null, exit_reason: null, reason: '', effective_on: input.referral.receivedOn, changed_at: at, changed_by: user.staffId })),
  );
  await indexNewParticipants(db, made.map(({ id, reference, input }) => ({ id, reference, ...input.details })));
  for (const { id, input } of made) {
    ctx.audit({
      action: 'participants.create',
      subjectType: 'participant',
      subjectId: id,
      detail: { fields: [...Object.keys(input.details).map((k) => `details.${k}`), ...Object.keys(input.referral).map((k) => `referral.${k}`)] },
    });
  }
  return made.map(({ id, reference }) => ({ id, reference }));
}

/** Rows in as few statements as the bound-parameter limit allows (900 a statement: safe on every SQLite build). */
async function insertBatched<T extends 'participants' | 'referrals' | 'status_history'>(db: Db, table: T, rows: Array<Insertable<Database[T]>>): Promise<void> {
  if (rows.length === 0) return;
  const per = Math.max(1, Math.floor(900 / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += per) await db.insertInto(table).values(rows.slice(i, i + per) as never).execute();
}

async function staffNames(db: Db, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('staff').select(['id', 'full_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

export async function headerOf(db: Db, row: ParticipantsTable): Promise<ParticipantHeader> {
  const names = await staffNames(db, [row.key_worker_id]);
  return headerWith(row, names);
}

/** His header, with his key worker's name from names already read. */
function headerWith(row: ParticipantsTable, names: Map<string, string>): ParticipantHeader {
  return {
    id: row.id,
    reference: row.reference,
    name: displayName(row),
    dateOfBirth: row.date_of_birth,
    status: row.status as Status,
    outcome: row.outcome as ParticipantHeader['outcome'],
    exitReason: row.exit_reason as ParticipantHeader['exitReason'],
    flags: flagsOf(row),
    keyWorkerId: row.key_worker_id,
    keyWorkerName: row.key_worker_id ? (names.get(row.key_worker_id) ?? null) : null,
  };
}

/**
 * Everything the first screen of his record shows. The caller has checked access; `read` is his row when the
 * caller has just read it for that check (opening a record reads it once).
 */
export async function getRecord(db: Db, session: Session, id: string, today = todayInLondon(), read?: ParticipantsTable): Promise<ParticipantRecord> {
  const row = read ?? (await getParticipantRow(db, id));
  const [referrals, history, access, assessments, risk, consents, goals, openTasks] = await Promise.all([
    db.selectFrom('referrals').selectAll().where('participant_id', '=', id).orderBy('received_on', 'desc').execute(),
    db.selectFrom('status_history').selectAll().where('participant_id', '=', id).orderBy('changed_at', 'desc').execute(),
    db.selectFrom('participant_access').select('staff_id').where('participant_id', '=', id).execute(),
    listAssessments(db, id),
    listRisk(db, id),
    listConsents(db, id, today),
    listGoals(db, id),
    openTasksFor(db, id, session.role, today),
  ]);
  const names = await staffNames(db, [row.key_worker_id, ...referrals.map((r) => r.created_by), ...history.map((h) => h.changed_by)]);
  return {
    header: headerWith(row, names),
    version: row.version,
    details: detailsOf(row),
    restricted: row.restricted === 1,
    accessStaffIds: access.map((a) => a.staff_id),
    referrals: referrals.map((r) => toReferral(r, r.created_by ? (names.get(r.created_by) ?? null) : null)),
    statusHistory: history.map(
      (h): StatusChange => ({
        id: h.id,
        status: h.status as Status,
        outcome: h.outcome as StatusChange['outcome'],
        exitReason: h.exit_reason as StatusChange['exitReason'],
        reason: h.reason,
        effectiveOn: h.effective_on,
        changedAt: h.changed_at,
        changedByName: h.changed_by ? (names.get(h.changed_by) ?? null) : null,
      }),
    ),
    assessments,
    risk,
    consents,
    goals,
    openTasks,
    canReadNotes: can(session.role, 'notes.view'),
    // The header's summary of the partner service's contact (written across by that side): a column of his row.
    partnerContactStatus: (row.partner_contact_status as ContactStatus | null) ?? null,
  };
}

/** A later date of birth must not leave anything already on his record dated before he was born. */
async function assertNothingBefore(db: Db, participantId: string, dateOfBirth: string): Promise<void> {
  const earliest = async (table: 'referrals' | 'consents' | 'case_notes' | 'risk_assessments' | 'goals', column: string, what: string) => {
    const row = await db
      .selectFrom(table)
      .select(sql<string>`min(${sql.ref(column)})`.as('first'))
      .where('participant_id', '=', participantId)
      .executeTakeFirst();
    return row?.first && row.first < dateOfBirth ? what : null;
  };
  const clash =
    (await earliest('referrals', 'received_on', 'a referral')) ??
    (await earliest('consents', 'given_on', 'a consent')) ??
    (await earliest('case_notes', 'occurred_on', 'a case note')) ??
    (await earliest('risk_assessments', 'assessed_on', 'a risk assessment')) ??
    (await earliest('goals', 'set_on', 'a goal'));
  if (clash) {
    const message = `The date of birth cannot be after the date of ${clash} already on his record.`;
    throw new AppError('VALIDATION', message, { fields: { 'details.dateOfBirth': message.slice(0, -1) } });
  }
}

export async function updateDetails(ctx: ServiceContext, input: RouteParsed<'participants.updateDetails'>) {
  const { db, user } = ctx;
  const before = await getParticipantRow(db, input.id);
  await assertCanOpen(db, user, input.id);
  if (input.details.dateOfBirth > before.date_of_birth) await assertNothingBefore(db, input.id, input.details.dateOfBirth);
  const result = await db
    .updateTable('participants')
    .set({ ...detailColumns(input.details), version: input.version + 1, updated_at: nowIso(ctx) })
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .executeTakeFirst();
  assertUpdated(result, true, 'That participant');
  await indexParticipant(db, { id: before.id, reference: before.reference, ...input.details });
  if (before.key_worker_id !== input.details.keyWorkerId) await reassignKeyWorkerTasks(db, input.id, before.key_worker_id, input.details.keyWorkerId);
  ctx.audit({
    action: 'participants.updateDetails',
    subjectType: 'participant',
    subjectId: input.id,
    detail: { fields: changedFields(detailsOf(before), input.details) },
  });
  return getRecord(db, user, input.id, todayOf(ctx));
}

export async function setStatus(ctx: ServiceContext, input: RouteParsed<'participants.setStatus'>) {
  const { db, user } = ctx;
  await getParticipantRow(db, input.id);
  await assertCanOpen(db, user, input.id);
  const current = await getParticipantRow(db, input.id);
  if (input.effectiveOn < current.date_of_birth) {
    throw new AppError('VALIDATION', 'The date of the change cannot be before his date of birth.', { fields: { effectiveOn: 'The date of the change cannot be before his date of birth' } });
  }
  if (current.referred_on && input.effectiveOn < current.referred_on) {
    throw new AppError('VALIDATION', 'The date of the change cannot be before his referral was received.', {
      fields: { effectiveOn: 'The date of the change cannot be before his referral was received' },
    });
  }
  if (needsReasonToMoveOn(input.status, current.outcome) && !input.reason) {
    throw new AppError('VALIDATION', 'He has not been assessed as suitable. Give the reason to move him on anyway.', {
      fields: { reason: 'He has not been assessed as suitable: give the reason to move him on anyway' },
    });
  }
  if (input.status === 'completed') {
    // The programme's completion rule decides; recording him as completed against it needs a reason.
    const summary = await attendanceSummary(db, input.id, todayOf(ctx));
    if (summary?.completion && !summary.completion.met && !input.reason) {
      throw new AppError('VALIDATION', `${summary.completion.reason} Give the reason to record him as completed anyway.`, {
        fields: { reason: 'He does not meet the completion rule: give the reason to record him as completed anyway' },
      });
    }
  }
  const outcome = input.status === 'assessed' ? input.outcome : input.status === 'waiting_list' || input.status === 'active' ? undefined : null;
  const result = await db
    .updateTable('participants')
    .set({
      status: input.status,
      ...(outcome !== undefined ? { outcome } : {}),
      exit_reason: input.status === 'exited' ? input.exitReason : null,
      version: input.version + 1,
      updated_at: nowIso(ctx),
    })
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .executeTakeFirst();
  assertUpdated(result, true, 'That participant');
  await recordStatus(db, input.id, input, user, nowIso(ctx));
  // An ending closes the tasks its dates raised; a return raises them again.
  await refreshTasksFor(db, input.id, todayOf(ctx), nowIso(ctx));
  const alert = { exited: 'exit', completed: 'end', active: 'start' } as const;
  if (input.status in alert) {
    // The partner worker reads this on her home page: a UK date.
    const detail = input.status === 'exited' ? `He left the programme on ${ukDate(input.effectiveOn)}.` : '';
    await alertPartnerService(db, input.id, alert[input.status as keyof typeof alert], `${input.status}:${input.effectiveOn}:${input.version}`, detail, dayOf(ctx));
  }
  ctx.audit({ action: 'participants.setStatus', subjectType: 'participant', subjectId: input.id, detail: { fields: ['status', 'outcome', 'exitReason', 'reason', 'effectiveOn'] } });
  return getRecord(db, user, input.id, todayOf(ctx));
}

export async function restrict(ctx: ServiceContext, input: RouteParsed<'participants.restrict'>) {
  const { db, user } = ctx;
  const row = await getParticipantRow(db, input.id);
  if (row.restricted === 1) await assertCanOpen(db, user, input.id);
  // Whoever restricts a record stays on its list, or nobody could lift the restriction.
  const staffIds = input.restricted ? [...new Set([user.staffId, ...input.staffIds])] : [];
  if (staffIds.length > 0) {
    const found = await db.selectFrom('staff').select('id').where('id', 'in', staffIds).where('active', '=', 1).execute();
    if (found.length !== staffIds.length) {
      throw new AppError('VALIDATION', 'One of the chosen staff is not an active member of staff.', { fields: { staffIds: 'Choose active members of staff' } });
    }
  }
  // A stale screen would name staff from an older list: refuse it before the list changes.
  const result = await db
    .updateTable('participants')
    .set({ restricted: input.restricted ? 1 : 0, version: input.version + 1, updated_at: nowIso(ctx) })
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .executeTakeFirst();
  assertUpdated(result, true, 'That participant');
  await db.deleteFrom('participant_access').where('participant_id', '=', input.id).execute();
  if (staffIds.length > 0) {
    await db.insertInto('participant_access').values(staffIds.map((staff_id) => ({ participant_id: input.id, staff_id }))).execute();
  }
  ctx.audit({
    action: 'participants.restrict',
    subjectType: 'participant',
    subjectId: input.id,
    detail: { fields: ['restricted', 'access'], restricted: input.restricted, staffCount: staffIds.length },
  });
  return getRecord(db, user, input.id, todayOf(ctx));
}

function toRow(
  row: ParticipantsTable & { key_worker_name: string | null },
  openable: boolean,
): ParticipantRow {
  return {
    id: row.id,
    reference: row.reference,
    name: openable ? displayName(row) : null,
    dateOfBirth: openable ? row.date_of_birth : null,
    status: row.status as Status,
    route: openable ? (row.route as ParticipantRow['route']) : null,
    source: openable ? (row.source as ParticipantRow['source']) : null,
    referredOn: row.referred_on,
    keyWorkerName: openable ? row.key_worker_name : null,
    flags: openable ? flagsOf(row) : ['restricted'],
    restricted: row.restricted === 1,
    canOpen: openable,
  };
}

export async function listParticipants(db: Db, session: Session, input: RouteParsed<'participants.list'>): Promise<ParticipantList> {
  let query = db.selectFrom('participants');
  if (input.status) query = query.where('participants.status', '=', input.status);
  if (input.route) query = query.where('participants.route', '=', input.route);
  if (input.source) query = query.where('participants.source', '=', input.source);
  if (input.keyWorkerId) query = query.where('participants.key_worker_id', '=', input.keyWorkerId);
  switch (input.flag) {
    case 'child_protection':
      query = query.where('participants.child_protection', '=', 1);
      break;
    case 'high_risk':
      query = query.where('participants.risk_level', '=', 'high');
      break;
    case 'interpreter':
      query = query.where('participants.interpreter', '=', 1);
      break;
    case 'high_profile':
      query = query.where('participants.high_profile', '=', 1);
      break;
    case 'restricted':
      query = query.where('participants.restricted', '=', 1);
      break;
    case 'safeguarding':
      query = query.where('participants.safeguarding_open', '=', 1);
      break;
  }
  if (input.route || input.source || input.keyWorkerId || (input.flag && input.flag !== 'restricted')) {
    // A restricted record shows to others only as its reference and status, so a filter on
    // anything else must not match it for them either (a "high risk" filter would tell).
    query = query.where((eb) =>
      eb.or([
        eb('participants.restricted', '=', 0),
        eb.exists(eb.selectFrom('participant_access').select('participant_access.staff_id').whereRef('participant_access.participant_id', '=', 'participants.id').where('participant_access.staff_id', '=', session.staffId)),
      ]),
    );
  }
  const sortColumn = {
    name: 'participants.sort_name',
    reference: 'participants.reference',
    referred: 'participants.referred_on',
    status: 'participants.status',
    updated: 'participants.updated_at',
  } as const;
  const [total, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    query
      .leftJoin('staff', 'staff.id', 'participants.key_worker_id')
      .selectAll('participants')
      .select('staff.full_name as key_worker_name')
      .orderBy(sortColumn[input.sort], input.direction)
      .orderBy('participants.reference', 'asc')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
  ]);
  const openable = await openableRestricted(db, session, rows.filter((r) => r.restricted === 1).map((r) => r.id));
  return {
    rows: rows.map((r) => toRow(r, r.restricted !== 1 || openable.has(r.id))),
    total: Number(total.n),
    page: input.page,
    pageSize: input.pageSize,
  };
}

const kindRank: Record<string, number> = { reference: 0, name: 1, alias: 2, note: 3 };

/**
 * Search as you type. A restricted record is found only by its reference for
 * someone not on its list (its names, aliases and notes are not searched for
 * them), so a search cannot reveal who is on a restricted record.
 */
export async function searchParticipants(db: Db, session: Session, input: RouteParsed<'participants.search'>): Promise<SearchHit[]> {
  const query = ftsQuery(input.q);
  if (!query) return [];
  const best = new Map<string, SearchHit['matchedOn']>();
  const consider = (id: string, kind: string) => {
    const current = best.get(id);
    if (!current || kindRank[kind]! < kindRank[current]!) best.set(id, kind as SearchHit['matchedOn']);
  };
  // One or two letters: names, aliases and references only, unranked (isShortSearch says why).
  const short = isShortSearch(input.q);
  const matched = await matchParticipants(db, query, 200, !short);
  for (const m of matched.rows) consider(m.participant_id, m.kind);
  if (!short && can(session.role, 'notes.view')) {
    const notes = await matchNotes(db, query, 200);
    for (const m of notes.rows) consider(m.participant_id, 'note');
  }
  if (best.size === 0) return [];
  const rows = await db.selectFrom('participants').selectAll().where('id', 'in', [...best.keys()]).execute();
  const openable = await openableRestricted(db, session, rows.filter((r) => r.restricted === 1).map((r) => r.id));
  const hits: SearchHit[] = [];
  for (const row of rows) {
    const canOpen = row.restricted !== 1 || openable.has(row.id);
    const matchedOn = best.get(row.id)!;
    if (!canOpen && matchedOn !== 'reference') continue;
    hits.push({
      id: row.id,
      reference: row.reference,
      name: canOpen ? displayName(row) : null,
      status: row.status as Status,
      restricted: row.restricted === 1,
      canOpen,
      matchedOn,
      flags: canOpen ? flagsOf(row) : ['restricted'],
    });
  }
  const order = (h: SearchHit) => kindRank[h.matchedOn]!;
  return hits.sort((a, b) => order(a) - order(b) || (a.name ?? '').localeCompare(b.name ?? '')).slice(0, input.limit);
}

export async function waitingList(db: Db, session: Session, today: string): Promise<WaitingListRow[]> {
  const rows = await db.selectFrom('participants').selectAll().where('status', '=', 'waiting_list').orderBy('referred_on', 'asc').orderBy('reference').execute();
  const openable = await openableRestricted(db, session, rows.filter((r) => r.restricted === 1).map((r) => r.id));
  const since = new Map<string, string>();
  if (rows.length > 0) {
    const moves = await db
      .selectFrom('status_history')
      .select(['participant_id', (eb) => eb.fn.max('effective_on').as('since')])
      .where('status', '=', 'waiting_list')
      .where('participant_id', 'in', rows.map((r) => r.id))
      .groupBy('participant_id')
      .execute();
    for (const m of moves) since.set(m.participant_id, String(m.since));
  }
  return rows.map((row) => {
    const canOpen = row.restricted !== 1 || openable.has(row.id);
    return {
      id: row.id,
      reference: row.reference,
      name: canOpen ? displayName(row) : null,
      referredOn: row.referred_on ?? row.created_at.slice(0, 10),
      daysWaiting: daysBetween(row.referred_on ?? row.created_at.slice(0, 10), today),
      waitingSince: since.get(row.id) ?? null,
      outcome: row.outcome as WaitingListRow['outcome'],
      route: canOpen ? (row.route as WaitingListRow['route']) : null,
      flags: canOpen ? flagsOf(row) : ['restricted'],
      canOpen,
    };
  });
}

/** Possible duplicates: same or similar name with the same date of birth, the same name with another date, or a match on an alias. */
export async function findDuplicates(db: Db, session: Session, input: RouteParsed<'participants.findDuplicates'>): Promise<DuplicateCandidate[]> {
  const first = foldForSearch(input.firstName);
  const last = foldForSearch(input.lastName);
  if (!last && !first && input.aliases.length === 0) return [];
  const names = [`${input.firstName} ${input.lastName}`, ...input.aliases].map(foldForSearch).filter(Boolean);
  const candidates = new Map<string, Set<string>>();
  const add = (id: string, reason: string) => {
    if (!candidates.has(id)) candidates.set(id, new Set());
    candidates.get(id)!.add(reason);
  };
  if (input.dateOfBirth) {
    const sameBirth = await db.selectFrom('participants').select(['id', 'first_name', 'last_name', 'details']).where('date_of_birth', '=', input.dateOfBirth).execute();
    for (const row of sameBirth) {
      const f = foldForSearch(row.first_name);
      const l = foldForSearch(row.last_name);
      if (f === first && l === last) add(row.id, 'Same name and date of birth');
      else if (l === last || (f === first && f) || (f[0] === first[0] && levenshtein(l, last) <= 2)) add(row.id, 'Similar name and the same date of birth');
      const aliases = (JSON.parse(row.details) as { aliases?: string[] }).aliases ?? [];
      if (aliases.some((a) => names.includes(foldForSearch(a)))) add(row.id, 'Known by this name (alias), same date of birth');
    }
  }
  for (const name of names) {
    const query = name.split(' ').map((w) => `"${w}"`).join(' ');
    const matched = await sql<{ participant_id: string; kind: string }>`
      select participant_id, kind from participant_search where participant_search match ${query} limit 50`.execute(db);
    for (const m of matched.rows) {
      if (m.kind === 'name') add(m.participant_id, 'Same name');
      if (m.kind === 'alias') add(m.participant_id, 'One of his aliases matches this name');
    }
  }
  if (candidates.size === 0) return [];
  const rows = await db.selectFrom('participants').selectAll().where('id', 'in', [...candidates.keys()]).execute();
  const openable = await openableRestricted(db, session, rows.filter((r) => r.restricted === 1).map((r) => r.id));
  const hidden = rows.filter((row) => row.restricted === 1 && !openable.has(row.id));
  const visible = rows
    .filter((row) => row.restricted !== 1 || openable.has(row.id))
    .map((row): DuplicateCandidate => {
      const sameBirth = row.date_of_birth === input.dateOfBirth;
      const reasons = [...candidates.get(row.id)!]
        .filter((r) => !(r === 'Same name' && sameBirth))
        .map((r) => (r === 'Same name' ? 'Same name, different date of birth' : r));
      return {
        id: row.id,
        reference: row.reference,
        name: displayName(row),
        dateOfBirth: row.date_of_birth,
        aliases: detailsOf(row).aliases,
        status: row.status as Status,
        restricted: row.restricted === 1,
        canLink: true,
        reasons,
      };
    })
    .sort((a, b) => b.reasons.length - a.reasons.length);
  if (hidden.length === 0) return visible;
  // One notice however many: even the number of restricted matches would say something.
  const notice: DuplicateCandidate = { id: randomUUID(), reference: null, name: null, dateOfBirth: null, aliases: [], status: null, restricted: true, canLink: false, reasons: [RESTRICTED_MATCH] };
  return [...visible, notice];
}

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const temp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = temp;
    }
  }
  return dp[b.length]!;
}

export async function addReferral(ctx: ServiceContext, input: RouteParsed<'referrals.add'>): Promise<Referral> {
  const { db, user } = ctx;
  const participant = await getParticipantRow(db, input.participantId);
  await assertCanOpen(db, user, participant.id);
  if (input.referral.receivedOn < participant.date_of_birth) {
    throw new AppError('VALIDATION', 'Date received cannot be before his date of birth.', { fields: { 'referral.receivedOn': 'Date received cannot be before his date of birth' } });
  }
  const row = await insertReferral(db, participant.id, input.referral, user, nowIso(ctx));
  await syncLatestReferral(db, participant.id);
  await refreshTasksFor(db, participant.id, todayOf(ctx), nowIso(ctx));
  ctx.audit({ action: 'referrals.add', subjectType: 'participant', subjectId: participant.id, detail: { fields: Object.keys(input.referral), referralId: row.id } });
  return toReferral(row, user.fullName);
}

export async function updateReferral(ctx: ServiceContext, input: RouteParsed<'referrals.update'>): Promise<Referral> {
  const { db, user } = ctx;
  const before = await db.selectFrom('referrals').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('That referral');
  await assertCanOpen(db, user, before.participant_id);
  const result = await db
    .updateTable('referrals')
    .set({
      source: input.referral.source,
      route: input.referral.route,
      received_on: input.referral.receivedOn,
      report_due_date: input.referral.reportDueDate || null,
      data: JSON.stringify(input.referral),
      version: input.version + 1,
      updated_at: nowIso(ctx),
    })
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .executeTakeFirst();
  assertUpdated(result, true, 'That referral');
  await syncLatestReferral(db, before.participant_id);
  await refreshTasksFor(db, before.participant_id, todayOf(ctx), nowIso(ctx));
  ctx.audit({
    action: 'referrals.update',
    subjectType: 'participant',
    subjectId: before.participant_id,
    detail: { fields: changedFields(JSON.parse(before.data) as Record<string, unknown>, input.referral), referralId: input.id },
  });
  const after = await db.selectFrom('referrals').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
  const names = await staffNames(db, [after.created_by]);
  return toReferral(after, after.created_by ? (names.get(after.created_by) ?? null) : null);
}

export { staffNames };
