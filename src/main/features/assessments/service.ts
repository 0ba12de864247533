import { randomUUID } from 'node:crypto';
import type { RouteParsed } from '../../../shared/api';
import type { Assessment } from '../../../shared/features/assessments';
import type { AssessmentsTable } from '../../db/schema';
import type { Db, ServiceContext } from '../../ipc/context';
import { AppError, notFound } from '../../app-error';
import { nowIso, todayOf } from '../../clock';
import { assertCanOpen } from '../participants/access';
import { assertUpdated } from '../participants/versioned';

/** The decisions that put him on the waiting list. */
const SUITABLE: ReadonlySet<string> = new Set(['suitable_group', 'suitable_one_to_one']);

interface Stored {
  ratings: Assessment['ratings'];
  exclusionFactors: string[];
  exclusionNotes: string;
  consentObtained: boolean;
  decisionReason: string;
  meetingDates: string[];
}

function toAssessment(row: AssessmentsTable & { assessor_name: string | null }): Assessment {
  const data = JSON.parse(row.data) as Stored;
  return {
    id: row.id,
    participantId: row.participant_id,
    version: row.version,
    formVersion: row.form_version,
    ...data,
    decision: row.decision as Assessment['decision'],
    assessorId: row.assessor_id,
    assessorName: row.assessor_name,
    completedOn: row.completed_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listAssessments(db: Db, participantId: string): Promise<Assessment[]> {
  const rows = await db
    .selectFrom('assessments')
    .leftJoin('staff', 'staff.id', 'assessments.assessor_id')
    .selectAll('assessments')
    .select('staff.full_name as assessor_name')
    .where('participant_id', '=', participantId)
    .orderBy('assessments.created_at', 'desc')
    .execute();
  return rows.map(toAssessment);
}

/**
 * Saves a draft or completes an assessment. Completing records the decision
 * on his status (assessed, with the outcome; on the waiting list when suitable)
 * unless he has already moved on.
 */
export async function saveAssessment(ctx: ServiceContext, input: RouteParsed<'assessments.save'>): Promise<Assessment> {
  const { db, user } = ctx;
  const participant = await db.selectFrom('participants').selectAll().where('id', '=', input.participantId).executeTakeFirst();
  if (!participant) throw notFound('That participant');
  await assertCanOpen(db, user, participant.id);
  const assessor = await db.selectFrom('staff').select('id').where('id', '=', input.assessorId).where('active', '=', 1).executeTakeFirst();
  if (!assessor) throw new AppError('VALIDATION', 'Choose an active member of staff as the assessor.', { fields: { assessorId: 'Choose an active member of staff' } });
  if (input.meetingDates.some((d) => d < (participant.referred_on ?? ''))) {
    throw new AppError('VALIDATION', 'An assessment meeting cannot be before the referral was received.', {
      fields: { meetingDates: 'An assessment meeting cannot be before the referral was received' },
    });
  }
  const now = nowIso(ctx);
  const completedOn = input.complete ? [...input.meetingDates].sort().at(-1)! : null;
  const data: Stored = {
    ratings: input.ratings,
    exclusionFactors: input.exclusionFactors,
    exclusionNotes: input.exclusionNotes,
    consentObtained: input.consentObtained,
    decisionReason: input.decisionReason,
    meetingDates: [...input.meetingDates].sort(),
  };
  let id = input.id;
  if (id) {
    const before = await db.selectFrom('assessments').select(['participant_id', 'completed_on', 'form_version']).where('id', '=', id).executeTakeFirst();
    if (!before || before.participant_id !== participant.id) throw notFound('That assessment');
    if (before.completed_on) throw new AppError('CONFLICT', 'This assessment is complete and cannot be changed. Record a new assessment instead.');
    // The answers were checked against the version sent; they must be stored with that same version.
    if (before.form_version !== input.formVersion) {
      const message = `This draft was started on version ${before.form_version} of the form. Finish it on that version, or start a new assessment.`;
      throw new AppError('VALIDATION', message, { fields: { formVersion: message } });
    }
    const result = await db
      .updateTable('assessments')
      .set({ data: JSON.stringify(data), decision: input.decision, assessor_id: input.assessorId, completed_on: completedOn, version: (input.version ?? 0) + 1, updated_at: now })
      .where('id', '=', id)
      .where('version', '=', input.version ?? 0)
      .executeTakeFirst();
    assertUpdated(result, true, 'That assessment');
  } else {
    id = randomUUID();
    await db
      .insertInto('assessments')
      .values({
        id,
        participant_id: participant.id,
        form_version: input.formVersion,
        data: JSON.stringify(data),
        decision: input.decision,
        assessor_id: input.assessorId,
        completed_on: completedOn,
        version: 1,
        created_at: now,
        created_by: user.staffId,
        updated_at: now,
      })
      .execute();
  }
  if (input.complete && ['referred', 'awaiting_assessment', 'assessed'].includes(participant.status)) {
    // Suitable for group (or one-to-one) puts him on the waiting list at once, from the day of the
    // decision: nobody has to remember a second step, and his wait is counted from the right day.
    const suitable = SUITABLE.has(input.decision ?? '');
    const effectiveOn = completedOn ?? todayOf(ctx);
    await db
      .updateTable('participants')
      .set({ status: suitable ? 'waiting_list' : 'assessed', outcome: input.decision, version: participant.version + 1, updated_at: now })
      .where('id', '=', participant.id)
      .execute();
    const history = (status: 'assessed' | 'waiting_list', reason: string) => ({
      id: randomUUID(),
      participant_id: participant.id,
      status,
      outcome: status === 'assessed' ? input.decision : null,
      exit_reason: null,
      reason,
      effective_on: effectiveOn,
      changed_at: now,
      changed_by: user.staffId,
    });
    await db.insertInto('status_history').values(history('assessed', input.decisionReason)).execute();
    if (suitable) await db.insertInto('status_history').values(history('waiting_list', 'Assessed as suitable')).execute();
  }
  ctx.audit({
    action: input.id ? 'assessments.update' : 'assessments.add',
    subjectType: 'participant',
    subjectId: participant.id,
    detail: { fields: Object.keys(data), assessmentId: id, completed: input.complete },
  });
  return (await listAssessments(db, participant.id)).find((a) => a.id === id)!;
}
