/** Logging a subject access request (with its one-month task), the manager's review, and producing the pack. */
import { nowIso, todayOf } from '../../clock';
import { randomUUID } from 'node:crypto';
import type { RouteParsed } from '../../../shared/api';
import {
  oneMonthAfter,
  type SarPack,
  type SarReview,
  type SubjectAccessRequest,
} from '../../../shared/features/subject-access';
import { AppError, notFound } from '../../app-error';
import type { SubjectAccessRequestsTable } from '../../db/schema';
import type { Db, ServiceContext, Session } from '../../ipc/context';
import { assertCanOpen, openableRestricted } from '../participants/access';
import { loadLetterhead } from '../../reports/render';
import { createSystemTask } from '../tasks/service';
import { applyDecisions, collectSubjectData } from './collect';
import { buildPackOffThread } from './pack-task';
import { addSharingEntry } from '../safeguarding/sharing-entry';
import { fileFor } from '../partners/shared-rows';

const taskKey = (requestId: string) => `subject-access:${requestId}`;

async function toRequests(
  db: Db,
  session: Session,
  rows: SubjectAccessRequestsTable[],
  /** the back end's clock's day (todayOf(ctx)): a request still open after its due day is overdue */
  today: string,
): Promise<SubjectAccessRequest[]> {
  const staffIds = [
    ...new Set(rows.flatMap((r) => [r.logged_by, r.produced_by]).filter((x): x is string => Boolean(x))),
  ];
  const staff = staffIds.length
    ? await db.selectFrom('staff').select(['id', 'full_name']).where('id', 'in', staffIds).execute()
    : [];
  const personIds = [...new Set(rows.map((r) => r.participant_id).filter((x): x is string => Boolean(x)))];
  const people = personIds.length
    ? await db
        .selectFrom('participants')
        .select(['id', 'first_name', 'last_name', 'reference', 'anonymised_at', 'restricted'])
        .where('id', 'in', personIds)
        .execute()
    : [];
  // A restricted record's name shows only to the staff named on it.
  const openable = await openableRestricted(
    db,
    session,
    people.filter((p) => p.restricted === 1).map((p) => p.id),
  );
  const name = (id: string | null) => staff.find((s) => s.id === id)?.full_name ?? null;
  return rows.map((r) => {
    const p = people.find((x) => x.id === r.participant_id);
    return {
      id: r.id,
      participantId: r.participant_id,
      participantReference: p?.reference ?? r.participant_reference,
      participantName:
        p && !p.anonymised_at && (p.restricted !== 1 || openable.has(p.id)) ? `${p.first_name} ${p.last_name}` : null,
      receivedOn: r.received_on,
      dueOn: r.due_on,
      channel: r.channel as SubjectAccessRequest['channel'],
      note: r.note,
      status: r.status as SubjectAccessRequest['status'],
      loggedByName: name(r.logged_by),
      producedAt: r.produced_at,
      producedByName: name(r.produced_by),
      released: r.released,
      withheld: r.withheld,
      overdue: r.status === 'open' && r.due_on < today,
    };
  });
}

async function requestRow(db: Db, id: string): Promise<SubjectAccessRequestsTable> {
  const row = await db.selectFrom('subject_access_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That subject access request');
  return row;
}

export async function listRequests(
  db: Db,
  session: Session,
  input: RouteParsed<'subjectAccess.list'>,
  today: string,
): Promise<SubjectAccessRequest[]> {
  let query = db.selectFrom('subject_access_requests').selectAll();
  if (input.status === 'open') query = query.where('status', '=', 'open');
  return toRequests(db, session, await query.orderBy('due_on').execute(), today);
}

export async function logRequest(
  ctx: ServiceContext,
  input: RouteParsed<'subjectAccess.log'>,
): Promise<SubjectAccessRequest> {
  const { db, user } = ctx;
  const person = await db
    .selectFrom('participants')
    .select(['id', 'reference', 'anonymised_at'])
    .where('id', '=', input.participantId)
    .executeTakeFirst();
  if (!person) throw notFound('That participant');
  await assertCanOpen(db, user, person.id);
  if (person.anonymised_at)
    throw new AppError(
      'CONFLICT',
      'This record has been anonymised: the program no longer holds anything that identifies him.',
    );
  const id = randomUUID();
  const dueOn = oneMonthAfter(input.receivedOn);
  await db
    .insertInto('subject_access_requests')
    .values({
      id,
      participant_id: person.id,
      participant_reference: person.reference,
      received_on: input.receivedOn,
      due_on: dueOn,
      channel: input.channel,
      note: input.note,
      status: 'open',
      logged_by: user.staffId,
      logged_at: nowIso(ctx),
      produced_at: null,
      produced_by: null,
      released: 0,
      withheld: 0,
      decisions: '[]',
      file_sha256: null,
    })
    .execute();
  await createSystemTask(db, {
    sourceKey: taskKey(id),
    kind: 'subject_access',
    participantId: person.id,
    title: `Answer the subject access request (${person.reference}) by ${dueOn.split('-').reverse().join('/')}`,
    detail:
      'The law gives one month from the day the request was received. Open Data protection, then this request, to decide what is left out and produce the pack.',
    assigneeRole: 'manager',
    dueOn,
  }, nowIso(ctx));
  ctx.audit({
    action: 'subjectAccess.log',
    subjectType: 'participant',
    subjectId: person.id,
    detail: { requestId: id, fields: ['receivedOn', 'channel', 'note'], dueOn },
  });
  return (await toRequests(db, user, [await requestRow(db, id)], todayOf(ctx)))[0]!;
}

export async function reviewRequest(ctx: ServiceContext, requestId: string): Promise<SarReview> {
  const row = await requestRow(ctx.db, requestId);
  if (!row.participant_id)
    throw new AppError('CONFLICT', 'His record has since been deleted under the retention policy.');
  await assertCanOpen(ctx.db, ctx.user, row.participant_id);
  const data = await collectSubjectData(ctx.db, row.participant_id, todayOf(ctx));
  ctx.audit({
    action: 'subjectAccess.review',
    subjectType: 'participant',
    subjectId: row.participant_id,
    detail: { requestId },
  });
  return {
    request: (await toRequests(ctx.db, ctx.user, [row], todayOf(ctx)))[0]!,
    included: data.sections.map((s) => ({
      section: s.title,
      count: s.entries.filter((e) => !e.item).length,
      withheld: s.entries.filter((e) => e.item).length,
    })),
    items: data.sections.flatMap((s) => s.entries.flatMap((e) => (e.item ? [e.item] : []))),
  };
}

export async function producePack(ctx: ServiceContext, input: RouteParsed<'subjectAccess.produce'>): Promise<SarPack> {
  const { db, user } = ctx;
  const row = await requestRow(db, input.requestId);
  if (!row.participant_id)
    throw new AppError('CONFLICT', 'His record has since been deleted under the retention policy.');
  await assertCanOpen(db, user, row.participant_id);
  const data = await collectSubjectData(db, row.participant_id, todayOf(ctx));
  const known = new Set(data.sections.flatMap((s) => s.entries.flatMap((e) => (e.item ? [e.item.id] : []))));
  const unknown = input.release.filter((id) => !known.has(id));
  if (unknown.length)
    throw new AppError(
      'CONFLICT',
      'The record has changed since you reviewed it. Review the items again, then produce the pack.',
    );
  const decided = applyDecisions(data, new Set(input.release));
  const now = nowIso(ctx);
  const today = todayOf(ctx);
  const pack = await buildPackOffThread(data, decided.sections, {
    letterhead: await loadLetterhead(db),
    receivedOn: row.received_on,
    today,
    producedAt: now,
    released: decided.released,
    withheld: decided.withheld,
  });

  await db
    .updateTable('subject_access_requests')
    .set({
      status: 'sent',
      produced_at: now,
      produced_by: user.staffId,
      released: decided.released,
      withheld: decided.withheld,
      decisions: JSON.stringify(input.release),
      file_sha256: pack.sha256,
    })
    .where('id', '=', row.id)
    .execute();
  // The disclosure to him goes in the information-sharing log like any other.
  await addSharingEntry(db, {
    side: 'participant',
    participantId: row.participant_id,
    sharedOn: today,
    basis: 'subject_access',
    decidedBy: user.staffId,
    what: `Subject access pack: everything held about him (${decided.sections.reduce((n, s) => n + s.entries.filter((e) => !e.withheld).length, 0)} entries), ${decided.withheld} ${decided.withheld === 1 ? 'item' : 'items'} withheld.`,
    agency: 'The man himself (subject access request)',
    why: `His subject access request received ${row.received_on.split('-').reverse().join('/')} (UK GDPR article 15).`,
    automatic: true,
    createdBy: user.staffId,
    createdAt: now,
  });
  await (await fileFor(db, false))
    .updateTable('tasks')
    .set({ status: 'done', done_at: now, done_by: user.staffId, done_note: 'Subject access pack produced.' })
    .where('source_key', '=', taskKey(row.id))
    .where('status', '=', 'open')
    .execute();
  ctx.audit({
    action: 'subjectAccess.produce',
    subjectType: 'participant',
    subjectId: row.participant_id,
    detail: { requestId: row.id, released: decided.released, withheld: decided.withheld, sha256: pack.sha256 },
  });
  return {
    fileName: pack.fileName,
    base64: pack.bytes.toString('base64'),
    sha256: pack.sha256,
    released: decided.released,
    withheld: decided.withheld,
  };
}
