/**
 * Recording a measure at a point, and what is due and recorded for one man or one woman.
 * His sets (his own view, the facilitators' rating) go to the programme database; her answers
 * go to the partner file and are read only in a session that has it open.
 */
import { nowIso } from '../../clock';
import { randomUUID } from 'node:crypto';
import {
  pointLabel,
  scales,
  type MeasureForm,
  type MeasureRecord,
  type MeasureSet,
  type MeasuresOverview,
  type RecordMeasureInput,
  type RecordStatus,
} from '../../../shared/features/outcomes';
import { AppError, invalidField, notFound } from '../../app-error';
import type { Db, ServiceContext } from '../../ipc/context';
import { assertCanOpen } from '../participants/access';
import { partnerSideOpen } from '../partners/wall';
import { closeOutcomeTask } from './due';
import { scoreColumns } from './stored-scores';
import { currentForm, formOf } from './forms';
import { allPoints, dueOn, followUpMonths, journeyOf, pointProblem, type Journey } from './journey';

export async function requirePartnerSide(db: Db): Promise<void> {
  if (!(await partnerSideOpen(db))) throw new AppError('FORBIDDEN', 'The partner side is not open for you.');
}

/** The items of a form for him: the rating's items are his programme's objectives. */
export function itemsFor(form: MeasureForm, j: Journey): Array<{ key: string; scale: keyof typeof scales; optional?: boolean }> {
  if (form.set === 'rating') return j.objectives.map((o) => ({ key: o.id, scale: 'progress' as const, optional: true }));
  return form.items;
}

function checkAnswers(form: MeasureForm, j: Journey, status: RecordStatus, answers: Record<string, number | null>): void {
  const items = itemsFor(form, j);
  const byKey = new Map(items.map((i) => [i.key, i]));
  for (const [key, value] of Object.entries(answers)) {
    const it = byKey.get(key);
    if (!it) throw invalidField(`answers.${key}`, 'This is not one of the measure’s questions');
    if (value === null) continue;
    const s: { min: number; max: number; labels?: readonly string[] } = scales[it.scale];
    if (!Number.isInteger(value) || value < s.min || value > s.max)
      throw invalidField(`answers.${key}`, `Choose an answer from ${s.labels ? s.labels.join(', ') : `${s.min} to ${s.max}`}`);
  }
  if (status !== 'recorded') return;
  if (form.set === 'rating' && items.length === 0)
    throw invalidField('answers', 'His programme has no objectives to rate him against yet. A manager adds them to the programme under Groups › Programmes');
  for (const it of items) if (!it.optional && (answers[it.key] ?? null) === null) throw invalidField(`answers.${it.key}`, 'Answer this question, or record the measure as declined');
  if (form.set === 'rating' && Object.values(answers).every((a) => a === null)) throw invalidField('answers', 'Rate his progress against at least one objective');
}

const toRecord = (set: MeasureSet, r: { id: string; participant_id: string; point: string; form_version: number; status: string; answers: string; recorded_on: string; note: string; full_name?: string | null }, partnerId: string | null): MeasureRecord => ({
  id: r.id,
  set,
  participantId: r.participant_id,
  partnerId,
  point: r.point,
  formVersion: r.form_version,
  status: r.status as RecordStatus,
  answers: JSON.parse(r.answers) as Record<string, number | null>,
  recordedOn: r.recorded_on,
  note: r.note,
  byName: r.full_name ?? null,
});

/** The day the partner service took her on in relation to him: her baseline's due date. */
async function linkedSince(db: Db, partnerId: string, participantId: string): Promise<string | null> {
  const link = await db.selectFrom('partner_links').select(['created_at']).where('partner_id', '=', partnerId).where('participant_id', '=', participantId).orderBy('created_at').executeTakeFirst();
  return link ? link.created_at.slice(0, 10) : null;
}

export async function recordMeasure(ctx: ServiceContext, input: RecordMeasureInput): Promise<MeasureRecord> {
  const { db, user } = ctx;
  const partnerSet = input.set === 'partner';
  if (partnerSet) await requirePartnerSide(db);
  else await assertCanOpen(db, user, input.participantId);
  const j = await journeyOf(db, input.participantId);
  if (!j) throw notFound('That participant');
  if (partnerSet) {
    const partner = await db.selectFrom('partners').select('id').where('id', '=', input.partnerId!).executeTakeFirst();
    if (!partner) throw notFound('That partner');
    if (!(await linkedSince(db, input.partnerId!, input.participantId))) throw invalidField('participantId', 'She is not linked to this man: choose the man whose programme she is followed for');
  }
  const form = await formOf(db, input.set, input.formVersion);
  if (!form) throw invalidField('formVersion', 'Unknown version of the measure');
  const latest = await currentForm(db, input.set);
  if (form.version !== latest.version) throw invalidField('formVersion', 'A newer wording of this measure is in use: reload and record it in that wording');
  const problem = pointProblem(j, input.point, input.recordedOn, await followUpMonths(db));
  if (problem) throw invalidField(problem.field, problem.message);
  checkAnswers(form, j, input.status, input.answers);

  const existing = partnerSet
    ? await db.selectFrom('partner_outcomes').select(['id', 'recorded_on']).where('partner_id', '=', input.partnerId!).where('participant_id', '=', input.participantId).where('point', '=', input.point).executeTakeFirst()
    : await db.selectFrom('outcome_records').select(['id', 'recorded_on']).where('participant_id', '=', input.participantId).where('set_name', '=', input.set).where('point', '=', input.point).executeTakeFirst();
  if (existing) {
    const when = existing.recorded_on.split('-').reverse().join('/');
    throw invalidField('point', input.point === 'baseline' ? `A baseline was already recorded on ${when}: there is only one baseline` : `This point was already recorded on ${when}`);
  }
  if (input.point !== 'baseline' && input.status === 'recorded') {
    // A later point is compared with the baseline: it cannot be dated before it.
    const base = partnerSet
      ? await db.selectFrom('partner_outcomes').select('recorded_on').where('partner_id', '=', input.partnerId!).where('participant_id', '=', input.participantId).where('point', '=', 'baseline').executeTakeFirst()
      : await db.selectFrom('outcome_records').select('recorded_on').where('participant_id', '=', input.participantId).where('set_name', '=', input.set).where('point', '=', 'baseline').executeTakeFirst();
    if (base && input.recordedOn < base.recorded_on) throw invalidField('recordedOn', `This point cannot be dated before the baseline (${base.recorded_on.split('-').reverse().join('/')})`);
  }

  const row = {
    id: randomUUID(),
    participant_id: input.participantId,
    point: input.point,
    form_version: form.version,
    status: input.status,
    answers: JSON.stringify(input.status === 'recorded' ? input.answers : {}),
    recorded_on: input.recordedOn,
    note: input.note,
    created_at: nowIso(ctx),
    created_by: user.staffId,
  };
  // Its scores and bands are stored with it (stored-scores.ts), for the outcomes page to count in SQL.
  const answers = input.status === 'recorded' ? input.answers : {};
  if (partnerSet) await db.insertInto('partner_outcomes').values({ ...row, ...scoreColumns('hers', input.set, input.status, answers), partner_id: input.partnerId! }).execute();
  else await db.insertInto('outcome_records').values({ ...row, ...scoreColumns('his', input.set, input.status, answers), set_name: input.set }).execute();
  await closeOutcomeTask(db, input.set, input.participantId, input.partnerId, input.point, j, row.created_at);
  ctx.audit({
    action: partnerSet ? 'outcomes.recordPartner' : 'outcomes.record',
    subjectType: partnerSet ? 'partner' : 'participant',
    subjectId: partnerSet ? input.partnerId! : input.participantId,
    detail: { set: input.set, point: input.point, status: input.status, fields: Object.keys(input.answers) },
  });
  return toRecord(input.set, row, input.partnerId);
}

/** For his record (his sets) or hers (her set, for one man she is linked to): each point, when due, and what was recorded. */
export async function measuresOverview(db: Db, participantId: string, partnerId: string | null): Promise<MeasuresOverview> {
  const j = await journeyOf(db, participantId);
  if (!j) throw notFound('That participant');
  const since = partnerId ? await linkedSince(db, partnerId, participantId) : null;
  if (partnerId && !since) throw invalidField('participantId', 'She is not linked to this man');
  const records: MeasureRecord[] = partnerId
    ? (
        await db.selectFrom('partner_outcomes').leftJoin('staff', 'staff.id', 'partner_outcomes.created_by').select(['partner_outcomes.id', 'participant_id', 'point', 'form_version', 'status', 'answers', 'recorded_on', 'note', 'staff.full_name']).where('partner_id', '=', partnerId).where('participant_id', '=', participantId).execute()
      ).map((r) => toRecord('partner', r, partnerId))
    : (
        await db.selectFrom('outcome_records').leftJoin('staff', 'staff.id', 'outcome_records.created_by').select(['outcome_records.id', 'participant_id', 'set_name', 'point', 'form_version', 'status', 'answers', 'recorded_on', 'note', 'staff.full_name']).where('participant_id', '=', participantId).execute()
      ).map((r) => toRecord(r.set_name as MeasureSet, r, null));
  const sets: MeasureSet[] = partnerId ? ['partner'] : ['participant', 'rating'];
  // Only this side's measures: his overview carries nothing of the partner set, not even its wording.
  const forms = Object.fromEntries(await Promise.all(sets.map(async (s) => [s, await currentForm(db, s)]))) as MeasuresOverview['forms'];
  const points = (await allPoints(db)).map((point) => ({
    point,
    label: pointLabel(point),
    dueOn: dueOn(j, point, since),
    records: records.filter((r) => r.point === point && sets.includes(r.set)),
  }));
  return { forms, objectives: j.objectives, points };
}
