import { randomUUID } from 'node:crypto';
import type { RouteParsed } from '../../../shared/api';
import { nowIso, todayOf } from '../../clock';
import { consentState, type Consent } from '../../../shared/features/consents';
import { AppError, notFound } from '../../app-error';
import type { ConsentsTable } from '../../db/schema';
import type { Db, ServiceContext } from '../../ipc/context';
import { assertCanOpen } from '../participants/access';
import { changedFields } from '../participants/service';
import { assertUpdated } from '../participants/versioned';
import { refreshTasksFor } from '../tasks/service';

interface Stored {
  recipientName: string;
  purpose: string;
  confidentialityExplained: boolean;
  howGiven: 'signed' | 'verbal';
  witness: string;
  withdrawnReason: string;
}

function toConsent(row: ConsentsTable & { recorded_by_name: string | null }, today: string): Consent {
  const data = JSON.parse(row.data) as Stored;
  const { withdrawnReason, ...rest } = data;
  return {
    ...rest,
    id: row.id,
    participantId: row.participant_id,
    version: row.version,
    recipient: row.recipient as Consent['recipient'],
    givenOn: row.given_on,
    reviewOn: row.review_on,
    withdrawnOn: row.withdrawn_on,
    withdrawnReason,
    state: consentState({ reviewOn: row.review_on, withdrawnOn: row.withdrawn_on }, today),
    recordedByName: row.recorded_by_name,
    createdAt: row.created_at,
  };
}

export async function listConsents(db: Db, participantId: string, today: string): Promise<Consent[]> {
  const rows = await db
    .selectFrom('consents')
    .leftJoin('staff', 'staff.id', 'consents.created_by')
    .selectAll('consents')
    .select('staff.full_name as recorded_by_name')
    .where('participant_id', '=', participantId)
    .orderBy('given_on', 'desc')
    .execute();
  return rows.map((r) => toConsent(r, today));
}

async function getConsentRow(db: Db, id: string) {
  const row = await db.selectFrom('consents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That consent');
  return row;
}

async function checkAgainstBirth(db: Db, participantId: string, givenOn: string) {
  const p = await db.selectFrom('participants').select(['id', 'date_of_birth']).where('id', '=', participantId).executeTakeFirst();
  if (!p) throw notFound('That participant');
  if (givenOn < p.date_of_birth) {
    throw new AppError('VALIDATION', 'The date given cannot be before his date of birth.', { fields: { givenOn: 'The date given cannot be before his date of birth' } });
  }
}

/** `options.tasksLater`: an import raises the tasks once for everyone after its last row (the same rules). */
export async function addConsent(ctx: ServiceContext, input: RouteParsed<'consents.add'>, options: { tasksLater?: boolean } = {}): Promise<Consent> {
  const { db, user } = ctx;
  await checkAgainstBirth(db, input.participantId, input.givenOn);
  await assertCanOpen(db, user, input.participantId);
  const id = randomUUID();
  const now = nowIso(ctx);
  const data: Stored = {
    recipientName: input.recipientName,
    purpose: input.purpose,
    confidentialityExplained: input.confidentialityExplained,
    howGiven: input.howGiven,
    witness: input.witness,
    withdrawnReason: '',
  };
  await db
    .insertInto('consents')
    .values({
      id,
      participant_id: input.participantId,
      recipient: input.recipient,
      given_on: input.givenOn,
      review_on: input.reviewOn,
      withdrawn_on: null,
      data: JSON.stringify(data),
      version: 1,
      created_at: now,
      created_by: user.staffId,
      updated_at: now,
    })
    .execute();
  if (!options.tasksLater) await refreshTasksFor(db, input.participantId, todayOf(ctx), nowIso(ctx));
  ctx.audit({ action: 'consents.add', subjectType: 'participant', subjectId: input.participantId, detail: { fields: Object.keys(input).filter((k) => k !== 'participantId'), consentId: id } });
  if (options.tasksLater) return null as unknown as Consent; // the import does not read it back
  return (await listConsents(db, input.participantId, todayOf(ctx))).find((c) => c.id === id)!;
}

export async function updateConsent(ctx: ServiceContext, input: RouteParsed<'consents.update'>): Promise<Consent> {
  const { db, user } = ctx;
  const before = await getConsentRow(db, input.id);
  await assertCanOpen(db, user, before.participant_id);
  await checkAgainstBirth(db, before.participant_id, input.givenOn);
  if (before.withdrawn_on) throw new AppError('CONFLICT', 'This consent was withdrawn. Record a new consent instead.');
  const old = JSON.parse(before.data) as Stored;
  const data: Stored = { ...old, recipientName: input.recipientName, purpose: input.purpose, confidentialityExplained: input.confidentialityExplained, howGiven: input.howGiven, witness: input.witness };
  const result = await db
    .updateTable('consents')
    .set({ recipient: input.recipient, given_on: input.givenOn, review_on: input.reviewOn, data: JSON.stringify(data), version: input.version + 1, updated_at: nowIso(ctx) })
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .executeTakeFirst();
  assertUpdated(result, true, 'That consent');
  await refreshTasksFor(db, before.participant_id, todayOf(ctx), nowIso(ctx));
  const fields = changedFields({ ...old, recipient: before.recipient, givenOn: before.given_on, reviewOn: before.review_on }, { ...data, recipient: input.recipient, givenOn: input.givenOn, reviewOn: input.reviewOn });
  ctx.audit({ action: 'consents.update', subjectType: 'participant', subjectId: before.participant_id, detail: { fields, consentId: input.id } });
  return (await listConsents(db, before.participant_id, todayOf(ctx))).find((c) => c.id === input.id)!;
}

export async function withdrawConsent(ctx: ServiceContext, input: RouteParsed<'consents.withdraw'>): Promise<Consent> {
  const { db, user } = ctx;
  const before = await getConsentRow(db, input.id);
  await assertCanOpen(db, user, before.participant_id);
  if (before.withdrawn_on) throw new AppError('CONFLICT', 'This consent has already been withdrawn.');
  if (input.withdrawnOn < before.given_on) {
    throw new AppError('VALIDATION', 'Consent cannot be withdrawn before it was given.', { fields: { withdrawnOn: 'Consent cannot be withdrawn before it was given' } });
  }
  if (input.withdrawnOn > todayOf(ctx)) {
    throw new AppError('VALIDATION', 'The date withdrawn cannot be in the future.', { fields: { withdrawnOn: 'The date withdrawn cannot be in the future' } });
  }
  const data = { ...(JSON.parse(before.data) as Stored), withdrawnReason: input.reason };
  const result = await db
    .updateTable('consents')
    .set({ withdrawn_on: input.withdrawnOn, data: JSON.stringify(data), version: input.version + 1, updated_at: nowIso(ctx) })
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .executeTakeFirst();
  assertUpdated(result, true, 'That consent');
  await refreshTasksFor(db, before.participant_id, todayOf(ctx), nowIso(ctx));
  ctx.audit({ action: 'consents.withdraw', subjectType: 'participant', subjectId: before.participant_id, detail: { fields: ['withdrawnOn', 'withdrawnReason'], consentId: input.id } });
  return (await listConsents(db, before.participant_id, todayOf(ctx))).find((c) => c.id === input.id)!;
}
