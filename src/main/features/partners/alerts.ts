/**
 * Alerts from the programme side to the partner support service: an
 * unplanned absence, an exit, a rise in risk, the start or end of the
 * programme, a new partner disclosed. Each becomes a task for the worker of
 * each partner linked to him (or for the service, if none is linked yet), due
 * the same day. The titles name only his reference: the wall holds both ways.
 */
import { todayInLondon } from '../../../shared/dates';
import type { Db } from '../../ipc/context';
import { createSystemTask } from '../tasks/service';

export const alertKinds = {
  absence: 'Unplanned absence',
  exit: 'He has left the programme',
  risk_raised: 'His risk has been raised',
  start: 'He has started the programme',
  end: 'He has completed the programme',
  new_partner: 'A new partner has been disclosed',
} as const;
export type AlertKind = keyof typeof alertKinds;

/** `eventKey` names the event (a session, a status change) so the same event never raises the same alert twice. */
export async function alertPartnerService(db: Db, participantId: string, kind: AlertKind, eventKey: string, detail = ''): Promise<void> {
  const today = todayInLondon();
  const man = await db.selectFrom('participants').select('reference').where('id', '=', participantId).executeTakeFirst();
  if (!man) return;
  const partners = await db
    .selectFrom('partner_links')
    .innerJoin('partners', 'partners.id', 'partner_links.partner_id')
    .select(['partners.id', 'partners.worker_id'])
    .where('partner_links.participant_id', '=', participantId)
    .where((eb) => eb.or([eb('partner_links.to_date', '=', ''), eb('partner_links.to_date', '>=', today)]))
    .execute();
  const title = `${alertKinds[kind]} (${man.reference}): contact his partner`;
  const targets = partners.length ? partners : [{ id: null, worker_id: null }];
  for (const p of targets) {
    await createSystemTask(db, {
      sourceKey: `alert:${kind}:${eventKey}:${p.id ?? 'none'}`,
      kind: 'partner_alert',
      participantId,
      partnerId: p.id,
      title: partners.length ? title : `${alertKinds[kind]} (${man.reference}): no partner on record yet`,
      detail,
      assigneeId: p.worker_id,
      assigneeRole: 'partner_worker',
      dueOn: today,
      urgent: kind === 'absence' || kind === 'exit' || kind === 'risk_raised',
    });
  }
}

/**
 * Alerts raised while no partner of his was known wait for the service as a
 * whole; once a partner is linked to him they become hers, so they land in
 * her worker's list and on her record.
 */
export async function attachWaitingAlerts(db: Db, participantId: string, partner: { id: string; workerId: string | null }): Promise<void> {
  const waiting = await db
    .selectFrom('tasks')
    .select(['id', 'title', 'assignee_id'])
    .where('participant_id', '=', participantId)
    .where('kind', '=', 'partner_alert')
    .where('status', '=', 'open')
    .where('partner_id', 'is', null)
    .execute();
  for (const t of waiting) {
    await db
      .updateTable('tasks')
      .set({ partner_id: partner.id, title: t.title.replace(/: no partner on record yet$/, ': contact his partner'), assignee_id: t.assignee_id ?? partner.workerId })
      .where('id', '=', t.id)
      .execute();
  }
}
