/**
 * Safeguarding concerns and the information-sharing log. Each side sees its
 * own details (the man's side, or the partner's behind the wall); an open
 * concern flags the man and his linked partners for everyone.
 *
 * Who reads what (issue 13, decided): facilitators and managers write and read the programme
 * side's concerns about him; partner workers, who may read his record, see that a programme-side
 * concern exists (its kind, date, status and whether it is open) but not its wording, children or
 * actions, and cannot raise, change or log sharing on the programme side: what the partner service
 * needs reaches it as alerts and the open flag, or from a manager. Nobody outside the wall sees
 * partner-side concerns. Managers see both.
 */
import { addSharingEntry } from './sharing-entry';
import { randomUUID } from 'node:crypto';
import type { RouteParsed } from '../../../shared/api';
import { consentState } from '../../../shared/features/consents';
import type { Concern, SharingEntry } from '../../../shared/features/safeguarding';
import { can } from '../../../shared/permissions';
import { nowIso, todayOf } from '../../clock';
import { AppError, invalidField, notFound } from '../../app-error';
import type { SafeguardingConcernsTable, SharingLogTable } from '../../db/schema';
import type { Db, ServiceContext, Session } from '../../ipc/context';
import { assertCanOpen } from '../participants/access';
import { assertUpdated } from '../participants/versioned';
import { createSystemTask } from '../tasks/service';
import { partnerSideOpen } from '../partners/wall';
import { openConcernChildren } from './child-flags';
import { fileFor } from '../partners/shared-rows';


/**
 * Only the partner side may see partner-side records; only the programme side (and managers) may
 * write the man's. Partner workers read his side's concerns only as the fact of them (see `toConcern`).
 */
export async function assertSide(db: Db, user: Session, side: 'participant' | 'partner', participantId: string | null, partnerId: string | null, mode: 'read' | 'write' = 'read') {
  if (side === 'participant' && mode === 'write' && !can(user.role, 'participants.edit')) {
    throw new AppError('FORBIDDEN', 'Concerns about him are recorded by the programme side. Raise it on her record, or tell a manager.');
  }
  if (side === 'partner') {
    if (!can(user.role, 'partners.view')) throw new AppError('FORBIDDEN', 'Your role does not allow this. Ask a manager or administrator if you need it.');
    if (!partnerId || !(await db.selectFrom('partners').select('id').where('id', '=', partnerId).executeTakeFirst())) throw notFound('That partner');
  } else {
    if (!can(user.role, 'participants.view')) throw new AppError('FORBIDDEN', 'Your role does not allow this. Ask a manager or administrator if you need it.');
    await assertCanOpen(db, user, participantId!);
  }
}

/** Recomputes the "open safeguarding concern" flag on the man and his linked partners, and on the partner and her linked men. */
export async function refreshSafeguardingFlags(db: Db, participantIds: string[], partnerIds: string[]): Promise<void> {
  if (!(await partnerSideOpen(db))) {
    // The programme side alone (the partner file closed): his own concerns, and what the partner side last wrote
    // across about hers (partner_side_flag). Her flags catch up when the partner side next opens.
    const own = await db.selectFrom('safeguarding_concerns').select('participant_id').where('status', '=', 'open').where('participant_id', 'in', [...participantIds, '']).execute();
    const openMen = new Set(own.map((o) => o.participant_id));
    for (const m of participantIds) {
      await db.updateTable('participants').set((eb) => ({ safeguarding_open: openMen.has(m) ? eb.val(1) : eb.ref('partner_side_flag') })).where('id', '=', m).execute();
    }
    return;
  }
  const links = await db
    .selectFrom('partner_links')
    .select(['participant_id', 'partner_id'])
    .where((eb) => eb.or([eb('participant_id', 'in', participantIds.length ? participantIds : ['']), eb('partner_id', 'in', partnerIds.length ? partnerIds : [''])]))
    .execute();
  const men = new Set([...participantIds, ...links.map((l) => l.participant_id)]);
  const women = new Set([...partnerIds, ...links.map((l) => l.partner_id)]);
  const allLinks = await db.selectFrom('partner_links').select(['participant_id', 'partner_id']).where((eb) => eb.or([eb('participant_id', 'in', [...men, '']), eb('partner_id', 'in', [...women, ''])])).execute();
  const open = await db.selectFrom('safeguarding_concerns').select(['participant_id', 'partner_id']).where('status', '=', 'open').execute();
  const openMen = new Set(open.map((o) => o.participant_id).filter(Boolean));
  const openWomen = new Set(open.map((o) => o.partner_id).filter(Boolean));
  for (const m of men) {
    // Her side's part of his flag is written across, so the programme side can recompute his flag without reading hers.
    const fromHer = allLinks.some((l) => l.participant_id === m && openWomen.has(l.partner_id));
    const flagged = openMen.has(m) || fromHer;
    const hers = allLinks.filter((l) => l.participant_id === m).map((l) => l.partner_id);
    const herChildren = hers.length ? (await openConcernChildren(db, [], hers)).flat() : [];
    await db
      .updateTable('participants')
      .set({ safeguarding_open: flagged ? 1 : 0, partner_side_flag: fromHer ? 1 : 0, partner_side_children: JSON.stringify([...new Set(herChildren)]) })
      .where('id', '=', m)
      .execute();
  }
  for (const p of women) {
    const flagged = openWomen.has(p) || allLinks.some((l) => l.partner_id === p && openMen.has(l.participant_id));
    await db.updateTable('partners').set({ safeguarding_open: flagged ? 1 : 0 }).where('id', '=', p).execute();
  }
}

/** What a partner worker sees of a programme-side concern instead of its wording. */
export const PROGRAMME_SIDE_DETAILS = 'Recorded by the programme side. Ask a manager if you need the details.';

function toConcern(row: SafeguardingConcernsTable & { full_name: string | null }, user: Session): Concern {
  const stored = JSON.parse(row.data) as Pick<Concern, 'what' | 'children' | 'actions' | 'outcome'>;
  const factOnly = row.side === 'participant' && !can(user.role, 'participants.edit');
  const data = factOnly
    ? { what: PROGRAMME_SIDE_DETAILS, children: [], outcome: '', actions: { discussedWithManager: false, childrensServicesReferral: false, childrensServicesReference: '', policeInformed: false, policeReference: '' } }
    : stored;
  return {
    id: row.id,
    version: row.version,
    side: row.side as Concern['side'],
    participantId: row.participant_id,
    partnerId: row.partner_id,
    kind: row.kind as Concern['kind'],
    raisedOn: row.raised_on,
    status: row.status as Concern['status'],
    ...data,
    raisedByName: row.full_name,
    updatedAt: row.updated_at,
  };
}

const concernsQuery = (db: Db) => db.selectFrom('safeguarding_concerns').leftJoin('staff', 'staff.id', 'safeguarding_concerns.created_by').selectAll('safeguarding_concerns').select('staff.full_name');

export async function listConcerns(ctx: ServiceContext, input: RouteParsed<'safeguarding.list'>): Promise<Concern[]> {
  const { db, user } = ctx;
  let query = concernsQuery(db);
  if (input.participantId) {
    await assertSide(db, user, 'participant', input.participantId, null);
    query = query.where('participant_id', '=', input.participantId);
  } else if (input.partnerId) {
    await assertSide(db, user, 'partner', null, input.partnerId);
    query = query.where('partner_id', '=', input.partnerId);
  } else {
    const sides = [...(can(user.role, 'participants.view') ? ['participant'] : []), ...(can(user.role, 'partners.view') ? ['partner'] : [])];
    query = query.where('side', 'in', sides.length ? sides : ['']);
  }
  if (input.status !== 'all') query = query.where('status', '=', input.status);
  const rows = await query.orderBy('status', 'desc').orderBy('raised_on', 'desc').limit(500).execute();
  // A restricted man's concerns stay with the staff named on his record.
  const visible: Concern[] = [];
  for (const row of rows) {
    if (row.participant_id && !input.participantId) {
      try {
        await assertCanOpen(db, user, row.participant_id);
      } catch {
        continue;
      }
    }
    visible.push(toConcern(row, user));
  }
  return visible;
}

async function logChildProtectionReferral(ctx: ServiceContext, concern: { id: string; side: string; participantId: string | null; partnerId: string | null; reference: string }) {
  const { db, user } = ctx;
  await addSharingEntry(db, {
    side: concern.side,
    participantId: concern.participantId,
    partnerId: concern.partnerId,
    sharedOn: todayOf(ctx),
    // Its own basis: the child-protection exception, not a manager's decision to share without consent.
    basis: 'child_protection',
    what: 'Child-protection referral and the concern behind it',
    agency: "Children's services",
    why: 'A child may be at risk: the exception to confidentiality that he was told about.',
    reason: `Child-protection referral${concern.reference ? ` (reference ${concern.reference})` : ''}.`,
    automatic: true,
    createdBy: user.staffId,
    createdAt: nowIso(ctx),
  });
}

export async function raiseConcern(ctx: ServiceContext, input: RouteParsed<'safeguarding.raise'>): Promise<Concern> {
  const { db, user } = ctx;
  const side = input.partnerId ? 'partner' : 'participant';
  await assertSide(db, user, side, input.participantId, input.partnerId, 'write');
  const id = randomUUID();
  const { kind, raisedOn, status, participantId, partnerId, ...data } = input;
  // Her side's concerns and disclosures are written in the partner file (partners/shared-rows.ts).
  await (await fileFor(db, side === 'partner'))
    .insertInto('safeguarding_concerns')
    .values({ id, side, participant_id: participantId, partner_id: partnerId, kind, raised_on: raisedOn, data: JSON.stringify(data), status, version: 1, created_at: nowIso(ctx), created_by: user.staffId, updated_at: nowIso(ctx) })
    .execute();
  await refreshSafeguardingFlags(db, participantId ? [participantId] : [], partnerId ? [partnerId] : []);
  if (data.actions.childrensServicesReferral) await logChildProtectionReferral(ctx, { id, side, participantId, partnerId, reference: data.actions.childrensServicesReference });
  await createSystemTask(db, {
    sourceKey: `safeguarding:${id}`,
    kind: 'concern',
    participantId: participantId,
    partnerId: partnerId,
    title: `Safeguarding concern raised: review it with the manager today`,
    detail: 'Decide the action: children’s services, police, or keep under review.',
    assigneeRole: 'manager',
    dueOn: todayOf(ctx),
    urgent: true,
  }, nowIso(ctx));
  ctx.audit({ action: 'safeguarding.raise', subjectType: side, subjectId: participantId ?? partnerId, detail: { fields: Object.keys(data), concernId: id } });
  return toConcern(await concernsQuery(db).where('safeguarding_concerns.id', '=', id).executeTakeFirstOrThrow(), user);
}

export async function updateConcern(ctx: ServiceContext, input: RouteParsed<'safeguarding.update'>): Promise<Concern> {
  const { db, user } = ctx;
  const before = await db.selectFrom('safeguarding_concerns').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('That concern');
  await assertSide(db, user, before.side as Concern['side'], before.participant_id, before.partner_id, 'write');
  const { id, version, kind, raisedOn, status, ...data } = input;
  const result = await (await fileFor(db, before.side === 'partner'))
    .updateTable('safeguarding_concerns')
    .set({ kind, raised_on: raisedOn, status, data: JSON.stringify(data), version: version + 1, updated_at: nowIso(ctx) })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  assertUpdated(result, true, 'That concern');
  await refreshSafeguardingFlags(db, before.participant_id ? [before.participant_id] : [], before.partner_id ? [before.partner_id] : []);
  const old = JSON.parse(before.data) as Pick<Concern, 'actions'>;
  if (data.actions.childrensServicesReferral && !old.actions.childrensServicesReferral) {
    await logChildProtectionReferral(ctx, { id, side: before.side, participantId: before.participant_id, partnerId: before.partner_id, reference: data.actions.childrensServicesReference });
  }
  ctx.audit({ action: 'safeguarding.update', subjectType: before.side, subjectId: before.participant_id ?? before.partner_id, detail: { fields: ['kind', 'raisedOn', 'status', ...Object.keys(data)], concernId: id } });
  return toConcern(await concernsQuery(db).where('safeguarding_concerns.id', '=', id).executeTakeFirstOrThrow(), user);
}

function toSharing(row: SharingLogTable & { decided: string | null; recorder: string | null }): SharingEntry {
  const data = JSON.parse(row.data) as { what: string; agency: string; person: string; why: string; reason: string };
  return {
    id: row.id,
    side: row.side as SharingEntry['side'],
    participantId: row.participant_id,
    partnerId: row.partner_id,
    what: data.what,
    agency: data.agency,
    person: data.person,
    sharedOn: row.shared_on,
    why: data.why,
    basis: row.basis as SharingEntry['basis'],
    consentId: row.consent_id,
    decisionReason: data.reason,
    decidedByName: row.decided,
    recordedByName: row.recorder,
    automatic: row.automatic === 1,
    createdAt: row.created_at,
  };
}

const sharingQuery = (db: Db) =>
  db
    .selectFrom('sharing_log')
    .leftJoin('staff as d', 'd.id', 'sharing_log.decided_by')
    .leftJoin('staff as r', 'r.id', 'sharing_log.created_by')
    .selectAll('sharing_log')
    .select(['d.full_name as decided', 'r.full_name as recorder']);

export async function listSharing(ctx: ServiceContext, input: RouteParsed<'sharing.list'>): Promise<SharingEntry[]> {
  const { db, user } = ctx;
  if (input.participantId) {
    await assertSide(db, user, 'participant', input.participantId, null);
    return (await sharingQuery(db).where('participant_id', '=', input.participantId).orderBy('shared_on', 'desc').execute()).map(toSharing);
  }
  if (input.partnerId) {
    await assertSide(db, user, 'partner', null, input.partnerId);
    return (await sharingQuery(db).where('partner_id', '=', input.partnerId).orderBy('shared_on', 'desc').execute()).map(toSharing);
  }
  throw invalidField('participantId', 'Choose the man or the partner');
}

/** Records a disclosure with its lawful basis: the consent that covers it, or a manager's decision to share without consent. */
export async function recordSharing(ctx: ServiceContext, input: RouteParsed<'sharing.record'>): Promise<SharingEntry> {
  const { db, user } = ctx;
  const side = input.partnerId ? 'partner' : 'participant';
  await assertSide(db, user, side, input.participantId, input.partnerId, 'write');
  if (input.basis === 'without_consent' && !can(user.role, 'sharing.withoutConsent')) {
    throw new AppError('FORBIDDEN', 'Sharing without consent needs a manager’s decision. Ask a manager to record it with the reason.');
  }
  if (input.basis === 'consent' && side === 'participant') {
    const consent = await db.selectFrom('consents').selectAll().where('id', '=', input.consentId!).where('participant_id', '=', input.participantId!).executeTakeFirst();
    if (!consent) throw invalidField('consentId', 'Choose one of his consents');
    const state = consentState({ reviewOn: consent.review_on, withdrawnOn: consent.withdrawn_on }, input.sharedOn);
    if (consent.given_on > input.sharedOn || state === 'withdrawn' || state === 'expired') {
      throw invalidField('consentId', 'That consent did not cover this date: it was not yet given, had expired or was withdrawn');
    }
  }
  if (input.basis === 'consent' && side === 'partner') {
    const partner = await db.selectFrom('partners').select('details').where('id', '=', input.partnerId!).executeTakeFirstOrThrow();
    if (!(JSON.parse(partner.details) as { consentToSharing?: boolean }).consentToSharing) {
      throw invalidField('basis', 'She has not consented to sharing: record a manager’s decision to share without consent, or do not share');
    }
  }
  const id = await addSharingEntry(db, {
    side,
    participantId: input.participantId,
    partnerId: input.partnerId,
    sharedOn: input.sharedOn,
    basis: input.basis,
    consentId: input.basis === 'consent' ? input.consentId : null,
    decidedBy: input.basis === 'without_consent' ? user.staffId : null,
    what: input.what,
    agency: input.agency,
    person: input.person,
    why: input.why,
    reason: input.decisionReason,
    automatic: false,
    createdBy: user.staffId,
    createdAt: nowIso(ctx),
  });
  ctx.audit({ action: 'sharing.record', subjectType: side, subjectId: input.participantId ?? input.partnerId, detail: { fields: ['what', 'agency', 'person', 'sharedOn', 'why', 'basis'], entryId: id } });
  return toSharing(await sharingQuery(db).where('sharing_log.id', '=', id).executeTakeFirstOrThrow());
}
