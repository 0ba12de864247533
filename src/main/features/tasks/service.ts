/**
 * Tasks. The program raises some itself (consent to review, risk review due,
 * risk raised, report due) with a source key, so each cause gives one task and
 * a task done is not raised again; people add others by hand.
 */
import { partnerSideOpen } from '../partners/wall';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { RouteParsed } from '../../../shared/api';
import { addDays } from '../../../shared/dates';
import { nowIso, todayOf } from '../../clock';
import { CONSENT_EXPIRY_WARNING_DAYS, consentRecipientLabels, type ConsentRecipient } from '../../../shared/features/consents';
import { closesByItself, partnerTaskKinds, type Task, type TaskKind, type TaskPage } from '../../../shared/features/tasks';
import { can } from '../../../shared/permissions';
import type { Role } from '../../../shared/permissions';
import { AppError, notFound } from '../../app-error';
import type { TasksTable } from '../../db/schema';
import type { Db, ServiceContext, Session } from '../../ipc/context';
import { assertCanOpen, openableRestricted } from '../participants/access';
import { flagsOf } from '../participants/flags';
import { fileFor, inEveryFile } from '../partners/shared-rows';

/** How far ahead a risk review or a report falls due before a task is raised. */
export const REVIEW_WARNING_DAYS = 14;

export interface SystemTask {
  sourceKey: string;
  kind: TaskKind;
  participantId: string | null;
  partnerId?: string | null;
  title: string;
  detail?: string;
  assigneeId?: string | null;
  assigneeRole?: Role | null;
  dueOn: string;
  urgent?: boolean;
  /** When raised, if not the batch's `now` (partner alerts keep the real clock). */
  createdAt?: string;
}

/** `now` stamps created_at: the back end's clock (nowIso(ctx), or the day's `now` at a log-in). */
export async function createSystemTask(db: Db, task: SystemTask, now: string): Promise<void> {
  await createSystemTasks(db, [task], now);
}

/**
 * The program's own tasks, each raised once: a source key already in either file is left alone.
 * Everything due is raised again at every log-in, so on a large charity's data thousands of keys
 * already exist; they are looked up in hundreds and only the new ones written, in multi-row
 * inserts (one insert per task took seconds at each log-in on ten years of records). `now` stamps
 * created_at: every caller in the program passes the back end's clock; the computer's is left only
 * for tests of the raising itself, which do not judge the time.
 */
export async function createSystemTasks(db: Db, tasks: readonly SystemTask[], now = new Date().toISOString()): Promise<void> {
  for (let i = 0; i < tasks.length; i += 500) {
    const chunk = tasks.slice(i, i + 500);
    const existing = await db.selectFrom('tasks').select('source_key').where('source_key', 'in', chunk.map((t) => t.sourceKey)).execute();
    const known = new Set(existing.map((r) => r.source_key));
    const fresh = chunk.filter((t) => !known.has(t.sourceKey) && known.add(t.sourceKey));
    // A task about her is partner-side: it is written in the partner file (partners/shared-rows.ts).
    for (const partnerSide of [false, true]) {
      const rows = fresh.filter((t) => !!t.partnerId === partnerSide);
      if (rows.length === 0) continue;
      await (await fileFor(db, partnerSide))
        .insertInto('tasks')
        .values(
          rows.map((task) => ({
            id: randomUUID(),
            participant_id: task.participantId,
            kind: task.kind,
            title: task.title,
            detail: task.detail ?? '',
            assignee_id: task.assigneeId ?? null,
            assignee_role: task.assigneeId ? null : (task.assigneeRole ?? 'manager'),
            due_on: task.dueOn,
            urgent: task.urgent ? 1 : 0,
            status: 'open',
            source_key: task.sourceKey,
            done_at: null,
            done_by: null,
            done_note: '',
            created_at: task.createdAt ?? now,
            created_by: null,
            partner_id: task.partnerId ?? null,
          })),
        )
        .onConflict((oc) => oc.column('source_key').doNothing())
        .execute();
    }
  }
}

/** Closes the program's own open tasks of a kind whose cause has gone (a consent withdrawn, a newer risk review). */
async function closeStale(db: Db, now: string, participantId: string | undefined, kind: TaskKind, keep: Set<string>, keepDueBefore?: string): Promise<void> {
  let query = db.selectFrom('tasks').select(['id', 'source_key']).where('status', '=', 'open').where('kind', '=', kind).where('source_key', 'is not', null);
  if (participantId) query = query.where('participant_id', '=', participantId);
  if (keepDueBefore) query = query.where('due_on', '>=', keepDueBefore);
  const open = await query.execute();
  const stale = open.filter((t) => !keep.has(t.source_key!)).map((t) => t.id);
  if (stale.length === 0) return;
  await inEveryFile(db, (file) =>
    file
      .updateTable('tasks')
      .set({ status: 'done', done_at: now, done_note: 'Closed by the program: no longer needed.' })
      .where('id', 'in', stale)
      .executeTakeFirst(),
  );
}

/**
 * Raises the tasks that dates call for: consents reaching their review date,
 * risk reviews and reports falling due. For one participant after a change,
 * or for everyone (participantId omitted) once a day (tasks/new-day.ts). `since`, the last day
 * raised for everyone, reaches the report window back over days nobody logged in. `today` and `now`
 * come from the back end's clock (todayOf(ctx), nowIso(ctx)): `now` stamps the tasks raised and closed.
 */
export async function refreshTasksFor(db: Db, participantId: string | undefined, today: string, now: string, since: string = today): Promise<void> {
  const only = <Q extends { where: (...a: never[]) => Q }>(q: Q, column: string): Q =>
    participantId ? (q.where as (c: string, op: string, v: string) => Q)(column, '=', participantId) : q;

  const consents = await only(
    db
      .selectFrom('consents')
      .innerJoin('participants', 'participants.id', 'consents.participant_id')
      .select(['consents.id', 'consents.participant_id', 'consents.recipient', 'consents.review_on', 'participants.reference', 'participants.key_worker_id'])
      .where('consents.withdrawn_on', 'is', null)
      .where('consents.review_on', '<=', addDays(today, CONSENT_EXPIRY_WARNING_DAYS))
      .where('participants.status', 'not in', ['completed', 'exited']),
    'consents.participant_id',
  ).execute();
  const consentKeys = new Set<string>();
  const due: SystemTask[] = [];
  for (const c of consents) {
    const key = `consent-review:${c.id}:${c.review_on}`;
    consentKeys.add(key);
    due.push({
      sourceKey: key,
      kind: 'consent_expiring',
      participantId: c.participant_id,
      title: `${c.review_on < today ? 'Consent has expired' : 'Consent is due for review'}: ${consentRecipientLabels[c.recipient as ConsentRecipient]} (${c.reference})`,
      detail: 'Review the consent with him and record it again, or record that it was withdrawn.',
      assigneeId: c.key_worker_id,
      assigneeRole: 'manager',
      dueOn: c.review_on,
    });
  }
  await createSystemTasks(db, due.splice(0), now);
  await closeStale(db, now, participantId, 'consent_expiring', consentKeys);

  // Only the latest risk rating's review date counts.
  const latestRisk = await only(
    db
      .selectFrom('risk_assessments as r')
      .innerJoin('participants', 'participants.id', 'r.participant_id')
      .select(['r.id', 'r.participant_id', 'r.next_review_on', 'participants.reference', 'participants.key_worker_id'])
      .where('participants.status', 'not in', ['completed', 'exited'])
      .where('r.next_review_on', '<=', addDays(today, REVIEW_WARNING_DAYS))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('risk_assessments as newer')
              .select(sql`1`.as('one'))
              .whereRef('newer.participant_id', '=', 'r.participant_id')
              .where((eb) => eb.or([eb('newer.assessed_on', '>', eb.ref('r.assessed_on')), eb.and([eb('newer.assessed_on', '=', eb.ref('r.assessed_on')), eb('newer.created_at', '>', eb.ref('r.created_at'))])])),
          ),
        ),
      ),
    'r.participant_id',
  ).execute();
  const riskKeys = new Set<string>();
  for (const r of latestRisk) {
    const key = `risk-review:${r.id}`;
    riskKeys.add(key);
    due.push({
      sourceKey: key,
      kind: 'review_due',
      participantId: r.participant_id,
      title: `Risk review due (${r.reference})`,
      assigneeId: r.key_worker_id,
      assigneeRole: 'manager',
      dueOn: r.next_review_on,
    });
  }
  await createSystemTasks(db, due.splice(0), now);
  await closeStale(db, now, participantId, 'review_due', riskKeys);

  const reports = await only(
    db
      .selectFrom('referrals')
      .innerJoin('participants', 'participants.id', 'referrals.participant_id')
      .select(['referrals.id', 'referrals.participant_id', 'referrals.report_due_date', 'participants.reference'])
      .where('referrals.report_due_date', 'is not', null)
      .where('referrals.report_due_date', '>=', addDays(since < today ? since : today, -30))
      .where('referrals.report_due_date', '<=', addDays(today, REVIEW_WARNING_DAYS))
      .where('participants.status', 'not in', ['completed', 'exited']),
    'referrals.participant_id',
  ).execute();
  const reportKeys = new Set<string>();
  for (const r of reports) {
    reportKeys.add(`report-due:${r.id}:${r.report_due_date}`);
    due.push({
      sourceKey: `report-due:${r.id}:${r.report_due_date}`,
      kind: 'report_due',
      participantId: r.participant_id,
      title: `Report due for the referrer (${r.reference})`,
      assigneeRole: 'manager',
      dueOn: r.report_due_date!,
    });
  }
  await createSystemTasks(db, due.splice(0), now);
  // A report due date that moved, or a case that ended: the old task is no longer needed. (Past
  // due dates stay open until someone marks the report done.)
  await closeStale(db, now, participantId, 'report_due', reportKeys, today);
}

/** The program's own open tasks for a man's key worker follow him to a new key worker. */
export async function reassignKeyWorkerTasks(db: Db, participantId: string, from: string | null, to: string | null): Promise<void> {
  // The program's own tasks about him are programme-side rows.
  let query = (await fileFor(db, false))
    .updateTable('tasks')
    .set(to ? { assignee_id: to, assignee_role: null } : { assignee_id: null, assignee_role: 'manager' })
    .where('participant_id', '=', participantId)
    .where('status', '=', 'open')
    .where('kind', 'in', ['consent_expiring', 'review_due']);
  query = from ? query.where('assignee_id', '=', from) : query.where('assignee_id', 'is', null);
  await query.execute();
}

type TaskRow = TasksTable & {
  reference: string | null;
  first_name: string | null;
  last_name: string | null;
  restricted: number | null;
  child_protection: number | null;
  risk_level: string | null;
  interpreter: number | null;
  high_profile: number | null;
  safeguarding_open: number | null;
  assignee_name: string | null;
  done_by_name: string | null;
};

const tasksQuery = (db: Db) =>
  db
    .selectFrom('tasks')
    .leftJoin('participants', 'participants.id', 'tasks.participant_id')
    .leftJoin('staff as assignee', 'assignee.id', 'tasks.assignee_id')
    .leftJoin('staff as doer', 'doer.id', 'tasks.done_by')
    .selectAll('tasks')
    .select([
      'participants.reference',
      'participants.first_name',
      'participants.last_name',
      'participants.restricted',
      'participants.child_protection',
      'participants.risk_level',
      'participants.interpreter',
      'participants.high_profile',
      'participants.safeguarding_open',
      'assignee.full_name as assignee_name',
      'doer.full_name as done_by_name',
    ]);

/** A task about a man on a restricted record, for staff not named on it: its wording is his record's. */
const RESTRICTED_TASK_TITLE = 'A task about a restricted record';

function toTask(row: TaskRow, canSeeName: boolean, today: string): Task {
  const hidden = row.restricted === 1 && !canSeeName;
  return {
    id: row.id,
    participantId: row.participant_id,
    participantReference: row.reference,
    participantName: canSeeName && row.first_name ? `${row.first_name} ${row.last_name}` : null,
    participantFlags: !row.participant_id ? [] : canSeeName ? flagsOf(row as Parameters<typeof flagsOf>[0]) : row.restricted === 1 ? ['restricted'] : [],
    kind: row.kind as TaskKind,
    title: hidden ? `${RESTRICTED_TASK_TITLE} (${row.reference})` : row.title,
    detail: hidden ? '' : row.detail,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    assigneeRole: row.assignee_role as Role | null,
    dueOn: row.due_on,
    urgent: row.urgent === 1,
    status: row.status as Task['status'],
    overdue: row.status === 'open' && row.due_on < today,
    doneAt: row.done_at,
    doneByName: row.done_by_name,
    doneNote: hidden && row.done_note ? 'Restricted record' : row.done_note,
    createdAt: row.created_at,
    createdById: row.created_by,
    partnerId: row.partner_id,
    lastAttempt: null,
  };
}

async function toTasks(db: Db, session: Session | null, rows: TaskRow[], today: string): Promise<Task[]> {
  const restricted = rows.filter((r) => r.restricted === 1).map((r) => r.participant_id!);
  const openable = session ? await openableRestricted(db, session, restricted) : new Set<string>();
  const seesCases = session ? readsCases(session.role) : false;
  const tasks = rows.map((r) => toTask(r, seesCases && (r.restricted !== 1 || openable.has(r.participant_id!)), today));
  // Open alerts for the partner service show that contact has been tried, not yet made.
  const alerts = tasks.filter((t) => t.kind === 'partner_alert' && t.status === 'open').map((t) => t.id);
  if (alerts.length && (await partnerSideOpen(db))) {
    const tries = await db.selectFrom('partner_contacts').select(['alert_task_id', 'at', 'outcome']).where('alert_task_id', 'in', alerts).orderBy('at').execute();
    for (const t of tasks) {
      const last = tries.filter((c) => c.alert_task_id === t.id).at(-1);
      if (last) t.lastAttempt = { at: last.at, outcome: last.outcome };
    }
  }
  return tasks;
}

/** Tasks about a partner stay behind the partner wall. */
const behindWall = (role: Role) => !can(role, 'partners.view');

/**
 * Tasks are open to every role (an administrator has backup reminders), but one about a
 * participant is part of his case record: only roles that may read case records see or add it.
 */
const readsCases = (role: Role) => can(role, 'participants.view');
const CASE_TASK_REFUSED = 'Tasks about a participant are part of his case record, which your role cannot see.';

export async function openTasksFor(db: Db, participantId: string, role: Role, today: string): Promise<Task[]> {
  let query = tasksQuery(db).where('tasks.participant_id', '=', participantId).where('tasks.status', '=', 'open');
  if (behindWall(role)) query = query.where('tasks.partner_id', 'is', null).where('tasks.kind', 'not in', [...partnerTaskKinds]);
  const rows = await query.orderBy('due_on').execute();
  return rows.map((r) => toTask(r, true, today));
}

export async function listTasks(ctx: ServiceContext, input: RouteParsed<'tasks.list'>): Promise<TaskPage> {
  const { db, user } = ctx;
  if (input.scope === 'all' && user.role !== 'manager') {
    throw new AppError('FORBIDDEN', 'Only managers can see everyone’s tasks.');
  }
  if (input.participantId && !readsCases(user.role)) throw new AppError('FORBIDDEN', CASE_TASK_REFUSED);
  if (input.participantId) await assertCanOpen(db, user, input.participantId);
  // The filter is on the tasks table alone, so the counts need no joins; only the page is joined.
  let filtered = db.selectFrom('tasks').where('tasks.status', '=', input.status);
  if (behindWall(user.role)) filtered = filtered.where('tasks.partner_id', 'is', null).where('tasks.kind', 'not in', [...partnerTaskKinds]);
  if (!readsCases(user.role)) filtered = filtered.where('tasks.participant_id', 'is', null);
  if (input.participantId) filtered = filtered.where('tasks.participant_id', '=', input.participantId);
  // About one man (his record's Tasks tab): everyone's tasks about him, for whoever may open his record.
  const mine = input.scope === 'mine' && !input.participantId;
  // Mine are those given to me and those given to my role and no one in particular. The two never
  // overlap, so each is counted on its own index (tasks_assignee, tasks_role) and the counts added:
  // counted through the OR, SQLite walks every open task (15 ms for a partner worker on 5,000 men).
  const parts = mine
    ? [filtered.where('tasks.assignee_id', '=', user.staffId), filtered.where('tasks.assignee_id', 'is', null).where('tasks.assignee_role', '=', user.role)]
    : [filtered];
  if (mine) {
    filtered = filtered.where((eb) =>
      eb.or([eb('tasks.assignee_id', '=', user.staffId), eb.and([eb('tasks.assignee_id', 'is', null), eb('tasks.assignee_role', '=', user.role)])]),
    );
  }
  const today = todayOf(ctx);
  const countOf = async (dueBefore: string | null) => {
    let n = 0;
    for (const part of parts) {
      const q = part.select((eb) => eb.fn.countAll<number>().as('n'));
      n += Number((await (dueBefore ? q.where('tasks.due_on', '<', dueBefore) : q).executeTakeFirstOrThrow()).n);
    }
    return { n };
  };
  const pageOf = (n: number) =>
    filtered
      .select('tasks.id')
      .orderBy(input.status === 'open' ? 'tasks.due_on' : 'tasks.done_at', input.status === 'open' ? 'asc' : 'desc')
      .orderBy('tasks.urgent', 'desc')
      .orderBy('tasks.id')
      .limit(input.pageSize)
      .offset((n - 1) * input.pageSize)
      .execute();
  const [total, overdue, asked] = await Promise.all([countOf(null), input.status === 'open' ? countOf(today) : Promise.resolve({ n: 0 }), pageOf(input.page)]);
  // Closing the last task on the last page leaves that page empty: the answer is the last page that has tasks.
  const lastPage = Math.max(1, Math.ceil(Number(total.n) / input.pageSize));
  const pageNumber = asked.length === 0 && input.page > lastPage ? lastPage : input.page;
  const page = pageNumber === input.page ? asked : await pageOf(pageNumber);
  const ids = page.map((r) => r.id);
  const rows = ids.length ? await tasksQuery(db).where('tasks.id', 'in', ids).execute() : [];
  const ordered = ids.map((id) => rows.find((r) => r.id === id)!);
  return { tasks: await toTasks(db, user, ordered, todayOf(ctx)), page: pageNumber, total: Number(total.n), overdue: Number(overdue.n) };
}

export async function addTask(ctx: ServiceContext, input: RouteParsed<'tasks.add'>): Promise<Task> {
  const { db, user } = ctx;
  if (input.participantId && !readsCases(user.role)) throw new AppError('FORBIDDEN', CASE_TASK_REFUSED);
  if (input.participantId) await assertCanOpen(db, user, input.participantId);
  if (input.assigneeId) {
    const staff = await db.selectFrom('staff').select('id').where('id', '=', input.assigneeId).where('active', '=', 1).executeTakeFirst();
    if (!staff) throw new AppError('VALIDATION', 'Choose an active member of staff.', { fields: { assigneeId: 'Choose an active member of staff' } });
  }
  const id = randomUUID();
  // A task added by hand names no partner: it is a programme-side row.
  await (await fileFor(db, false))
    .insertInto('tasks')
    .values({
      id,
      participant_id: input.participantId,
      kind: 'manual',
      title: input.title,
      detail: input.detail,
      assignee_id: input.assigneeId,
      assignee_role: input.assigneeId ? null : input.assigneeRole,
      due_on: input.dueOn,
      urgent: input.urgent ? 1 : 0,
      status: 'open',
      source_key: null,
      done_at: null,
      done_by: null,
      done_note: '',
      created_at: nowIso(ctx),
      created_by: user.staffId,
      partner_id: null,
    })
    .execute();
  ctx.audit({ action: 'tasks.add', subjectType: input.participantId ? 'participant' : 'task', subjectId: input.participantId ?? id, detail: { fields: Object.keys(input), taskId: id } });
  return (await toTasks(db, user, [await tasksQuery(db).where('tasks.id', '=', id).executeTakeFirstOrThrow()], todayOf(ctx)))[0]!;
}

/**
 * Whom a task's audit entry is about. A task about her is partner-side work: its entry goes to the
 * partner side's own audit chain (audit/audit.ts), never the programme's.
 */
function taskSubject(task: TasksTable): { subjectType: string; subjectId: string } {
  if (task.partner_id) return { subjectType: 'partner', subjectId: task.partner_id };
  return task.participant_id ? { subjectType: 'participant', subjectId: task.participant_id } : { subjectType: 'task', subjectId: task.id };
}

export async function completeTask(ctx: ServiceContext, input: RouteParsed<'tasks.complete'>): Promise<Task> {
  const { db, user } = ctx;
  const task = await db.selectFrom('tasks').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!task || (behindWall(user.role) && (task.partner_id || partnerTaskKinds.includes(task.kind as TaskKind)))) throw notFound('That task');
  if (task.participant_id && !readsCases(user.role)) throw new AppError('FORBIDDEN', CASE_TASK_REFUSED);
  if (task.participant_id) await assertCanOpen(db, user, task.participant_id);
  const mine = task.assignee_id === user.staffId || (!task.assignee_id && task.assignee_role === user.role) || task.created_by === user.staffId;
  if (!mine && user.role !== 'manager') throw new AppError('FORBIDDEN', 'This task is for someone else. Ask them, or a manager, to complete it.');
  if (task.status === 'done') throw new AppError('CONFLICT', 'This task has already been done.');
  if (closesByItself.includes(task.kind as TaskKind)) throw new AppError('VALIDATION', closesWhen[task.kind as keyof typeof closesWhen]);
  await (await fileFor(db, task.partner_id !== null))
    .updateTable('tasks')
    .set({ status: 'done', done_at: nowIso(ctx), done_by: user.staffId, done_note: input.note })
    .where('id', '=', input.id)
    .execute();
  ctx.audit({ action: 'tasks.complete', ...taskSubject(task), detail: { fields: ['status', 'doneNote'], taskId: task.id } });
  return (await toTasks(db, user, [await tasksQuery(db).where('tasks.id', '=', input.id).executeTakeFirstOrThrow()], todayOf(ctx)))[0]!;
}

/** How each task that carries risk closes, said when someone tries to close it by hand. */
const closesWhen = {
  review_due: 'This task closes by itself when a risk review is recorded on his record (Risk tab).',
  consent_expiring: 'This task closes by itself when the consent is reviewed and recorded again, or recorded as withdrawn (Consent tab).',
  report_due: 'This task closes by itself when a report for him is signed off (Reports tab).',
} as const;

/** Opens again a task closed by hand (for example closed by mistake); audited. The program's own closings stay. */
export async function reopenTask(ctx: ServiceContext, input: RouteParsed<'tasks.reopen'>): Promise<Task> {
  const { db, user } = ctx;
  const task = await db.selectFrom('tasks').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!task || (behindWall(user.role) && (task.partner_id || partnerTaskKinds.includes(task.kind as TaskKind)))) throw notFound('That task');
  if (task.participant_id && !readsCases(user.role)) throw new AppError('FORBIDDEN', CASE_TASK_REFUSED);
  if (task.participant_id) await assertCanOpen(db, user, task.participant_id);
  const mine = task.assignee_id === user.staffId || (!task.assignee_id && task.assignee_role === user.role) || task.created_by === user.staffId || task.done_by === user.staffId;
  if (!mine && user.role !== 'manager') throw new AppError('FORBIDDEN', 'This task is for someone else. Ask them, or a manager, to reopen it.');
  if (task.status !== 'done') throw new AppError('CONFLICT', 'This task is open already.');
  if (!task.done_by) throw new AppError('CONFLICT', 'The program closed this task itself because its cause has gone; it cannot be reopened.');
  // What it was closed with, and why it is open again, stay with the task.
  const closedOn = task.done_at ? new Date(task.done_at).toLocaleDateString('en-GB', { timeZone: 'Europe/London' }) : 'earlier';
  const history = `Closed ${closedOn} with the note: ${task.done_note || '(none)'}. Reopened by ${user.fullName}${input.reason ? `: ${input.reason}` : '.'}`;
  const detail = `${task.detail ? `${task.detail}\n\n` : ''}${history}`.slice(0, 5000);
  await (await fileFor(db, task.partner_id !== null)).updateTable('tasks').set({ status: 'open', done_at: null, done_by: null, done_note: '', detail }).where('id', '=', input.id).execute();
  ctx.audit({
    action: 'tasks.reopen',
    ...taskSubject(task),
    detail: { fields: ['status', ...(input.reason ? ['reason'] : [])], taskId: task.id },
  });
  return (await toTasks(db, user, [await tasksQuery(db).where('tasks.id', '=', input.id).executeTakeFirstOrThrow()], todayOf(ctx)))[0]!;
}

/** A report for him signed off: his report-due tasks are done. */
/** `now` (the back end's clock at sign-off) stamps them done. */
export async function closeReportDueTasks(db: Db, participantId: string, now: string): Promise<void> {
  await (await fileFor(db, false))
    .updateTable('tasks')
    .set({ status: 'done', done_at: now, done_note: 'Closed by the program: a report for him was signed off.' })
    .where('participant_id', '=', participantId)
    .where('kind', '=', 'report_due')
    .where('status', '=', 'open')
    .execute();
}


