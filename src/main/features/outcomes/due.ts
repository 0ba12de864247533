/**
 * Due outcome measures become tasks through the dated-task machinery (tasks/new-day.ts): once each
 * day on each side, every point falling due from 60 days ago to 14 days ahead that has
 * nothing recorded raises one task (its source key means a task closed is never raised again).
 * His points go to his key worker (or the facilitators); hers to her worker (or the partner
 * service), and only in a session with the partner file attached.
 */
import { addDays } from '../../../shared/dates';
import { followUpMonthsOf, pointLabel, type MeasureSet } from '../../../shared/features/outcomes';
import type { Db } from '../../ipc/context';
import { createSystemTasks, type SystemTask } from '../tasks/service';
import { everyFile, partnerAttached } from '../partners/shared-rows';
import { allPoints, dueOn, followUpMonths, type Journey } from './journey';

/** How far back a missed point still raises a task, and how far ahead one is shown. */
export const DUE_BACK_DAYS = 60;
export const DUE_AHEAD_DAYS = 14;

const hisKey = (participantId: string, point: string) => `outcome:${participantId}:${point}`;
const herKey = (partnerId: string, participantId: string, point: string) => `partner-outcome:${partnerId}:${participantId}:${point}`;

/**
 * The one place a task about her measures is raised. Kept small on purpose: where partner-side
 * tasks are stored may move behind the partner key (issue 13), and only this needs to follow.
 */
type PartnerOutcomeDue = { partnerId: string; partnerReference: string; workerId: string | null; participantId: string; point: string; dueOn: string };

function partnerOutcomeTask(t: PartnerOutcomeDue): SystemTask {
  return {
    sourceKey: herKey(t.partnerId, t.participantId, t.point),
    kind: 'partner_outcome_due',
    participantId: t.participantId,
    partnerId: t.partnerId,
    title: `Outcome measures with partner ${t.partnerReference}: ${pointLabel(t.point).toLowerCase()}`,
    detail: 'Ask her the short outcome questions (Outcomes tab of her record), or record that she declined or could not be reached.',
    assigneeId: t.workerId,
    assigneeRole: 'partner_worker',
    dueOn: t.dueOn,
  };
}

function hisTask(j: Journey, point: string, due: string): SystemTask {
  return {
    sourceKey: hisKey(j.participantId, point),
    kind: 'outcome_due',
    participantId: j.participantId,
    title: `Outcome measures due: ${pointLabel(point).toLowerCase()} (${j.reference})`,
    detail: 'Record his own view and the facilitators’ rating of his progress (Outcomes tab of his record), or record that he declined or could not be reached.',
    assigneeId: j.keyWorkerId,
    assigneeRole: 'facilitator',
    dueOn: due,
  };
}

/** Closes the point's task once it has been recorded (his: both his sets, or his view when his programme has no objectives), done at `now` (the back end's clock). */
export async function closeOutcomeTask(db: Db, set: MeasureSet, participantId: string, partnerId: string | null, point: string, j: Journey, now: string): Promise<void> {
  let key: string;
  if (set === 'partner') key = herKey(partnerId!, participantId, point);
  else {
    const done = await db.selectFrom('outcome_records').select('set_name').where('participant_id', '=', participantId).where('point', '=', point).execute();
    const needed: MeasureSet[] = j.objectives.length ? ['participant', 'rating'] : ['participant'];
    if (!needed.every((s) => done.some((d) => d.set_name === s))) return;
    key = hisKey(participantId, point);
  }
  // Her task is in the partner file, his in the programme's: the shared tasks table is a read-only view over both.
  for (const file of await everyFile(db)) {
    await file.updateTable('tasks').set({ status: 'done', done_at: now, done_note: 'Closed by the program: the measures were recorded.' }).where('source_key', '=', key).where('status', '=', 'open').execute();
  }
}

/** Everyone whose points may fall in the window, with their dates, read in a few queries (not one per man). */
async function candidates(db: Db, today: string, participantId?: string): Promise<Journey[]> {
  const longest = Math.max(0, ...(await followUpMonths(db)));
  const earliestEnd = addDays(today, -DUE_BACK_DAYS - 31 * longest);
  let query = db.selectFrom('participants').select(['id', 'reference', 'status', 'key_worker_id']);
  if (participantId) query = query.where('id', '=', participantId);
  const men = await query
    .where('anonymised_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'active'),
        eb.and([
          eb('status', 'in', ['completed', 'exited']),
          eb.exists(eb.selectFrom('status_history').select('status_history.id').whereRef('status_history.participant_id', '=', 'participants.id').where('status_history.status', 'in', ['completed', 'exited']).where('status_history.effective_on', '>=', earliestEnd)),
        ]),
      ]),
    )
    .execute();
  return journeysFor(db, men);
}

/** Each man's dates and programme, a few queries per 500 men. */
export async function journeysFor(db: Db, men: Array<{ id: string; reference: string; status: string; key_worker_id: string | null }>): Promise<Journey[]> {
  const out: Journey[] = [];
  for (let i = 0; i < men.length; i += 500) {
    const chunk = men.slice(i, i + 500);
    const ids = chunk.map((m) => m.id);
    const history = await db.selectFrom('status_history').select(['participant_id', 'status', 'effective_on']).where('participant_id', 'in', ids).where('status', 'in', ['active', 'completed', 'exited']).orderBy('effective_on').execute();
    const enrolments = await db
      .selectFrom('enrolments')
      .innerJoin('groups', 'groups.id', 'enrolments.group_id')
      .innerJoin('programme_types', 'programme_types.id', 'groups.programme_type_id')
      .select(['enrolments.participant_id', 'programme_types.sessions_count', 'programme_types.data'])
      .where('enrolments.participant_id', 'in', ids)
      .orderBy('enrolments.joined_on')
      .execute();
    for (const m of chunk) {
      const h = history.filter((x) => x.participant_id === m.id);
      const e = enrolments.filter((x) => x.participant_id === m.id).at(-1);
      out.push({
        participantId: m.id,
        reference: m.reference,
        status: m.status,
        keyWorkerId: m.key_worker_id,
        startedOn: h.find((x) => x.status === 'active')?.effective_on ?? null,
        endedOn: m.status === 'active' ? null : (h.filter((x) => x.status !== 'active').at(-1)?.effective_on ?? null),
        sessionsCount: e?.sessions_count ?? 26,
        objectives: e ? ((JSON.parse(e.data) as { objectives?: Journey['objectives'] }).objectives ?? []) : [],
      });
    }
  }
  return out;
}

/**
 * His points (programme side) and hers (partner side, only with the partner side open) are raised
 * apart: each side records its own day (tasks/new-day.ts). `since`, the last day that side was raised,
 * reaches the look-back over days nobody logged in.
 */
export async function raiseOutcomeTasks(db: Db, today: string, now: string, only: { his: boolean; hers: boolean; since?: string; participantId?: string } = { his: true, hers: true }): Promise<void> {
  const since = only.since && only.since < today ? only.since : today;
  const from = addDays(since, -DUE_BACK_DAYS);
  const to = addDays(today, DUE_AHEAD_DAYS);
  const inWindow = (d: string | null): d is string => d !== null && d >= from && d <= to;
  const points = await allPoints(db);
  const journeys = await candidates(db, since, only.participantId);
  const byId = new Map(journeys.map((j) => [j.participantId, j]));
  const ids = journeys.map((j) => j.participantId);
  if (only.his) {
    const recorded = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db.selectFrom('outcome_records').select(['participant_id', 'point']).where('participant_id', 'in', ids.slice(i, i + 500)).where('set_name', '=', 'participant').execute();
      for (const r of rows) recorded.add(hisKey(r.participant_id, r.point));
    }
    // Raised together: most are already there from an earlier day (tasks/service.ts createSystemTasks).
    const his: SystemTask[] = [];
    for (const j of journeys)
      for (const point of points) {
        const due = dueOn(j, point, null);
        if (inWindow(due) && !recorded.has(hisKey(j.participantId, point)) && (followUpMonthsOf(point) === null || j.endedOn)) his.push(hisTask(j, point, due));
      }
    await createSystemTasks(db, his, now);
  }

  // Her measures are kept only in the partner file (partner upgrade 3): a folder not converted yet has none to read.
  if (!only.hers || !(await partnerAttached(db))) return;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const links = await db
      .selectFrom('partner_links')
      .innerJoin('partners', 'partners.id', 'partner_links.partner_id')
      .select(['partner_links.partner_id', 'partner_links.participant_id', 'partner_links.created_at', 'partners.reference', 'partners.worker_id'])
      .where('partner_links.participant_id', 'in', chunk)
      .where('partners.anonymised_at', 'is', null)
      .execute();
    const done = new Set((await db.selectFrom('partner_outcomes').select(['partner_id', 'participant_id', 'point']).where('participant_id', 'in', chunk).execute()).map((r) => herKey(r.partner_id, r.participant_id, r.point)));
    const hers: SystemTask[] = [];
    for (const l of links) {
      const j = byId.get(l.participant_id)!;
      for (const point of points) {
        const due = dueOn(j, point, l.created_at.slice(0, 10));
        if (inWindow(due) && !done.has(herKey(l.partner_id, l.participant_id, point)))
          hers.push(partnerOutcomeTask({ partnerId: l.partner_id, partnerReference: l.reference, workerId: l.worker_id, participantId: l.participant_id, point, dueOn: due }));
      }
    }
    await createSystemTasks(db, hers, now);
  }
}

/**
 * One man's points, his and (with the partner side open) hers, raised at the change that moves them
 * (he starts, ends or joins a group; a partner is linked to him), not left for the next day's raising.
 */
export async function raiseOutcomeTasksFor(db: Db, participantId: string, today: string, now: string): Promise<void> {
  await raiseOutcomeTasks(db, today, now, { his: true, hers: true, participantId });
}
