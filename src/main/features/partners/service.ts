/**
 * Partners and ex-partners: records, links to the men, the contact log, the
 * risk checklist, the safety plan and MARAC/MAPPA. Every route here is behind
 * the partner wall (partners.view / partners.edit); the only thing that
 * crosses to the programme side is his partner_contact_status.
 */
import { dayOf, nowIso, todayOf } from '../../clock';
import { crossContactStatus } from './wall';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { partnerAttached } from './shared-rows';
import type { RouteParsed } from '../../../shared/api';
import {
  checklistKeys,
  contactStatuses,
  HIGH_RISK_THRESHOLD,
  maracInput,
  partnerDetailsSchema,
  type Checklist,
  type ContactLogEntry,
  type ContactStatus,
  type MaracReferral,
  type PartnerLink,
  type PartnerList,
  type PartnerRecord,
  type PartnerSummary,
  type RiskBand,
  type SafetyPlan,
  type SafetyPlanVersion,
  safetyPlanSections,
} from '../../../shared/features/partners';
import { AppError, invalidField, notFound } from '../../app-error';
import type { PartnersTable } from '../../db/schema';
import type { Db, ServiceContext, Session } from '../../ipc/context';
import { openableRestricted } from '../participants/access';
import { ftsQuery, indexText } from '../participants/search-index';
import { assertUpdated } from '../participants/versioned';
import { createSystemTask } from '../tasks/service';
import { raiseOutcomeTasksFor } from '../outcomes/due';
import { alertPartnerService, alertsOf, attachWaitingAlerts } from './alerts';
import { assertCanOpen } from '../participants/access';
import { checklistForm } from './checklist-forms';
import { refreshSafeguardingFlags } from '../safeguarding/service';
import { fileFor, inEveryFile } from './shared-rows';

/**
 * How contact with his partners stands, for the programme side (the best of them, or null when none
 * is linked), worked out on the partner side from her records (the partner file attached) and written
 * across to participants.partner_contact_status: the one thing that crosses the wall. His record reads
 * that column with his row.
 */
export async function partnerContactStatusFromLinks(db: Db, participantId: string): Promise<ContactStatus | null> {
  const rows = await db
    .selectFrom('partner_links')
    .innerJoin('partners', 'partners.id', 'partner_links.partner_id')
    .select('partners.contact_status')
    .where('partner_links.participant_id', '=', participantId)
    .execute();
  if (rows.length === 0) return null;
  const order: ContactStatus[] = ['in_contact', 'declined', 'unable', 'not_attempted'];
  return order.find((s) => rows.some((r) => r.contact_status === s)) ?? 'not_attempted';
}

/** `today` is the back end's clock (todayOf(ctx)): her reference carries its year. */
async function nextReference(db: Db, today: string): Promise<string> {
  const year = Number(today.slice(0, 4));
  // Partners count in their own series (W-), apart from the men's (P-), in the same counter table.
  const row = await db
    .insertInto('reference_counters')
    .values({ year: -year, last: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last: eb('reference_counters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `W-${year}-${String(row.last).padStart(4, '0')}`;
}

async function indexPartner(db: Db, id: string, reference: string, d: { firstName: string; lastName: string }) {
  await db.deleteFrom('partner_search').where('partner_id', '=', id).execute();
  await db.insertInto('partner_search').values({ partner_id: id, text: `${indexText(`${d.firstName} ${d.lastName}`)} ${indexText(reference)} ${reference.replace(/-/g, '').toLowerCase()}` }).execute();
}

async function getPartnerRow(db: Db, id: string): Promise<PartnersTable> {
  const row = await db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That partner');
  return row;
}

async function checkMan(db: Db, user: Session, participantId: string): Promise<void> {
  const man = await db.selectFrom('participants').select(['id', 'restricted']).where('id', '=', participantId).executeTakeFirst();
  if (!man) throw invalidField('link.participantId', 'Choose the man she is linked to');
  if (man.restricted === 1 && !(await openableRestricted(db, user, [man.id])).has(man.id)) {
    throw new AppError('FORBIDDEN', 'His record is restricted to named staff. Ask a manager.');
  }
}

async function linksOf(db: Db, user: Session, partnerIds: string[]): Promise<Map<string, PartnerLink[]>> {
  const map = new Map<string, PartnerLink[]>();
  if (partnerIds.length === 0) return map;
  const rows = await db
    .selectFrom('partner_links')
    .innerJoin('participants', 'participants.id', 'partner_links.participant_id')
    .select(['partner_links.id', 'partner_links.partner_id', 'partner_links.participant_id', 'partner_links.relationship', 'partner_links.from_date', 'partner_links.to_date', 'participants.reference', 'participants.first_name', 'participants.last_name', 'participants.restricted'])
    .where('partner_links.partner_id', 'in', partnerIds)
    .execute();
  const openable = await openableRestricted(db, user, rows.filter((r) => r.restricted === 1).map((r) => r.participant_id));
  for (const r of rows) {
    const list = map.get(r.partner_id) ?? [];
    list.push({
      id: r.id,
      participantId: r.participant_id,
      participantReference: r.reference,
      participantName: r.restricted !== 1 || openable.has(r.participant_id) ? `${r.first_name} ${r.last_name}` : null,
      relationship: r.relationship as PartnerLink['relationship'],
      from: r.from_date,
      to: r.to_date,
    });
    map.set(r.partner_id, list);
  }
  return map;
}

async function summaries(db: Db, user: Session, rows: PartnersTable[]): Promise<PartnerSummary[]> {
  const links = await linksOf(db, user, rows.map((r) => r.id));
  const workers = new Map((await db.selectFrom('staff').select(['id', 'full_name']).execute()).map((s) => [s.id, s.full_name]));
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    name: `${r.first_name} ${r.last_name}`,
    contactStatus: r.contact_status as ContactStatus,
    riskLevel: r.risk_level as RiskBand | null,
    workerName: r.worker_id ? (workers.get(r.worker_id) ?? null) : null,
    links: links.get(r.id) ?? [],
    nextContactDue: r.next_contact_due,
    openSafeguarding: r.safeguarding_open === 1,
  }));
}

export async function listPartners(db: Db, user: Session, input: RouteParsed<'partners.list'>): Promise<PartnerList> {
  let query = db.selectFrom('partners');
  if (input.contactStatus) query = query.where('contact_status', '=', input.contactStatus);
  if (input.risk === 'none') query = query.where('risk_level', 'is', null);
  else if (input.risk) query = query.where('risk_level', '=', input.risk);
  if (input.mine) query = query.where('worker_id', '=', user.staffId);
  if (input.openSafeguarding) query = query.where('safeguarding_open', '=', 1);
  const [total, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    // The id last, so two women with the same name keep their places from one page to the next.
    query
      .selectAll()
      .orderBy('last_name')
      .orderBy('first_name')
      .orderBy('id')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
  ]);
  return { rows: await summaries(db, user, rows), total: Number(total.n), page: input.page, pageSize: input.pageSize };
}

/** By her name or reference, or by the reference of a man she is linked to (never his name: the search is about her). */
export async function searchPartners(db: Db, user: Session, q: string): Promise<PartnerSummary[]> {
  const query = ftsQuery(q);
  if (!query) return [];
  const hits = await sql<{ partner_id: string }>`select partner_id from partner_search where partner_search match ${query} order by rank limit 20`.execute(db);
  // Found by his name, alias or reference as well as hers. Each side is queried on its own (no join across
  // the wall), and a restricted man she may not open is not used to find anyone.
  const men = await sql<{ participant_id: string }>`select participant_id from participant_search where participant_search match ${query} and kind in ('reference', 'name', 'alias') limit 40`.execute(db);
  const menIds = [...new Set(men.rows.map((m) => m.participant_id))];
  const restricted = menIds.length ? (await db.selectFrom('participants').select('id').where('id', 'in', menIds).where('restricted', '=', 1).execute()).map((r) => r.id) : [];
  const openable = await openableRestricted(db, user, restricted);
  const usable = menIds.filter((id) => !restricted.includes(id) || openable.has(id));
  const viaHim = usable.length ? await db.selectFrom('partner_links').select('partner_id').where('participant_id', 'in', usable).execute() : [];
  const ids = [...new Set([...hits.rows.map((h) => h.partner_id), ...viaHim.map((l) => l.partner_id)])].slice(0, 40);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('partners').selectAll().where('id', 'in', ids).execute();
  return summaries(db, user, ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is PartnersTable => Boolean(r)));
}

export async function partnersForParticipant(db: Db, user: Session, participantId: string): Promise<PartnerSummary[]> {
  const ids = (await db.selectFrom('partner_links').select('partner_id').where('participant_id', '=', participantId).execute()).map((r) => r.partner_id);
  if (ids.length === 0) return [];
  return summaries(db, user, await db.selectFrom('partners').selectAll().where('id', 'in', ids).execute());
}

function toChecklist(row: { id: string; form_version: number; data: string; complete: number; score: number; level: string | null; completed_on: string; created_at: string; full_name: string | null }): Checklist {
  const data = JSON.parse(row.data) as Pick<Checklist, 'answers' | 'raisedByJudgement' | 'raiseReason' | 'escalation' | 'repeatReferral' | 'notes' | 'scoreLevel'>;
  return { id: row.id, formVersion: row.form_version, ...data, completedOn: row.completed_on, complete: row.complete === 1, score: row.score, level: row.level as RiskBand | null, maracPrompt: row.level === 'high', byName: row.full_name, createdAt: row.created_at };
}

/** An earlier version as it was saved: a section added to the plan since then reads as empty. */
function planVersionData(data: string): Pick<SafetyPlanVersion, 'sections' | 'reviewOn'> {
  const saved = JSON.parse(data) as { sections?: Record<string, unknown>; reviewOn?: unknown };
  const sections = Object.fromEntries(safetyPlanSections.map((k) => [k, typeof saved.sections?.[k] === 'string' ? saved.sections[k] : ''])) as SafetyPlanVersion['sections'];
  return { sections, reviewOn: typeof saved.reviewOn === 'string' ? saved.reviewOn : '' };
}

export async function getPartnerRecord(db: Db, user: Session, id: string): Promise<PartnerRecord> {
  const row = await getPartnerRow(db, id);
  // The alert's title by its id in each file: a join on the shared tasks view (both files' rows,
  // db/partner-file.ts) cannot use an index and would read every task once per contact.
  const alertTitle = (await partnerAttached(db))
    ? sql<string | null>`coalesce((select title from main.tasks where id = partner_contacts.alert_task_id), (select title from partner.tasks where id = partner_contacts.alert_task_id))`
    : sql<string | null>`(select title from tasks where id = partner_contacts.alert_task_id)`;
  const [links, contacts, checklists, plan, history, referrals, alerts] = await Promise.all([
    linksOf(db, user, [id]),
    db
      .selectFrom('partner_contacts')
      .leftJoin('staff', 'staff.id', 'partner_contacts.created_by')
      .leftJoin('staff as marker', 'marker.id', 'partner_contacts.shared_by')
      .selectAll('partner_contacts')
      .select(['staff.full_name', 'marker.full_name as marker_name'])
      .select(alertTitle.as('alert_title'))
      .where('partner_contacts.partner_id', '=', id)
      .orderBy('at', 'desc')
      .execute(),
    db.selectFrom('partner_checklists').leftJoin('staff', 'staff.id', 'partner_checklists.created_by').selectAll('partner_checklists').select('staff.full_name').where('partner_id', '=', id).orderBy('partner_checklists.created_at', 'desc').execute(),
    db.selectFrom('safety_plans').leftJoin('staff', 'staff.id', 'safety_plans.updated_by').selectAll('safety_plans').select('staff.full_name').where('partner_id', '=', id).executeTakeFirst(),
    db.selectFrom('safety_plan_history').leftJoin('staff', 'staff.id', 'safety_plan_history.by').select(['safety_plan_history.version', 'safety_plan_history.at', 'safety_plan_history.data', 'staff.full_name']).where('partner_id', '=', id).orderBy('version', 'desc').execute(),
    db.selectFrom('marac_referrals').leftJoin('staff', 'staff.id', 'marac_referrals.created_by').selectAll('marac_referrals').select('staff.full_name').where('partner_id', '=', id).orderBy('referred_on', 'desc').execute(),
    alertsOf(db, id),
  ]);
  return {
    id: row.id,
    openSafeguarding: row.safeguarding_open === 1,
    reference: row.reference,
    version: row.version,
    details: partnerDetailsSchema.parse(JSON.parse(row.details)),
    contactStatus: row.contact_status as ContactStatus,
    links: links.get(id) ?? [],
    contacts: contacts.map(
      (c): ContactLogEntry => ({
        id: c.id,
        at: c.at,
        method: c.method as ContactLogEntry['method'],
        outcome: c.outcome as ContactLogEntry['outcome'],
        notes: c.notes,
        nextContactDue: c.next_contact_due,
        byName: c.full_name,
        alert: c.alert_task_id ? { taskId: c.alert_task_id, title: c.alert_title ?? '' } : null,
        safeToShare: c.share_summary ? { summary: c.share_summary, byName: c.marker_name, at: c.shared_at ?? '' } : null,
      }),
    ),
    checklists: checklists.map(toChecklist),
    safetyPlan: plan
      ? { partnerId: id, version: plan.version, sections: JSON.parse(plan.data) as SafetyPlan['sections'], reviewOn: plan.review_on, updatedAt: plan.updated_at, byName: plan.full_name, history: history.map((h) => ({ version: h.version, at: h.at, byName: h.full_name, ...planVersionData(h.data) })) }
      : null,
    referrals: referrals.map((r) => ({ ...maracInput.parse({ ...JSON.parse(r.data), partnerId: id, kind: r.kind, referredOn: r.referred_on, status: r.status }), id: r.id, version: r.version, byName: r.full_name })),
    openAlerts: alerts.open,
    answeredAlerts: alerts.answered,
  };
}

export async function createPartner(ctx: ServiceContext, input: RouteParsed<'partners.create'>) {
  const { db, user } = ctx;
  await checkMan(db, user, input.link.participantId);
  const id = randomUUID();
  const reference = await nextReference(db, todayOf(ctx));
  await db
    .insertInto('partners')
    .values({ id, reference, first_name: input.details.firstName, last_name: input.details.lastName, details: JSON.stringify(input.details), worker_id: input.details.workerId, contact_status: 'not_attempted', risk_level: null, next_contact_due: null, safeguarding_open: 0, version: 1, created_at: nowIso(ctx), created_by: user.staffId, updated_at: nowIso(ctx) })
    .execute();
  await db.insertInto('partner_links').values({ id: randomUUID(), partner_id: id, participant_id: input.link.participantId, relationship: input.link.relationship, from_date: input.link.from, to_date: input.link.to, created_at: nowIso(ctx) }).execute();
  await indexPartner(db, id, reference, input.details);
  await attachWaitingAlerts(db, input.link.participantId, { id, workerId: input.details.workerId }, todayOf(ctx));
  await crossContactStatus(db, id);
  // Contact starts as soon as he is assessed: the first attempt is due today.
  await createSystemTask(db, { sourceKey: `partner-first-contact:${id}`, kind: 'partner_contact_due', participantId: input.link.participantId, partnerId: id, title: `First contact with partner ${reference}`, assigneeId: input.details.workerId, assigneeRole: 'partner_worker', dueOn: todayOf(ctx) }, nowIso(ctx));
  // Her outcome points that already fall due (he is under way) are raised now, not at the next day's raising.
  await raiseOutcomeTasksFor(db, input.link.participantId, todayOf(ctx), nowIso(ctx));
  ctx.audit({ action: 'partners.create', subjectType: 'partner', subjectId: id, detail: { fields: Object.keys(input.details), linkedTo: input.link.participantId } });
  return { id, reference };
}

export async function updatePartner(ctx: ServiceContext, input: RouteParsed<'partners.update'>) {
  const { db, user } = ctx;
  const before = await getPartnerRow(db, input.id);
  const result = await db
    .updateTable('partners')
    .set({ first_name: input.details.firstName, last_name: input.details.lastName, details: JSON.stringify(input.details), worker_id: input.details.workerId, version: input.version + 1, updated_at: nowIso(ctx) })
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .executeTakeFirst();
  assertUpdated(result, true, 'That partner');
  await indexPartner(db, before.id, before.reference, input.details);
  // Her new worker takes over what was waiting for the old one, or for any partner worker; a task
  // given to a named colleague, or to the managers, stays where it is. A task is for a person
  // (assignee_id, no role) or for a role (no person): with no new worker they go back to the role.
  let tasksMoved: number | undefined;
  if (before.worker_id !== input.details.workerId) {
    const oldWorker = before.worker_id;
    // Tasks about her are partner-side rows (partners/shared-rows.ts).
    const moved = await (await fileFor(db, true))
      .updateTable('tasks')
      .set(input.details.workerId ? { assignee_id: input.details.workerId, assignee_role: null } : { assignee_id: null, assignee_role: 'partner_worker' })
      .where('partner_id', '=', before.id)
      .where('status', '=', 'open')
      .where((eb) => {
        const forTheRole = eb.and([eb('assignee_id', 'is', null), eb('assignee_role', '=', 'partner_worker')]);
        return oldWorker ? eb.or([eb('assignee_id', '=', oldWorker), forTheRole]) : forTheRole;
      })
      .executeTakeFirst();
    tasksMoved = Number(moved.numUpdatedRows);
  }
  const old = JSON.parse(before.details) as Record<string, unknown>;
  const fields = Object.keys(input.details).filter((k) => JSON.stringify(old[k]) !== JSON.stringify(input.details[k as keyof typeof input.details]));
  ctx.audit({ action: 'partners.update', subjectType: 'partner', subjectId: input.id, detail: tasksMoved === undefined ? { fields } : { fields, tasksMoved } });
  return getPartnerRecord(db, user, input.id);
}

export async function linkPartner(ctx: ServiceContext, input: RouteParsed<'partners.link'>) {
  const { db, user } = ctx;
  await getPartnerRow(db, input.partnerId);
  await checkMan(db, user, input.link.participantId);
  const existing = await db.selectFrom('partner_links').select('id').where('partner_id', '=', input.partnerId).where('participant_id', '=', input.link.participantId).executeTakeFirst();
  if (existing) throw new AppError('CONFLICT', 'She is already linked to him.');
  await db.insertInto('partner_links').values({ id: randomUUID(), partner_id: input.partnerId, participant_id: input.link.participantId, relationship: input.link.relationship, from_date: input.link.from, to_date: input.link.to, created_at: nowIso(ctx) }).execute();
  await refreshSafeguardingFlags(db, [input.link.participantId], [input.partnerId]);
  const linked = await getPartnerRow(db, input.partnerId);
  await attachWaitingAlerts(db, input.link.participantId, { id: linked.id, workerId: linked.worker_id }, todayOf(ctx));
  await crossContactStatus(db, input.partnerId);
  await raiseOutcomeTasksFor(db, input.link.participantId, todayOf(ctx), nowIso(ctx));
  ctx.audit({ action: 'partners.link', subjectType: 'partner', subjectId: input.partnerId, detail: { fields: ['link'], linkedTo: input.link.participantId } });
  return getPartnerRecord(db, user, input.partnerId);
}

export async function updateLink(ctx: ServiceContext, input: RouteParsed<'partners.updateLink'>) {
  const { db, user } = ctx;
  const before = await db.selectFrom('partner_links').selectAll().where('id', '=', input.linkId).where('partner_id', '=', input.partnerId).executeTakeFirst();
  if (!before) throw notFound('That link');
  await checkMan(db, user, before.participant_id);
  await db.updateTable('partner_links').set({ relationship: input.relationship, from_date: input.from, to_date: input.to }).where('id', '=', before.id).execute();
  const changed = ([['relationship', before.relationship, input.relationship], ['from', before.from_date, input.from], ['to', before.to_date, input.to]] as const).filter(([, a, b]) => a !== b).map(([k]) => k);
  ctx.audit({ action: 'partners.updateLink', subjectType: 'partner', subjectId: input.partnerId, detail: { fields: changed, linkedTo: before.participant_id } });
  return getPartnerRecord(db, user, input.partnerId);
}

const statusAfter: Record<string, ContactStatus> = { spoke: 'in_contact', declined: 'declined' };

export async function logContact(ctx: ServiceContext, input: RouteParsed<'partners.logContact'>) {
  const { db, user } = ctx;
  const partner = await getPartnerRow(db, input.partnerId);
  if (input.alertTaskId) {
    const alert = await db.selectFrom('tasks').select('id').where('id', '=', input.alertTaskId).where('partner_id', '=', partner.id).where('kind', '=', 'partner_alert').where('status', '=', 'open').executeTakeFirst();
    if (!alert) throw invalidField('alertTaskId', 'Choose one of her open alerts, or nothing in particular');
  }
  const id = randomUUID();
  await db
    .insertInto('partner_contacts')
    .values({ id, partner_id: partner.id, at: input.at, method: input.method, outcome: input.outcome, notes: input.notes, next_contact_due: input.nextContactDue, created_at: nowIso(ctx), created_by: user.staffId, alert_task_id: input.alertTaskId, share_summary: '', shared_by: null, shared_at: null })
    .execute();
  // Three unanswered attempts in a row, with no contact ever made: unable to contact (the worker can still try again).
  const recent = await db.selectFrom('partner_contacts').select('outcome').where('partner_id', '=', partner.id).orderBy('at', 'desc').limit(3).execute();
  let status = (statusAfter[input.outcome] ?? partner.contact_status) as ContactStatus;
  if (partner.contact_status !== 'in_contact' && recent.length === 3 && recent.every((r) => r.outcome === 'no_answer' || r.outcome === 'message_left')) status = 'unable';
  if (!contactStatuses.includes(status)) status = 'not_attempted';
  await db.updateTable('partners').set({ contact_status: status, next_contact_due: input.nextContactDue || null, updated_at: nowIso(ctx) }).where('id', '=', partner.id).execute();
  await crossContactStatus(db, partner.id);
  // An alert is answered only when she was spoken to; any other outcome is an attempt, and the alert stays open.
  // A contact that was due is done by any attempt: the next one is set by this entry.
  const done = { status: 'done', done_at: nowIso(ctx), done_by: user.staffId };
  if (input.alertTaskId && input.outcome === 'spoke') {
    await inEveryFile(db, (file) => file.updateTable('tasks').set({ ...done, done_note: 'Contact made: spoke with her' }).where('id', '=', input.alertTaskId!).where('status', '=', 'open').executeTakeFirst());
  }
  await (await fileFor(db, true)).updateTable('tasks').set({ ...done, done_note: `Contact logged: ${input.outcome.replace('_', ' ')}` }).where('partner_id', '=', partner.id).where('kind', '=', 'partner_contact_due').where('status', '=', 'open').execute();
  if (input.nextContactDue) {
    const man = await db.selectFrom('partner_links').select('participant_id').where('partner_id', '=', partner.id).executeTakeFirst();
    await createSystemTask(db, { sourceKey: `partner-contact:${partner.id}:${input.nextContactDue}`, kind: 'partner_contact_due', participantId: man?.participant_id ?? null, partnerId: partner.id, title: `Contact partner ${partner.reference}`, assigneeId: partner.worker_id, assigneeRole: 'partner_worker', dueOn: input.nextContactDue }, nowIso(ctx));
  }
  ctx.audit({ action: 'partners.logContact', subjectType: 'partner', subjectId: partner.id, detail: { fields: ['at', 'method', 'outcome', 'notes', 'nextContactDue', 'alertTaskId'], contactId: id, alertTaskId: input.alertTaskId } });
  return getPartnerRecord(db, user, partner.id);
}

/**
 * Scores the checklist: the number of "yes" answers; at the threshold or
 * above, high risk. Incomplete: kept, with no level. Professional judgement
 * raises (never lowers) the level.
 */
export function scoreChecklist(answers: Record<string, string | null>, raiseToHigh: boolean) {
  // Every version of the form has the same questions and threshold: only the wording differs.
  const complete = checklistKeys.every((k) => answers[k] != null);
  const score = checklistKeys.filter((k) => answers[k] === 'yes').length;
  const scoreLevel: RiskBand | null = complete ? (score >= HIGH_RISK_THRESHOLD ? 'high' : 'standard') : null;
  const level: RiskBand | null = scoreLevel === null ? null : raiseToHigh ? 'high' : scoreLevel;
  return { complete, score, scoreLevel, level, raisedByJudgement: complete && raiseToHigh && scoreLevel !== 'high' };
}

export async function saveChecklist(ctx: ServiceContext, input: RouteParsed<'partners.saveChecklist'>): Promise<Checklist> {
  const { db, user } = ctx;
  const partner = await getPartnerRow(db, input.partnerId);
  // Continuing one saved part-way: only hers, and only while it is unfinished (a scored checklist is history).
  const resumed = input.id ? await db.selectFrom('partner_checklists').select(['id', 'partner_id', 'complete', 'form_version', 'data', 'completed_on']).where('id', '=', input.id).executeTakeFirst() : undefined;
  if (input.id) {
    if (!resumed || resumed.partner_id !== partner.id) throw invalidField('id', 'That checklist is not one of hers: reload her record and continue one of her own, or start a new checklist');
    if (resumed.complete === 1) throw invalidField('id', 'That checklist is already complete and cannot be changed: start a new checklist instead');
    if (resumed.form_version !== input.formVersion) throw invalidField('formVersion', `That checklist was started with wording version ${resumed.form_version}: continue it with the same wording`);
  }
  if (!(await checklistForm(db, input.formVersion))) throw invalidField('formVersion', 'Unknown version of the checklist: reload the page and start again');
  const scored = scoreChecklist(input.answers, input.raiseToHigh);
  if (input.raiseToHigh && !scored.complete) {
    throw invalidField('raiseToHigh', 'Answer every question first: an incomplete checklist has no level to raise');
  }
  const data = { answers: input.answers, raisedByJudgement: scored.raisedByJudgement, raiseReason: input.raiseReason, escalation: input.escalation, repeatReferral: input.repeatReferral, notes: input.notes, scoreLevel: scored.scoreLevel };
  const values = { data: JSON.stringify(data), complete: scored.complete ? 1 : 0, score: scored.score, level: scored.level, completed_on: input.completedOn };
  let id: string;
  if (resumed) {
    id = resumed.id;
    const result = await db.updateTable('partner_checklists').set(values).where('id', '=', id).where('complete', '=', 0).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw invalidField('id', 'That checklist is already complete and cannot be changed: start a new checklist instead');
  } else {
    id = randomUUID();
    await db.insertInto('partner_checklists').values({ id, partner_id: partner.id, form_version: input.formVersion, ...values, created_at: nowIso(ctx), created_by: user.staffId }).execute();
  }
  if (scored.level) {
    // Her level is her newest scored checklist's: finishing an older one later must not override a newer one.
    const newest = await db.selectFrom('partner_checklists').select('level').where('partner_id', '=', partner.id).where('level', 'is not', null).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    await db.updateTable('partners').set({ risk_level: newest?.level ?? scored.level, updated_at: nowIso(ctx) }).where('id', '=', partner.id).execute();
  }
  if (resumed) {
    const before = JSON.parse(resumed.data) as Record<string, unknown>;
    const changed = ['answers', 'raiseReason', 'escalation', 'repeatReferral', 'notes'].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(data[k as keyof typeof data]));
    if (input.raiseToHigh) changed.push('raiseToHigh');
    if (resumed.completed_on !== input.completedOn) changed.push('completedOn');
    ctx.audit({ action: 'partners.updateChecklist', subjectType: 'partner', subjectId: partner.id, detail: { fields: changed, checklistId: id, complete: scored.complete } });
  } else {
    ctx.audit({ action: 'partners.saveChecklist', subjectType: 'partner', subjectId: partner.id, detail: { fields: ['answers', 'raiseToHigh', 'escalation', 'repeatReferral', 'notes'], complete: scored.complete } });
  }
  const row = await db.selectFrom('partner_checklists').leftJoin('staff', 'staff.id', 'partner_checklists.created_by').selectAll('partner_checklists').select('staff.full_name').where('partner_checklists.id', '=', id).executeTakeFirstOrThrow();
  return toChecklist(row);
}

export async function saveSafetyPlan(ctx: ServiceContext, input: RouteParsed<'partners.saveSafetyPlan'>): Promise<SafetyPlan> {
  const { db, user } = ctx;
  await getPartnerRow(db, input.partnerId);
  const current = await db.selectFrom('safety_plans').selectAll().where('partner_id', '=', input.partnerId).executeTakeFirst();
  if ((current?.version ?? 0) !== input.version) throw new AppError('CONFLICT', 'Someone else changed the safety plan after you opened it. Reload to see the latest, then make your change again.');
  if (current) {
    await db.insertInto('safety_plan_history').values({ id: randomUUID(), partner_id: input.partnerId, version: current.version, data: JSON.stringify({ sections: JSON.parse(current.data), reviewOn: current.review_on }), at: current.updated_at, by: current.updated_by }).execute();
    await db.updateTable('safety_plans').set({ data: JSON.stringify(input.sections), review_on: input.reviewOn, version: input.version + 1, updated_at: nowIso(ctx), updated_by: user.staffId }).where('partner_id', '=', input.partnerId).execute();
  } else {
    await db.insertInto('safety_plans').values({ partner_id: input.partnerId, data: JSON.stringify(input.sections), review_on: input.reviewOn, version: 1, updated_at: nowIso(ctx), updated_by: user.staffId }).execute();
  }
  ctx.audit({ action: 'partners.saveSafetyPlan', subjectType: 'partner', subjectId: input.partnerId, detail: { fields: [...Object.keys(input.sections), 'reviewOn'] } });
  return (await getPartnerRecord(db, user, input.partnerId)).safetyPlan!;
}

export async function saveReferral(ctx: ServiceContext, input: RouteParsed<'partners.saveReferral'>): Promise<MaracReferral> {
  const { db, user } = ctx;
  await getPartnerRow(db, input.partnerId);
  const data = JSON.stringify({ reasons: input.reasons, meetingDates: input.meetingDates, actions: input.actions, outcome: input.outcome });
  let id = input.id;
  if (id) {
    const result = await db.updateTable('marac_referrals').set({ kind: input.kind, referred_on: input.referredOn, data, status: input.status, version: (input.version ?? 0) + 1 }).where('id', '=', id).where('partner_id', '=', input.partnerId).where('version', '=', input.version ?? 0).executeTakeFirst();
    const exists = await db.selectFrom('marac_referrals').select('id').where('id', '=', id).executeTakeFirst();
    assertUpdated(result, Boolean(exists), 'That referral');
  } else {
    id = randomUUID();
    await db.insertInto('marac_referrals').values({ id, partner_id: input.partnerId, kind: input.kind, referred_on: input.referredOn, data, status: input.status, version: 1, created_at: nowIso(ctx), created_by: user.staffId }).execute();
  }
  ctx.audit({ action: input.id ? 'partners.updateReferral' : 'partners.addReferral', subjectType: 'partner', subjectId: input.partnerId, detail: { fields: ['kind', 'referredOn', 'reasons', 'meetingDates', 'actions', 'outcome', 'status'] } });
  return (await getPartnerRecord(db, user, input.partnerId)).referrals.find((r) => r.id === id)!;
}

export async function newPartnerDisclosed(ctx: ServiceContext, input: RouteParsed<'participants.newPartnerDisclosed'>) {
  const { db, user } = ctx;
  await assertCanOpen(db, user, input.participantId);
  // What he said goes to the partner service only: the task sits behind the wall.
  await alertPartnerService(db, input.participantId, 'new_partner', randomUUID(), input.note, dayOf(ctx));
  ctx.audit({ action: 'participants.newPartnerDisclosed', subjectType: 'participant', subjectId: input.participantId, detail: { fields: ['note'] } });
  return null;
}


