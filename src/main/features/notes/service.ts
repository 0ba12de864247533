import { randomUUID } from 'node:crypto';
import { nowIso } from '../../clock';
import type { RouteParsed } from '../../../shared/api';
import type { CaseNote, CaseNoteVersion, Goal, NotePage, NoteType } from '../../../shared/features/notes';
import { AppError, notFound } from '../../app-error';
import type { CaseNotesTable, GoalsTable } from '../../db/schema';
import type { Db, ServiceContext } from '../../ipc/context';
import { assertCanOpen } from '../participants/access';
import { indexNote } from '../participants/search-index';
import { assertUpdated } from '../participants/versioned';

function toNote(row: CaseNotesTable & { author_name: string | null }): CaseNote {
  return {
    id: row.id,
    participantId: row.participant_id,
    version: row.version,
    noteType: row.note_type as NoteType,
    occurredOn: row.occurred_on,
    body: row.body,
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    edited: row.version > 1,
  };
}

const notesQuery = (db: Db) =>
  db.selectFrom('case_notes').leftJoin('staff', 'staff.id', 'case_notes.author_id').selectAll('case_notes').select('staff.full_name as author_name');

export async function listNotes(ctx: ServiceContext, input: RouteParsed<'notes.list'>): Promise<NotePage> {
  const { db, user } = ctx;
  await assertCanOpen(db, user, input.participantId);
  const [total, rows] = await Promise.all([
    db.selectFrom('case_notes').select((eb) => eb.fn.countAll<number>().as('n')).where('participant_id', '=', input.participantId).executeTakeFirstOrThrow(),
    notesQuery(db)
      .where('participant_id', '=', input.participantId)
      .orderBy('occurred_on', 'desc')
      .orderBy('case_notes.created_at', 'desc')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
  ]);
  ctx.audit({ action: 'notes.read', subjectType: 'participant', subjectId: input.participantId, detail: { page: input.page } });
  return { notes: rows.map(toNote), total: Number(total.n), page: input.page, pageSize: input.pageSize };
}

async function participantBirth(db: Db, participantId: string): Promise<string> {
  const p = await db.selectFrom('participants').select('date_of_birth').where('id', '=', participantId).executeTakeFirst();
  if (!p) throw notFound('That participant');
  return p.date_of_birth;
}

export async function addNote(ctx: ServiceContext, input: RouteParsed<'notes.add'>): Promise<CaseNote> {
  const { db, user } = ctx;
  const birth = await participantBirth(db, input.participantId);
  await assertCanOpen(db, user, input.participantId);
  if (input.occurredOn < birth) throw new AppError('VALIDATION', 'The date cannot be before his date of birth.', { fields: { occurredOn: 'The date cannot be before his date of birth' } });
  const id = randomUUID();
  const now = nowIso(ctx);
  await db
    .insertInto('case_notes')
    .values({
      id,
      participant_id: input.participantId,
      note_type: input.noteType,
      occurred_on: input.occurredOn,
      body: input.body,
      author_id: user.staffId,
      edited_by: user.staffId,
      version: 1,
      created_at: now,
      created_by: user.staffId,
      updated_at: now,
    })
    .execute();
  await indexNote(db, { id, participantId: input.participantId, body: input.body }, true);
  ctx.audit({ action: 'notes.add', subjectType: 'participant', subjectId: input.participantId, detail: { fields: ['noteType', 'occurredOn', 'body'], noteId: id } });
  return toNote((await notesQuery(db).where('case_notes.id', '=', id).executeTakeFirstOrThrow()));
}

/** Editing keeps the earlier version: it is copied to case_note_versions before the note changes. */
export async function updateNote(ctx: ServiceContext, input: RouteParsed<'notes.update'>): Promise<CaseNote> {
  const { db, user } = ctx;
  const before = await db.selectFrom('case_notes').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('That note');
  await assertCanOpen(db, user, before.participant_id);
  if (input.occurredOn < (await participantBirth(db, before.participant_id))) {
    throw new AppError('VALIDATION', 'The date cannot be before his date of birth.', { fields: { occurredOn: 'The date cannot be before his date of birth' } });
  }
  const result = await db
    .updateTable('case_notes')
    .set({
      note_type: input.noteType,
      occurred_on: input.occurredOn,
      body: input.body,
      edited_by: user.staffId,
      version: input.version + 1,
      updated_at: nowIso(ctx),
    })
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .executeTakeFirst();
  assertUpdated(result, true, 'That note');
  await db
    .insertInto('case_note_versions')
    .values({
      id: randomUUID(),
      note_id: before.id,
      note_type: before.note_type,
      occurred_on: before.occurred_on,
      body: before.body,
      written_by: before.edited_by,
      written_at: before.updated_at,
    })
    .execute();
  await indexNote(db, { id: before.id, participantId: before.participant_id, body: input.body });
  const fields = (['noteType', 'occurredOn', 'body'] as const).filter(
    (f) => ({ noteType: before.note_type, occurredOn: before.occurred_on, body: before.body })[f] !== input[f],
  );
  ctx.audit({ action: 'notes.update', subjectType: 'participant', subjectId: before.participant_id, detail: { fields, noteId: before.id } });
  return toNote(await notesQuery(db).where('case_notes.id', '=', before.id).executeTakeFirstOrThrow());
}

export async function noteHistory(ctx: ServiceContext, input: RouteParsed<'notes.history'>): Promise<CaseNoteVersion[]> {
  const { db, user } = ctx;
  const note = await db.selectFrom('case_notes').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!note) throw notFound('That note');
  await assertCanOpen(db, user, note.participant_id);
  const rows = await db
    .selectFrom('case_note_versions')
    .leftJoin('staff', 'staff.id', 'case_note_versions.written_by')
    .selectAll('case_note_versions')
    .select('staff.full_name as by_name')
    .where('note_id', '=', input.id)
    .orderBy('written_at', 'desc')
    .execute();
  ctx.audit({ action: 'notes.history', subjectType: 'participant', subjectId: note.participant_id, detail: { noteId: note.id } });
  return rows.map((r) => ({ noteType: r.note_type as NoteType, occurredOn: r.occurred_on, body: r.body, byName: r.by_name, at: r.written_at }));
}

function toGoal(row: GoalsTable & { created_by_name: string | null }): Goal {
  return {
    id: row.id,
    participantId: row.participant_id,
    version: row.version,
    kind: row.kind as Goal['kind'],
    text: row.text,
    setOn: row.set_on,
    achievedOn: row.achieved_on ?? '',
    createdByName: row.created_by_name,
  };
}

export async function listGoals(db: Db, participantId: string): Promise<Goal[]> {
  const rows = await db
    .selectFrom('goals')
    .leftJoin('staff', 'staff.id', 'goals.created_by')
    .selectAll('goals')
    .select('staff.full_name as created_by_name')
    .where('participant_id', '=', participantId)
    .orderBy('set_on', 'desc')
    .execute();
  return rows.map(toGoal);
}

function assertGoalAfterBirth(setOn: string, birth: string): void {
  if (setOn < birth) throw new AppError('VALIDATION', 'The date cannot be before his date of birth.', { fields: { setOn: 'The date cannot be before his date of birth' } });
}

export async function addGoal(ctx: ServiceContext, input: RouteParsed<'goals.add'>): Promise<Goal> {
  const { db, user } = ctx;
  const birth = await participantBirth(db, input.participantId);
  await assertCanOpen(db, user, input.participantId);
  assertGoalAfterBirth(input.setOn, birth);
  const id = randomUUID();
  const now = nowIso(ctx);
  await db
    .insertInto('goals')
    .values({ id, participant_id: input.participantId, kind: input.kind, text: input.text, set_on: input.setOn, achieved_on: input.achievedOn || null, version: 1, created_at: now, created_by: user.staffId, updated_at: now })
    .execute();
  ctx.audit({ action: 'goals.add', subjectType: 'participant', subjectId: input.participantId, detail: { fields: ['kind', 'text', 'setOn', 'achievedOn'], goalId: id } });
  return (await listGoals(db, input.participantId)).find((g) => g.id === id)!;
}

export async function updateGoal(ctx: ServiceContext, input: RouteParsed<'goals.update'>): Promise<Goal> {
  const { db, user } = ctx;
  const before = await db.selectFrom('goals').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('That goal');
  await assertCanOpen(db, user, before.participant_id);
  assertGoalAfterBirth(input.setOn, await participantBirth(db, before.participant_id));
  const result = await db
    .updateTable('goals')
    .set({ kind: input.kind, text: input.text, set_on: input.setOn, achieved_on: input.achievedOn || null, version: input.version + 1, updated_at: nowIso(ctx) })
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .executeTakeFirst();
  assertUpdated(result, true, 'That goal');
  const fields = (['kind', 'text', 'setOn', 'achievedOn'] as const).filter(
    (f) => ({ kind: before.kind, text: before.text, setOn: before.set_on, achievedOn: before.achieved_on ?? '' })[f] !== input[f],
  );
  ctx.audit({ action: 'goals.update', subjectType: 'participant', subjectId: before.participant_id, detail: { fields, goalId: input.id } });
  return (await listGoals(db, before.participant_id)).find((g) => g.id === input.id)!;
}
