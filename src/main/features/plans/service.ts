import type { RouteParsed } from '../../../shared/api';
import { planFields, planMinutes, type SessionPlan } from '../../../shared/features/plans';
import { AppError, invalidField, notFound } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db, ServiceContext } from '../../ipc/context';
import { assertUpdated } from '../participants/versioned';
import { getProgrammeType, getTemplate } from '../programmes/service';
import type { Objective } from '../../../shared/features/programmes';
import { getSessionRow } from '../groups/service';

type PlanData = Omit<SessionPlan, 'sessionId' | 'version' | 'totalMinutes' | 'sessionMinutes' | 'warnings' | 'updatedAt' | 'updatedByName' | 'objectiveChoices' | 'aimObjectives'>;

/** The objectives of the programme the session belongs to. */
async function objectivesFor(db: Db, groupId: string): Promise<Objective[]> {
  const group = await db.selectFrom('groups').select('programme_type_id').where('id', '=', groupId).executeTakeFirstOrThrow();
  return (await getProgrammeType(db, group.programme_type_id)).objectives;
}

function warningsFor(plan: PlanData, sessionMinutes: number): string[] {
  const total = planMinutes(plan.activities);
  const warnings: string[] = [];
  if (total > sessionMinutes) warnings.push(`The activities take ${total} minutes, longer than the ${sessionMinutes}-minute session.`);
  if (plan.activities.length > 0 && total < sessionMinutes - 30) warnings.push(`The activities take ${total} minutes, leaving ${sessionMinutes - total} minutes of the session unplanned.`);
  const unready = plan.materials.filter((m) => !m.ready).length;
  if (unready > 0) warnings.push(`${unready} material${unready === 1 ? ' is' : 's are'} not ticked as ready.`);
  return warnings;
}

export async function getPlan(db: Db, sessionId: string): Promise<SessionPlan | null> {
  const session = await getSessionRow(db, sessionId);
  const row = await db
    .selectFrom('session_plans')
    .leftJoin('staff', 'staff.id', 'session_plans.updated_by')
    .selectAll('session_plans')
    .select('staff.full_name')
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  if (!row) return null;
  const data = planFields.parse({ ...JSON.parse(row.data), status: row.status });
  const choices = await objectivesFor(db, session.group_id);
  const aimObjectives = data.aims.map((_, i) => {
    const id = data.objectiveIds[i];
    if (id) return choices.find((o) => o.id === id)?.text ?? 'an objective since removed from the programme';
    return data.objectives[i] ?? '';
  });
  return {
    ...data,
    objectiveChoices: choices,
    aimObjectives,
    sessionId,
    version: row.version,
    totalMinutes: planMinutes(data.activities),
    sessionMinutes: session.minutes,
    warnings: warningsFor(data, session.minutes),
    updatedAt: row.updated_at,
    updatedByName: row.full_name,
  };
}

async function writePlan(ctx: ServiceContext, sessionId: string, data: PlanData, version: number | null): Promise<void> {
  const { db, user } = ctx;
  const { status, ...rest } = data;
  const values = { status, data: JSON.stringify(rest), updated_at: nowIso(ctx), updated_by: user.staffId };
  if (version === null) {
    await db.insertInto('session_plans').values({ session_id: sessionId, version: 1, ...values }).execute();
  } else {
    const result = await db.updateTable('session_plans').set({ ...values, version: version + 1 }).where('session_id', '=', sessionId).where('version', '=', version).executeTakeFirst();
    assertUpdated(result, true, 'That plan');
  }
}

/** Starts a session's plan from a curriculum template, from another session's plan, or blank. */
export async function startPlan(ctx: ServiceContext, input: RouteParsed<'plans.start'>): Promise<SessionPlan> {
  const { db } = ctx;
  const session = await getSessionRow(db, input.sessionId);
  if (await db.selectFrom('session_plans').select('session_id').where('session_id', '=', session.id).executeTakeFirst()) {
    throw new AppError('CONFLICT', 'This session already has a plan. Open it to change it.');
  }
  let data: PlanData;
  if (input.from.kind === 'template') {
    const t = await getTemplate(db, input.from.templateId);
    data = { title: t.title, themeId: t.themeId, aims: t.aims, objectiveIds: [], objectives: [], activities: t.activities, materials: t.materials.map((item) => ({ item, ready: false })), notes: t.facilitatorNotes, status: 'draft' };
  } else if (input.from.kind === 'plan') {
    const earlier = await getPlan(db, input.from.sessionId);
    if (!earlier) throw notFound('That earlier plan');
    // The links carry over where the earlier plan's objectives are this programme's too.
    const choices = new Set((await objectivesFor(db, session.group_id)).map((o) => o.id));
    data = { title: earlier.title, themeId: earlier.themeId, aims: earlier.aims, objectiveIds: earlier.aims.map((_, i) => { const id = earlier.objectiveIds[i]; return id && choices.has(id) ? id : null; }), objectives: earlier.objectives, activities: earlier.activities, materials: earlier.materials.map((m) => ({ ...m, ready: false })), notes: earlier.notes, status: 'draft' };
  } else {
    const theme = session.theme_id ? await db.selectFrom('curriculum_themes').select('name').where('id', '=', session.theme_id).executeTakeFirst() : undefined;
    data = { title: theme ? `${theme.name}: session ${session.number}` : `Session ${session.number}`, themeId: session.theme_id, aims: [], objectiveIds: [], objectives: [], activities: [], materials: [], notes: '', status: 'draft' };
  }
  await writePlan(ctx, session.id, data, null);
  ctx.audit({ action: 'plans.start', subjectType: 'session', subjectId: session.id, detail: { from: input.from.kind } });
  return (await getPlan(db, session.id))!;
}

export async function savePlan(ctx: ServiceContext, input: RouteParsed<'plans.save'>): Promise<SessionPlan> {
  const { db } = ctx;
  const session = await getSessionRow(db, input.sessionId);
  const { sessionId: _s, version, ...data } = input;
  const total = planMinutes(data.activities);
  if (data.status === 'ready' && total > session.minutes) {
    throw invalidField('activities', `The activities take ${total} minutes but the session is ${session.minutes}. Shorten them before marking the plan ready.`);
  }
  if (data.objectiveIds.length > data.aims.length) throw invalidField('objectiveIds', 'Each objective goes with an aim');
  const choices = new Set((await objectivesFor(db, session.group_id)).map((o) => o.id));
  data.objectiveIds.forEach((id, i) => {
    if (id && !choices.has(id)) throw invalidField(`objectiveIds.${i}`, 'Choose one of the programme’s objectives');
  });
  const leads = [...new Set(data.activities.map((a) => a.leadId).filter((x): x is string => Boolean(x)))];
  if (leads.length) {
    const found = await db.selectFrom('staff').select('id').where('id', 'in', leads).execute();
    if (found.length !== leads.length) throw invalidField('activities', 'Choose staff to lead each part');
  }
  const exists = await db.selectFrom('session_plans').select('version').where('session_id', '=', session.id).executeTakeFirst();
  if (exists && version === null) throw new AppError('CONFLICT', 'This session already has a plan. Reload to see it.');
  await writePlan(ctx, session.id, data, exists ? version : null);
  ctx.audit({ action: 'plans.save', subjectType: 'session', subjectId: session.id, detail: { fields: Object.keys(data) } });
  return (await getPlan(db, session.id))!;
}
