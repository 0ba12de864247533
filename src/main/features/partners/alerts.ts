/**
 * Alerts from the programme side to the partner support service: an
 * unplanned absence, an exit, a rise in risk, the start or end of the
 * programme, a new partner disclosed. Each becomes a task for the worker of
 * each partner linked to him, current or ex (or for the service, if none is
 * linked yet), due the same day. Ex-partners are included whatever the
 * separation date: the time after separation is when the risk to her is
 * highest. The titles name only his reference: the wall holds both ways.
 */
import { partnerSideOpen } from './wall';
import type { PartnerAlert } from '../../../shared/features/partners';
import type { Db } from '../../ipc/context';
import { createSystemTasks, type SystemTask } from '../tasks/service';
import { fileFor, moveTaskBehindWall } from './shared-rows';

export const alertKinds = {
  absence: 'Unplanned absence',
  exit: 'He has left the programme',
  risk_raised: 'His risk has been raised',
  start: 'He has started the programme',
  end: 'He has completed the programme',
  new_partner: 'A new partner has been disclosed',
} as const;
export type AlertKind = keyof typeof alertKinds;

/**
 * `eventKey` names the event (a session, a status change) so the same event never raises the same alert twice.
 * `day` is the back end's clock (dayOf(ctx)): the alert is due that day and stamped then.
 */
export async function alertPartnerService(db: Db, participantId: string, kind: AlertKind, eventKey: string, detail: string, day: { today: string; now: string }): Promise<void> {
  await createSystemTasks(db, await partnerAlertTasks(db, [{ participantId, kind, eventKey, detail }], day), day.now);
}

export interface Alert {
  participantId: string;
  kind: AlertKind;
  eventKey: string;
  detail?: string;
}

/**
 * The tasks that alerts about several men raise, for the caller to raise with its own (createSystemTasks: one
 * look-up of the keys already raised). His reference and his partners are read once for all the men, not once
 * each (a register with several absences). `references`: those the caller has already read.
 */
export async function partnerAlertTasks(db: Db, alerts: readonly Alert[], day: { today: string; now: string }, references?: ReadonlyMap<string, string>): Promise<SystemTask[]> {
  if (alerts.length === 0) return [];
  const { today, now: createdAt } = day;
  const ids = [...new Set(alerts.map((a) => a.participantId))];
  const refs = new Map(references);
  const unknown = ids.filter((id) => !refs.has(id));
  if (unknown.length) {
    for (const man of await db.selectFrom('participants').select(['id', 'reference']).where('id', 'in', unknown).execute()) refs.set(man.id, man.reference);
  }
  // With the partner side closed (a facilitator's session) her record cannot be read: the alert waits for the
  // partner service as a whole, and becomes hers when the partner side next opens (partner-side.ts catchUpWaitingAlerts).
  const open = await partnerSideOpen(db);
  const known = ids.filter((id) => refs.has(id));
  const links =
    !open || known.length === 0
      ? []
    : await db
        .selectFrom('partner_links')
        .innerJoin('partners', 'partners.id', 'partner_links.partner_id')
        .select(['partner_links.participant_id', 'partners.id', 'partners.worker_id', 'partner_links.relationship', 'partner_links.to_date'])
        .where('partner_links.participant_id', 'in', known)
        .execute();
  const tasks: SystemTask[] = [];
  const exitRaised = new Set<string>();
  for (const { participantId, kind, eventKey, detail = '' } of alerts) {
    const reference = refs.get(participantId);
    if (reference === undefined) continue;
    const partners = links.filter((l) => l.participant_id === participantId);
    const targets = partners.length ? partners : [{ id: null, worker_id: null, relationship: 'current', to_date: '' }];
    for (const p of targets) {
      const ex = p.relationship === 'ex' || (p.to_date !== '' && p.to_date <= today);
      // Leaving his last group and then being recorded as exited is one event for her: one open exit alert is enough.
      if (kind === 'exit') {
        const target = `${participantId}:${p.id ?? 'none'}`;
        if (exitRaised.has(target) || (await openExitAlert(db, participantId, p.id))) continue;
        exitRaised.add(target);
      }
      tasks.push({
        sourceKey: `alert:${kind}:${eventKey}:${p.id ?? 'none'}`,
        kind: 'partner_alert',
        participantId,
        partnerId: p.id,
        title: p.id ? `${alertKinds[kind]} (${reference}): contact his ${ex ? 'ex-partner' : 'partner'}` : `${alertKinds[kind]} (${reference}): ${open ? 'no partner on record yet' : 'for the partner service'}`,
        detail,
        assigneeId: p.worker_id,
        assigneeRole: 'partner_worker',
        dueOn: today,
        urgent: kind === 'absence' || kind === 'exit' || kind === 'risk_raised',
        createdAt,
      });
    }
  }
  return tasks;
}

async function openExitAlert(db: Db, participantId: string, partnerId: string | null): Promise<boolean> {
  const row = await db
    .selectFrom('tasks')
    .select('id')
    .where('participant_id', '=', participantId)
    .where('kind', '=', 'partner_alert')
    .where('status', '=', 'open')
    .where('source_key', 'like', 'alert:exit:%')
    .where('partner_id', partnerId === null ? 'is' : '=', partnerId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Alerts raised while no partner of his was known wait for the service as a
 * whole; once a partner is linked to him they become hers, so they land in
 * her worker's list and on her record. `today` (the back end's clock) judges whether
 * their link has ended, so she is called his ex-partner.
 */
export async function attachWaitingAlerts(db: Db, participantId: string, partner: { id: string; workerId: string | null }, today: string): Promise<void> {
  const link = await db.selectFrom('partner_links').select(['relationship', 'to_date']).where('participant_id', '=', participantId).where('partner_id', '=', partner.id).executeTakeFirst();
  const ex = link ? link.relationship === 'ex' || (link.to_date !== '' && link.to_date <= today) : false;
  // Alerts with no partner yet are programme rows (db/partner-schema.ts PARTNER_ROWS): read the programme's table itself, not the view over both files.
  const waiting = await (await fileFor(db, false))
    .selectFrom('tasks')
    .select(['id', 'title', 'assignee_id'])
    .where('participant_id', '=', participantId)
    .where('kind', '=', 'partner_alert')
    .where('status', '=', 'open')
    .where('partner_id', 'is', null)
    .execute();
  for (const t of waiting) {
    // Written on the programme side (it could not know whose it was); now hers, so it moves behind the wall.
    await (await fileFor(db, false))
      .updateTable('tasks')
      .set({ partner_id: partner.id, title: t.title.replace(/: (no partner on record yet|for the partner service)$/, `: contact his ${ex ? 'ex-partner' : 'partner'}`), assignee_id: t.assignee_id ?? partner.workerId })
      .where('id', '=', t.id)
      .execute();
    await moveTaskBehindWall(db, t.id);
  }
}

/**
 * Her alerts as her record shows them: the open ones with the attempts made
 * so far, and the answered or closed ones (newest first) with the contact in
 * which she was spoken to.
 */
export async function alertsOf(db: Db, partnerId: string): Promise<{ open: PartnerAlert[]; answered: PartnerAlert[] }> {
  const tasks = await db
    .selectFrom('tasks')
    .select(['id', 'title', 'due_on', 'status', 'done_at', 'done_note'])
    .where('partner_id', '=', partnerId)
    .where('kind', '=', 'partner_alert')
    .orderBy('due_on')
    .execute();
  if (tasks.length === 0) return { open: [], answered: [] };
  const contacts = await db
    .selectFrom('partner_contacts')
    .select(['alert_task_id', 'at', 'outcome'])
    .where('partner_id', '=', partnerId)
    .where('alert_task_id', 'is not', null)
    .execute();
  const toAlert = (t: (typeof tasks)[number]): PartnerAlert => {
    const about = contacts.filter((c) => c.alert_task_id === t.id);
    const attempts = about.filter((c) => c.outcome !== 'spoke').map((c) => c.at).sort();
    const spoke = about.filter((c) => c.outcome === 'spoke').map((c) => c.at).sort();
    return {
      taskId: t.id,
      title: t.title,
      dueOn: t.due_on,
      attempts: attempts.length,
      lastAttemptAt: attempts.at(-1) ?? null,
      answeredAt: spoke[0] ?? null,
      closedAt: t.status === 'open' ? null : t.done_at,
      closedNote: t.status === 'open' ? '' : t.done_note,
    };
  };
  return {
    open: tasks.filter((t) => t.status === 'open').map(toAlert),
    answered: tasks
      .filter((t) => t.status !== 'open')
      .map(toAlert)
      .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''))
      .slice(0, 50),
  };
}
