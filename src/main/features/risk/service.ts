import { randomUUID } from 'node:crypto';
import type { RouteParsed } from '../../../shared/api';
import { dayOf, nowIso, todayOf } from '../../clock';
import { riskLevelLabels, riskRank, type RiskAssessment, type RiskLevel } from '../../../shared/features/risk';
import { AppError, notFound } from '../../app-error';
import type { Db, ServiceContext } from '../../ipc/context';
import { assertCanOpen } from '../participants/access';
import { createSystemTask, refreshTasksFor } from '../tasks/service';
import { alertPartnerService } from '../partners/alerts';

export async function listRisk(db: Db, participantId: string): Promise<RiskAssessment[]> {
  const rows = await db
    .selectFrom('risk_assessments')
    .leftJoin('staff', 'staff.id', 'risk_assessments.assessor_id')
    .selectAll('risk_assessments')
    .select('staff.full_name as assessor_name')
    .where('participant_id', '=', participantId)
    .orderBy('assessed_on', 'desc')
    .orderBy('risk_assessments.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    participantId: r.participant_id,
    level: r.level as RiskLevel,
    reasons: r.reasons,
    redFlags: JSON.parse(r.red_flags) as RiskAssessment['redFlags'],
    assessorId: r.assessor_id,
    assessorName: r.assessor_name,
    assessedOn: r.assessed_on,
    nextReviewOn: r.next_review_on,
    createdAt: r.created_at,
  }));
}

/** Records a risk rating. A rise from the previous rating raises a task for the managers, due today. */
export async function addRisk(ctx: ServiceContext, input: RouteParsed<'risk.add'>): Promise<RiskAssessment> {
  const { db, user } = ctx;
  const participant = await db.selectFrom('participants').select(['id', 'reference', 'date_of_birth']).where('id', '=', input.participantId).executeTakeFirst();
  if (!participant) throw notFound('That participant');
  await assertCanOpen(db, user, participant.id);
  if (input.assessedOn < participant.date_of_birth) {
    throw new AppError('VALIDATION', 'The date assessed cannot be before his date of birth.', { fields: { assessedOn: 'The date assessed cannot be before his date of birth' } });
  }
  const assessor = await db.selectFrom('staff').select('id').where('id', '=', input.assessorId).where('active', '=', 1).executeTakeFirst();
  if (!assessor) throw new AppError('VALIDATION', 'Choose an active member of staff as the assessor.', { fields: { assessorId: 'Choose an active member of staff' } });
  const previous = (await listRisk(db, participant.id))[0];
  const id = randomUUID();
  await db
    .insertInto('risk_assessments')
    .values({
      id,
      participant_id: participant.id,
      level: input.level,
      reasons: input.reasons,
      red_flags: JSON.stringify(input.redFlags),
      assessor_id: input.assessorId,
      assessed_on: input.assessedOn,
      next_review_on: input.nextReviewOn,
      created_at: nowIso(ctx),
      created_by: user.staffId,
    })
    .execute();
  const latest = (await listRisk(db, participant.id))[0]!;
  await db.updateTable('participants').set({ risk_level: latest.level }).where('id', '=', participant.id).execute();
  if (latest.id === id && previous && riskRank[input.level] > riskRank[previous.level]) {
    await createSystemTask(db, {
      sourceKey: `risk-raised:${id}`,
      kind: 'risk_raised',
      participantId: participant.id,
      title: `Risk raised from ${riskLevelLabels[previous.level].toLowerCase()} to ${riskLevelLabels[input.level].toLowerCase()} (${participant.reference})`,
      detail: 'Review the case: the risk rating has gone up.',
      assigneeRole: 'manager',
      dueOn: todayOf(ctx),
      urgent: input.level === 'high',
    }, nowIso(ctx));
    await alertPartnerService(db, participant.id, 'risk_raised', id, '', dayOf(ctx));
  }
  await refreshTasksFor(db, participant.id, todayOf(ctx), nowIso(ctx));
  ctx.audit({ action: 'risk.add', subjectType: 'participant', subjectId: participant.id, detail: { fields: Object.keys(input).filter((k) => k !== 'participantId') } });
  return latest.id === id ? latest : (await listRisk(db, participant.id)).find((r) => r.id === id)!;
}
