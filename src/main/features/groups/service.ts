import { randomUUID } from 'node:crypto';
import type { RouteParsed } from '../../../shared/api';
import { addDays, daysBetween } from '../../../shared/dates';
import { dayOf, nowIso, todayOf } from '../../clock';
import { raiseOutcomeTasksFor } from '../outcomes/due';
import {
  CAPACITY_HIGH,
  CAPACITY_LOW,
  type EnrolResult,
  type Enrolment,
  type Group,
  type GroupDetail,
  type GroupSaveResult,
  type Session,
  type SessionChange,
  type SessionSaveResult,
  type Warning,
} from '../../../shared/features/groups';
import type { Flag } from '../../../shared/features/participants';
import { staffGenderLabels } from '../../../shared/features/staff';
import { AppError, invalidField, notFound } from '../../app-error';
import type { GroupsTable, SessionsTable } from '../../db/schema';
import type { Db, ServiceContext, Session as UserSession } from '../../ipc/context';
import { assertCanOpen, hiddenParticipants, openableRestricted } from '../participants/access';
import { flagsOf } from '../participants/flags';
import { recordStatus } from '../participants/service';
import { alertPartnerService } from '../partners/alerts';
import { assertUpdated } from '../participants/versioned';
import { closureSet, getProgrammeType, listCurriculum } from '../programmes/service';
import { isoWeekday, overlaps, scheduleDates, themeForEachSession } from './schedule';

const ids = (json: string) => JSON.parse(json) as string[];

async function staffMap(db: Db): Promise<Map<string, { name: string; gender: string | null; role: string; active: boolean }>> {
  const rows = await db.selectFrom('staff').select(['id', 'full_name', 'gender', 'role', 'active']).execute();
  return new Map(rows.map((r) => [r.id, { name: r.full_name, gender: r.gender, role: r.role, active: r.active === 1 }]));
}

async function checkFacilitators(db: Db, facilitatorIds: string[], field = 'facilitatorIds'): Promise<void> {
  if (new Set(facilitatorIds).size !== facilitatorIds.length) throw invalidField(field, 'Choose two different facilitators');
  const staff = await staffMap(db);
  for (const id of facilitatorIds) {
    const s = staff.get(id);
    if (!s || !s.active || (s.role !== 'facilitator' && s.role !== 'manager')) throw invalidField(field, 'Choose active facilitators or managers');
  }
}

/** Notes for the manager about a group as it stands: the facilitator pair and the numbers. */
function groupNotes(kind: string, facilitatorIds: string[], staff: Awaited<ReturnType<typeof staffMap>>, capacity: number, enrolled: number): string[] {
  const notes: string[] = [];
  if (kind !== 'one_to_one') {
    const genders = facilitatorIds.map((id) => staff.get(id)?.gender ?? null);
    if (facilitatorIds.length < 2) notes.push('Only one facilitator: groups are usually run by two.');
    else if (!(genders.includes('man') && genders.includes('woman'))) {
      const described = genders.map((g) => (g ? staffGenderLabels[g as keyof typeof staffGenderLabels] : 'not recorded')).join(' and ');
      notes.push(`The facilitators are not one man and one woman (${described}), the usual model.`);
    }
    if (capacity < CAPACITY_LOW) notes.push(`Capacity ${capacity} is below the usual minimum of ${CAPACITY_LOW}.`);
    if (capacity > CAPACITY_HIGH) notes.push(`Capacity ${capacity} is above the usual maximum of ${CAPACITY_HIGH}.`);
    if (enrolled > capacity) notes.push(`${enrolled} men are enrolled for ${capacity} places.`);
  }
  return notes;
}

/** `today` decides planned, running or finished: the route passes the back end's clock (todayOf(ctx)). */
export async function toGroups(db: Db, rows: GroupsTable[], today: string): Promise<Group[]> {
  if (rows.length === 0) return [];
  const groupIds = rows.map((r) => r.id);
  const [types, staff, enrolled, sessions] = await Promise.all([
    db.selectFrom('programme_types').select(['id', 'name', 'kind']).execute(),
    staffMap(db),
    db.selectFrom('enrolments').select(['group_id']).select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'active').where('group_id', 'in', groupIds).groupBy('group_id').execute(),
    db
      .selectFrom('sessions')
      .select(['group_id', 'status'])
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('date').as('first'), eb.fn.max('date').as('last')])
      .where('group_id', 'in', groupIds)
      .where('catch_up_for', 'is', null)
      .groupBy(['group_id', 'status'])
      .execute(),
  ]);
  return rows.map((r) => {
    const type = types.find((t) => t.id === r.programme_type_id);
    const mine = sessions.filter((s) => s.group_id === r.id);
    const total = mine.filter((s) => s.status !== 'cancelled').reduce((n, s) => n + Number(s.n), 0);
    const held = Number(mine.find((s) => s.status === 'held')?.n ?? 0);
    const last = mine.filter((s) => s.status !== 'cancelled').map((s) => String(s.last)).sort().at(-1) ?? null;
    const count = Number(enrolled.find((e) => e.group_id === r.id)?.n ?? 0);
    const facilitatorIds = ids(r.facilitator_ids);
    const kind = (type?.kind ?? 'group') as Group['kind'];
    return {
      id: r.id,
      version: r.version,
      programmeTypeId: r.programme_type_id,
      programmeName: type?.name ?? '',
      kind,
      name: r.name,
      venue: r.venue,
      weekday: r.weekday,
      startTime: r.start_time,
      startDate: r.start_date,
      endDate: last,
      facilitatorIds,
      facilitatorNames: facilitatorIds.map((id) => staff.get(id)?.name ?? 'Unknown'),
      capacity: r.capacity,
      intake: r.intake as Group['intake'],
      participantId: r.participant_id,
      interpreterNeeded: r.interpreter_needed === 1,
      status: last && last < today ? 'finished' : r.start_date <= today ? 'running' : 'planned',
      enrolled: count,
      sessionsTotal: total,
      sessionsHeld: held,
      notes: groupNotes(kind, facilitatorIds, staff, r.capacity, count),
    };
  });
}

export async function getGroupRow(db: Db, id: string): Promise<GroupsTable> {
  const row = await db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That group');
  return row;
}

export async function listGroups(db: Db, user: UserSession, today: string): Promise<Group[]> {
  const rows = await db.selectFrom('groups').selectAll().orderBy('start_date', 'desc').execute();
  // One-to-one work for a man on a restricted record is not listed to staff not named on it.
  const hidden = await hiddenParticipants(db, user, rows.map((r) => r.participant_id));
  return toGroups(db, rows.filter((r) => !r.participant_id || !hidden.has(r.participant_id)), today);
}

/**
 * The one man a session is about, if any: a catch-up's man, or the man of one-to-one work.
 * Its date, time, venue, plan and register are his record's, so a restricted record hides them.
 */
async function sessionParticipant(db: Db, row: Pick<SessionsTable, 'participant_id' | 'group_id'>): Promise<string | null> {
  if (row.participant_id) return row.participant_id;
  const group = await db.selectFrom('groups').select('participant_id').where('id', '=', row.group_id).executeTakeFirst();
  return group?.participant_id ?? null;
}

/** The session, refused (FORBIDDEN, audited) when it is about a man on a restricted record this person is not named on. */
export async function getVisibleSessionRow(db: Db, user: UserSession, id: string): Promise<SessionsTable> {
  const row = await getSessionRow(db, id);
  const participantId = await sessionParticipant(db, row);
  if (participantId) await assertCanOpen(db, user, participantId);
  return row;
}

/** Leaves out sessions about a man on a restricted record this person is not named on (catch-ups, one-to-one work). */
async function visibleSessions(db: Db, user: UserSession, sessions: Session[]): Promise<Session[]> {
  if (sessions.length === 0) return sessions;
  const groups = await db.selectFrom('groups').select(['id', 'participant_id']).where('id', 'in', [...new Set(sessions.map((s) => s.groupId))]).execute();
  const groupMan = new Map(groups.map((g) => [g.id, g.participant_id]));
  const about = (s: Session) => s.participantId ?? groupMan.get(s.groupId) ?? null;
  const hidden = await hiddenParticipants(db, user, sessions.map(about));
  return sessions.filter((s) => {
    const man = about(s);
    return !man || !hidden.has(man);
  });
}

type SessionRow = SessionsTable & { group_name: string; theme_name: string | null; plan_status: string | null };

const sessionsQuery = (db: Db) =>
  db
    .selectFrom('sessions')
    .innerJoin('groups', 'groups.id', 'sessions.group_id')
    .leftJoin('curriculum_themes', 'curriculum_themes.id', 'sessions.theme_id')
    .leftJoin('session_plans', 'session_plans.session_id', 'sessions.id')
    .selectAll('sessions')
    .select(['groups.name as group_name', 'curriculum_themes.name as theme_name', 'session_plans.status as plan_status', 'groups.programme_type_id']);

export async function toSessions(db: Db, rows: Array<SessionRow & { programme_type_id: string }>): Promise<Session[]> {
  const [staff, types] = await Promise.all([staffMap(db), db.selectFrom('programme_types').select(['id', 'kind']).execute()]);
  return rows.map((r) => {
    const facilitatorIds = ids(r.facilitator_ids);
    return {
      id: r.id,
      version: r.version,
      groupId: r.group_id,
      groupName: r.group_name,
      kind: (types.find((t) => t.id === r.programme_type_id)?.kind ?? 'group') as Session['kind'],
      number: r.number,
      themeId: r.theme_id,
      themeName: r.theme_name,
      date: r.date,
      startTime: r.start_time,
      minutes: r.minutes,
      venue: r.venue,
      facilitatorIds,
      facilitatorNames: facilitatorIds.map((id) => staff.get(id)?.name ?? 'Unknown'),
      status: r.status as Session['status'],
      cancelReason: r.cancel_reason,
      catchUpForSessionId: r.catch_up_for,
      participantId: r.participant_id,
      interpreterPresent: r.interpreter_present === 1,
      interpreterName: r.interpreter_name,
      planStatus: (r.plan_status ?? 'none') as Session['planStatus'],
      registerTaken: r.register_version > 0,
    };
  });
}

export async function getSession(db: Db, id: string): Promise<Session> {
  const row = await sessionsQuery(db).where('sessions.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That session');
  return (await toSessions(db, [row]))[0]!;
}

interface Slot {
  date: string;
  startTime: string;
  minutes: number;
  venue: string;
  facilitatorIds: string[];
}

/** Facilitators or venues booked twice: warnings, not refusals (a manager may know better). */
export async function clashes(db: Db, slots: Slot[], excludeSessionIds: string[] = []): Promise<Warning[]> {
  if (slots.length === 0) return [];
  const dates = [...new Set(slots.map((s) => s.date))];
  let query = db.selectFrom('sessions').innerJoin('groups', 'groups.id', 'sessions.group_id').select(['sessions.id', 'sessions.date', 'sessions.start_time', 'sessions.minutes', 'sessions.venue', 'sessions.facilitator_ids', 'groups.name']).where('sessions.status', '!=', 'cancelled').where('sessions.date', 'in', dates);
  if (excludeSessionIds.length) query = query.where('sessions.id', 'not in', excludeSessionIds);
  const existing = await query.execute();
  const staff = await staffMap(db);
  const warnings: Warning[] = [];
  const seen = new Set<string>();
  for (const slot of slots) {
    for (const other of existing) {
      if (!overlaps(slot, { date: other.date, startTime: other.start_time, minutes: other.minutes })) continue;
      for (const f of slot.facilitatorIds.filter((id) => ids(other.facilitator_ids).includes(id))) {
        const key = `f:${f}:${other.date}`;
        if (seen.has(key)) continue;
        seen.add(key);
        warnings.push({ code: 'facilitator_clash', message: `${staff.get(f)?.name ?? 'A facilitator'} is already booked for ${other.name} on ${other.date} at ${other.start_time}.` });
      }
      if (slot.venue.trim().toLowerCase() === other.venue.trim().toLowerCase()) {
        const key = `v:${other.date}:${other.start_time}`;
        if (seen.has(key)) continue;
        seen.add(key);
        warnings.push({ code: 'venue_clash', message: `${other.venue} is already booked for ${other.name} on ${other.date} at ${other.start_time}.` });
      }
    }
  }
  return warnings;
}

/** A new, scheduled session with no plan or register yet. */
function newSession(s: {
  id?: string;
  groupId: string;
  number: number;
  themeId: string | null;
  date: string;
  startTime: string;
  minutes: number;
  venue: string;
  facilitatorIds: string[];
  catchUpFor?: string;
  participantId?: string;
}): SessionsTable {
  return {
    id: s.id ?? randomUUID(),
    group_id: s.groupId,
    number: s.number,
    theme_id: s.themeId,
    date: s.date,
    start_time: s.startTime,
    minutes: s.minutes,
    venue: s.venue,
    facilitator_ids: JSON.stringify(s.facilitatorIds),
    status: 'scheduled',
    cancel_reason: '',
    catch_up_for: s.catchUpFor ?? null,
    participant_id: s.participantId ?? null,
    interpreter_present: 0,
    interpreter_name: '',
    debrief: '',
    register_version: 0,
    register_taken_at: null,
    register_taken_by: null,
    version: 1,
  };
}

/** Generates a group's sessions: weekly from the start date, skipping closures, with the curriculum's themes in order. */
export async function planSchedule(db: Db, input: { programmeTypeId: string; startDate: string; weekday: number }) {
  const programme = await getProgrammeType(db, input.programmeTypeId);
  const closures = await closureSet(db);
  const { dates, skipped } = scheduleDates(input.startDate, input.weekday, programme.sessionsCount, closures);
  const curriculum = await listCurriculum(db);
  const ordered = programme.themeIds.length
    ? programme.themeIds.map((id) => curriculum.find((t) => t.id === id)).filter((t): t is NonNullable<typeof t> => Boolean(t))
    : curriculum;
  const themes = themeForEachSession(ordered, dates.length);
  return { programme, dates, skipped, themes };
}

export async function createGroup(ctx: ServiceContext, input: RouteParsed<'groups.create'>): Promise<GroupSaveResult> {
  const { db, user } = ctx;
  const { programme, dates, skipped, themes } = await planSchedule(db, input);
  if (!programme.active) throw invalidField('programmeTypeId', 'This programme is no longer offered');
  await checkFacilitators(db, input.facilitatorIds);
  const oneToOne = programme.kind === 'one_to_one';
  if (oneToOne && input.facilitatorIds.length > 1) throw invalidField('facilitatorIds', 'One-to-one work has one facilitator');
  if (oneToOne) {
    if (!input.participantId) throw invalidField('participantId', 'Choose the man this one-to-one work is for');
    await assertCanOpen(db, user, input.participantId);
  } else if (input.participantId) {
    throw invalidField('participantId', 'Only one-to-one work is for a single man');
  }
  const today = todayOf(ctx);
  const warnings: Warning[] = [];
  if (input.startDate < today) warnings.push({ code: 'start_in_past', message: `The start date is in the past: sessions before today will be listed with no register taken.` });
  if (dates.length && daysBetween(dates[0]!, dates.at(-1)!) > 365) {
    warnings.push({ code: 'longer_than_a_year', message: `The schedule runs for more than a year, until ${dates.at(-1)}.` });
  }
  if (!oneToOne && (input.capacity < CAPACITY_LOW || input.capacity > CAPACITY_HIGH)) {
    warnings.push({ code: 'capacity', message: `Groups usually have ${CAPACITY_LOW} to ${CAPACITY_HIGH} places; this one has ${input.capacity}.` });
  }
  const slots = dates.map((date) => ({ date, startTime: input.startTime, minutes: programme.sessionMinutes, venue: input.venue, facilitatorIds: input.facilitatorIds }));
  warnings.push(...(await clashes(db, slots)));
  if (warnings.length > 0 && !input.confirm) return { saved: false, warnings };

  const id = randomUUID();
  await db
    .insertInto('groups')
    .values({
      id,
      programme_type_id: programme.id,
      name: input.name,
      venue: input.venue,
      weekday: input.weekday,
      start_time: input.startTime,
      start_date: input.startDate,
      capacity: oneToOne ? 1 : input.capacity,
      intake: input.intake,
      participant_id: input.participantId,
      interpreter_needed: input.interpreterNeeded ? 1 : 0,
      facilitator_ids: JSON.stringify(input.facilitatorIds),
      version: 1,
      created_at: nowIso(ctx),
      created_by: user.staffId,
      updated_at: nowIso(ctx),
    })
    .execute();
  if (dates.length) {
    await db
      .insertInto('sessions')
      .values(
        dates.map((date, i) =>
          newSession({
            groupId: id,
            number: i + 1,
            themeId: themes[i] ?? null,
            date,
            startTime: input.startTime,
            minutes: programme.sessionMinutes,
            venue: input.venue,
            facilitatorIds: input.facilitatorIds,
          }),
        ),
      )
      .execute();
  }
  ctx.audit({ action: 'groups.create', subjectType: 'group', subjectId: id, detail: { fields: Object.keys(input), sessions: dates.length, closuresSkipped: skipped.length } });
  if (oneToOne && input.participantId) {
    await enrolOne(ctx, id, input.participantId, { overrideReason: '', firstSessionNumber: 1 });
  }
  const group = (await toGroups(db, [await getGroupRow(db, id)], todayOf(ctx)))[0]!;
  return { saved: true, group, warnings };
}

export async function updateGroup(ctx: ServiceContext, input: RouteParsed<'groups.update'>): Promise<GroupSaveResult> {
  const { db } = ctx;
  const before = await getGroupRow(db, input.id);
  if (before.participant_id && input.facilitatorIds.length > 1) throw invalidField('facilitatorIds', 'One-to-one work has one facilitator');
  await checkFacilitators(db, input.facilitatorIds);
  const today = todayOf(ctx);
  const future = await db.selectFrom('sessions').selectAll().where('group_id', '=', input.id).where('date', '>=', today).where('status', '=', 'scheduled').where('catch_up_for', 'is', null).execute();
  const warnings = await clashes(
    db,
    future.map((s) => ({ date: s.date, startTime: s.start_time, minutes: s.minutes, venue: input.venue, facilitatorIds: input.facilitatorIds })),
    future.map((s) => s.id),
  );
  const enrolled = Number((await db.selectFrom('enrolments').select((eb) => eb.fn.countAll<number>().as('n')).where('group_id', '=', input.id).where('status', '=', 'active').executeTakeFirstOrThrow()).n);
  if (enrolled > input.capacity) warnings.push({ code: 'over_capacity', message: `${enrolled} men are enrolled, more than ${input.capacity} places.` });
  if (warnings.length > 0 && !input.confirm) return { saved: false, warnings };
  const result = await db
    .updateTable('groups')
    .set({
      name: input.name,
      venue: input.venue,
      facilitator_ids: JSON.stringify(input.facilitatorIds),
      capacity: input.capacity,
      intake: input.intake,
      interpreter_needed: input.interpreterNeeded ? 1 : 0,
      version: input.version + 1,
      updated_at: nowIso(ctx),
    })
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .executeTakeFirst();
  assertUpdated(result, true, 'That group');
  // The change applies from today on; what already happened stays as it was.
  if (future.length) {
    await db
      .updateTable('sessions')
      .set({ venue: input.venue, facilitator_ids: JSON.stringify(input.facilitatorIds) })
      .where('id', 'in', future.map((s) => s.id))
      .execute();
  }
  const fields = (['name', 'venue', 'capacity', 'intake'] as const).filter((k) => String(before[k]) !== String(input[k]));
  if (before.facilitator_ids !== JSON.stringify(input.facilitatorIds)) fields.push('facilitatorIds' as never);
  ctx.audit({ action: 'groups.update', subjectType: 'group', subjectId: input.id, detail: { fields } });
  return { saved: true, group: (await toGroups(db, [await getGroupRow(db, input.id)], todayOf(ctx)))[0]!, warnings };
}

export async function groupDetail(db: Db, user: UserSession, id: string, today: string): Promise<GroupDetail> {
  const row = await getGroupRow(db, id);
  if (row.participant_id) await assertCanOpen(db, user, row.participant_id);
  const [group] = await toGroups(db, [row], today);
  const all = await toSessions(db, await sessionsQuery(db).where('sessions.group_id', '=', id).orderBy('sessions.date').orderBy('sessions.start_time').execute());
  // A restricted man's catch-up or one-to-one sessions are left out for those not named on his record.
  const sessions = await visibleSessions(db, user, all);
  return { group: group!, sessions, enrolments: await enrolmentsWhere(db, user, { groupId: id }), skippedDates: await skippedDates(db, row, all) };
}

/**
 * The closure dates the schedule stepped over: on the group's weekday, from its
 * first regular session to its last, with no session that day. Worked out from
 * today's closure list, so a closure added later shows too.
 */
async function skippedDates(db: Db, group: GroupsTable, sessions: Session[]): Promise<GroupDetail['skippedDates']> {
  const regular = sessions.filter((s) => !s.catchUpForSessionId).map((s) => s.date);
  if (regular.length === 0) return [];
  const held = new Set(sessions.map((s) => s.date));
  const closures = await db
    .selectFrom('closure_dates')
    .select(['date', 'name'])
    .where('date', '>=', regular[0]!)
    .where('date', '<=', regular.at(-1)!)
    .orderBy('date')
    .execute();
  return closures.filter((c) => isoWeekday(c.date) === group.weekday && !held.has(c.date)).map((c) => ({ date: c.date, reason: c.name }));
}

async function enrolmentsWhere(db: Db, user: UserSession, where: { groupId?: string; participantId?: string }): Promise<Enrolment[]> {
  let query = db
    .selectFrom('enrolments')
    .innerJoin('participants', 'participants.id', 'enrolments.participant_id')
    .innerJoin('groups', 'groups.id', 'enrolments.group_id')
    .selectAll('enrolments')
    .select(['participants.first_name', 'participants.last_name', 'participants.reference', 'participants.restricted', 'groups.name as group_name'])
    .select(['participants.child_protection', 'participants.risk_level', 'participants.interpreter', 'participants.high_profile', 'participants.safeguarding_open']);
  if (where.groupId) query = query.where('enrolments.group_id', '=', where.groupId);
  if (where.participantId) query = query.where('enrolments.participant_id', '=', where.participantId);
  const rows = await query.orderBy('enrolments.status').orderBy('participants.sort_name').execute();
  const openable = await openableRestricted(db, user, rows.filter((r) => r.restricted === 1).map((r) => r.participant_id));
  return rows.map((r) => ({
    flags: r.restricted !== 1 || openable.has(r.participant_id) ? flagsOf(r) : (['restricted'] as Flag[]),
    id: r.id,
    groupId: r.group_id,
    groupName: r.group_name,
    participantId: r.participant_id,
    participantName: r.restricted !== 1 || openable.has(r.participant_id) ? `${r.first_name} ${r.last_name}` : null,
    reference: r.reference,
    status: r.status as Enrolment['status'],
    joinedOn: r.joined_on,
    leftOn: r.left_on,
    reason: r.reason,
    overrideReason: r.override_reason,
    firstSessionNumber: r.first_session_number,
  }));
}

export const enrolmentsFor = (db: Db, user: UserSession, participantId: string) => enrolmentsWhere(db, user, { participantId });

/**
 * The first session a new man joins: with closed intake, the first session not
 * yet held (session 1 if the group has not met, even when it was set up after
 * its start date); with rolling intake, the next session not yet held that
 * starts a theme.
 */
async function firstSessionFor(db: Db, group: GroupsTable): Promise<number | null> {
  const sessions = await db.selectFrom('sessions').select(['number', 'theme_id', 'status']).where('group_id', '=', group.id).where('catch_up_for', 'is', null).where('status', '!=', 'cancelled').orderBy('number').execute();
  const lastHeld = sessions.filter((s) => s.status === 'held').at(-1)?.number ?? 0;
  const open = sessions.filter((s) => s.number > lastHeld);
  if (open.length === 0) return null;
  if (group.intake !== 'rolling') return open[0]!.number;
  const startsTheme = open.find((s) => {
    const previous = sessions.find((p) => p.number === s.number - 1);
    return !previous || previous.theme_id !== s.theme_id;
  });
  return (startsTheme ?? open[0]!).number;
}

async function enrolOne(ctx: ServiceContext, groupId: string, participantId: string, o: { overrideReason: string; firstSessionNumber?: number | null }) {
  const { db, user } = ctx;
  const group = await getGroupRow(db, groupId);
  const participant = await db.selectFrom('participants').select(['id', 'status', 'version']).where('id', '=', participantId).executeTakeFirstOrThrow();
  const id = randomUUID();
  const first = o.firstSessionNumber ?? (await firstSessionFor(db, group));
  await db
    .insertInto('enrolments')
    .values({ id, group_id: groupId, participant_id: participantId, status: 'active', joined_on: todayOf(ctx), left_on: null, reason: '', override_reason: o.overrideReason, first_session_number: first, created_at: nowIso(ctx), created_by: user.staffId })
    .execute();
  if (participant.status !== 'active') {
    await db.updateTable('participants').set({ status: 'active', version: participant.version + 1, updated_at: nowIso(ctx) }).where('id', '=', participantId).execute();
    await recordStatus(db, participantId, { status: 'active', reason: `Enrolled on ${group.name}`, effectiveOn: todayOf(ctx) }, user, nowIso(ctx));
    await alertPartnerService(db, participantId, 'start', id, '', dayOf(ctx));
  } else {
    // A new group's sessions move the points that count them (recordStatus raises them for a man just started).
    await raiseOutcomeTasksFor(db, participantId, todayOf(ctx), nowIso(ctx));
  }
  ctx.audit({ action: 'groups.enrol', subjectType: 'participant', subjectId: participantId, detail: { fields: ['groupId'], groupId, override: Boolean(o.overrideReason) } });
  return id;
}

const SUITABLE = new Set(['suitable_group', 'suitable_one_to_one']);

export async function enrol(ctx: ServiceContext, input: RouteParsed<'groups.enrol'>): Promise<EnrolResult> {
  const { db, user } = ctx;
  const group = await getGroupRow(db, input.groupId);
  if (group.participant_id) throw new AppError('CONFLICT', 'One-to-one work is for one man only.');
  if (new Set(input.participantIds).size !== input.participantIds.length) throw invalidField('participantIds', 'The same man is chosen twice');
  const warnings: Warning[] = [];
  const people = await db.selectFrom('participants').select(['id', 'reference', 'status', 'outcome', 'interpreter', 'high_profile']).where('id', 'in', input.participantIds).execute();
  if (people.length !== input.participantIds.length) throw notFound('One of the chosen participants');
  const active = await db.selectFrom('enrolments').select(['participant_id', 'group_id']).where('status', '=', 'active').where('participant_id', 'in', input.participantIds).execute();
  for (const p of people) {
    await assertCanOpen(db, user, p.id);
    if (active.some((e) => e.participant_id === p.id && e.group_id === group.id)) throw new AppError('CONFLICT', `${p.reference} is already enrolled on this group.`);
    if (active.some((e) => e.participant_id === p.id)) warnings.push({ code: 'other_group', message: `${p.reference} is enrolled on another group as well.` });
    // Men who need an interpreter, or are high-profile, usually go to one-to-one work: ask first.
    if (p.interpreter && !group.interpreter_needed) warnings.push({ code: 'interpreter', message: `${p.reference} needs an interpreter, and this group has none. Men who need an interpreter usually go to one-to-one work.` });
    if (p.high_profile) warnings.push({ code: 'high_profile', message: `${p.reference} is high-profile. High-profile men usually go to one-to-one work, so that others in the group are not put at risk.` });
    if (!SUITABLE.has(p.outcome ?? '') || p.status === 'exited' || p.status === 'completed') {
      if (!input.overrideReason) {
        throw new AppError('VALIDATION', `${p.reference} has not been assessed as suitable. A manager can enrol him anyway, giving the reason.`, {
          fields: { overrideReason: 'Give the reason for enrolling someone not assessed as suitable' },
        });
      }
    }
  }
  const enrolled = Number((await db.selectFrom('enrolments').select((eb) => eb.fn.countAll<number>().as('n')).where('group_id', '=', group.id).where('status', '=', 'active').executeTakeFirstOrThrow()).n);
  if (enrolled + people.length > group.capacity) {
    warnings.push({ code: 'over_capacity', message: `This would make ${enrolled + people.length} men for ${group.capacity} places.` });
  }
  const held = await db.selectFrom('sessions').select('id').where('group_id', '=', group.id).where('status', '=', 'held').limit(1).executeTakeFirst();
  if (group.intake === 'closed' && held) warnings.push({ code: 'closed_started', message: 'This is a closed group that has already started.' });
  if (warnings.length > 0 && !input.confirm) return { saved: false, warnings };
  const created: string[] = [];
  for (const p of people) {
    const needsOverride = !SUITABLE.has(p.outcome ?? '') || p.status === 'exited' || p.status === 'completed';
    created.push(await enrolOne(ctx, group.id, p.id, { overrideReason: needsOverride ? input.overrideReason : '' }));
  }
  const all = await enrolmentsWhere(db, user, { groupId: group.id });
  return { saved: true, enrolments: all.filter((e) => created.includes(e.id)), warnings };
}

async function getEnrolment(db: Db, id: string) {
  const row = await db.selectFrom('enrolments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That enrolment');
  if (row.status !== 'active') throw new AppError('CONFLICT', 'He has already left this group.');
  return row;
}

export async function leave(ctx: ServiceContext, input: RouteParsed<'enrolments.leave'>): Promise<Enrolment> {
  const { db, user } = ctx;
  const row = await getEnrolment(db, input.enrolmentId);
  await assertCanOpen(db, user, row.participant_id);
  if (input.leftOn < row.joined_on) throw invalidField('leftOn', 'He cannot leave before he joined');
  await db.updateTable('enrolments').set({ status: 'left', left_on: input.leftOn, reason: input.reason }).where('id', '=', row.id).execute();
  // Every exit is told to the partner support service at once: her risk can rise. Still enrolled on another group, he has not left the programme.
  const elsewhere = await db.selectFrom('enrolments').select('id').where('participant_id', '=', row.participant_id).where('status', '=', 'active').executeTakeFirst();
  if (!elsewhere) {
    const group = await getGroupRow(db, row.group_id);
    await alertPartnerService(db, row.participant_id, 'exit', `leave:${row.id}`, `He left ${group.name} on ${input.leftOn}. Reason recorded: ${input.reason}`, dayOf(ctx));
  }
  ctx.audit({ action: 'enrolments.leave', subjectType: 'participant', subjectId: row.participant_id, detail: { fields: ['status', 'leftOn', 'reason'], groupId: row.group_id } });
  return (await enrolmentsWhere(db, user, { participantId: row.participant_id })).find((e) => e.id === row.id)!;
}

export async function move(ctx: ServiceContext, input: RouteParsed<'enrolments.move'>): Promise<EnrolResult> {
  const { db, user } = ctx;
  const row = await getEnrolment(db, input.enrolmentId);
  await assertCanOpen(db, user, row.participant_id);
  if (row.group_id === input.toGroupId) throw invalidField('toGroupId', 'Choose a different group');
  const target = await getGroupRow(db, input.toGroupId);
  if (target.participant_id) throw invalidField('toGroupId', 'One-to-one work is for one man only');
  const enrolled = Number((await db.selectFrom('enrolments').select((eb) => eb.fn.countAll<number>().as('n')).where('group_id', '=', target.id).where('status', '=', 'active').executeTakeFirstOrThrow()).n);
  const warnings: Warning[] = enrolled + 1 > target.capacity ? [{ code: 'over_capacity', message: `This would make ${enrolled + 1} men for ${target.capacity} places.` }] : [];
  if (warnings.length > 0 && !input.confirm) return { saved: false, warnings };
  await db.updateTable('enrolments').set({ status: 'moved', left_on: todayOf(ctx), reason: input.reason }).where('id', '=', row.id).execute();
  const id = await enrolOne(ctx, target.id, row.participant_id, { overrideReason: row.override_reason });
  ctx.audit({ action: 'enrolments.move', subjectType: 'participant', subjectId: row.participant_id, detail: { fields: ['groupId'], from: row.group_id, to: target.id } });
  return { saved: true, enrolments: (await enrolmentsWhere(db, user, { participantId: row.participant_id })).filter((e) => e.id === id), warnings };
}

export async function calendar(db: Db, user: UserSession, input: RouteParsed<'sessions.calendar'>): Promise<Session[]> {
  let query = sessionsQuery(db).where('sessions.date', '>=', input.from).where('sessions.date', '<=', input.to);
  if (input.groupId) query = query.where('sessions.group_id', '=', input.groupId);
  if (input.venue) query = query.where('sessions.venue', '=', input.venue);
  if (input.facilitatorId) query = query.where('sessions.facilitator_ids', 'like', `%"${input.facilitatorId}"%`);
  return visibleSessions(db, user, await toSessions(db, await query.orderBy('sessions.date').orderBy('sessions.start_time').execute()));
}

/** This week's sessions (Monday to Sunday) still without a plan marked ready. */
export async function withoutReadyPlan(db: Db, user: UserSession, today: string): Promise<Session[]> {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7;
  const monday = addDays(today, 1 - weekday);
  const rows = await sessionsQuery(db)
    .where('sessions.date', '>=', monday)
    .where('sessions.date', '<=', addDays(monday, 6))
    .where('sessions.status', '=', 'scheduled')
    .where((eb) => eb.or([eb('session_plans.status', 'is', null), eb('session_plans.status', '!=', 'ready')]))
    .orderBy('sessions.date')
    .execute();
  return visibleSessions(db, user, await toSessions(db, rows));
}

async function getSessionRow(db: Db, id: string): Promise<SessionsTable> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That session');
  return row;
}

type Placing = SessionChange['before'];
const placingOf = (row: SessionsTable): Placing => ({ date: row.date, startTime: row.start_time, venue: row.venue, facilitatorIds: ids(row.facilitator_ids) });

/** The session's history: each move or cancellation with its reason, what it was before and after. */
async function recordChange(ctx: ServiceContext, row: SessionsTable, kind: SessionChange['kind'], reason: string, after: Placing | null) {
  await ctx.db
    .insertInto('session_changes')
    .values({ id: randomUUID(), session_id: row.id, kind, reason, data: JSON.stringify({ before: placingOf(row), after }), at: nowIso(ctx), by: ctx.user.staffId })
    .execute();
}

export async function sessionChanges(db: Db, user: UserSession, sessionId: string): Promise<SessionChange[]> {
  await getVisibleSessionRow(db, user, sessionId);
  const [rows, staff] = await Promise.all([db.selectFrom('session_changes').selectAll().where('session_id', '=', sessionId).orderBy('at', 'desc').execute(), staffMap(db)]);
  const named = (p: Placing | null) => (p ? { ...p, facilitatorNames: p.facilitatorIds.map((id) => staff.get(id)?.name ?? 'Unknown') } : null);
  return rows.map((r) => {
    const data = JSON.parse(r.data) as { before: Placing; after: Placing | null };
    return { id: r.id, kind: r.kind as SessionChange['kind'], reason: r.reason, at: r.at, byName: r.by ? (staff.get(r.by)?.name ?? null) : null, before: named(data.before)!, after: named(data.after) };
  });
}

export async function reschedule(ctx: ServiceContext, input: RouteParsed<'sessions.reschedule'>): Promise<SessionSaveResult> {
  const { db } = ctx;
  const row = await getVisibleSessionRow(db, ctx.user, input.id);
  if (row.register_version > 0) throw new AppError('CONFLICT', 'The register for this session has been taken, so it cannot be moved.');
  if (row.status === 'cancelled') throw new AppError('CONFLICT', 'This session was cancelled.');
  // One-to-one work and a catch-up are one man with one facilitator.
  if (row.participant_id || (await getGroupRow(db, row.group_id)).participant_id) {
    if (input.facilitatorIds.length > 1) throw invalidField('facilitatorIds', 'One-to-one work has one facilitator');
  }
  await checkFacilitators(db, input.facilitatorIds);
  const warnings = await clashes(db, [{ date: input.date, startTime: input.startTime, minutes: row.minutes, venue: input.venue, facilitatorIds: input.facilitatorIds }], [row.id]);
  if ((await closureSet(db)).has(input.date)) warnings.push({ code: 'closure', message: `${input.date} is a closure date.` });
  if (warnings.length > 0 && !input.confirm) return { saved: false, warnings };
  const result = await db
    .updateTable('sessions')
    .set({ date: input.date, start_time: input.startTime, venue: input.venue, facilitator_ids: JSON.stringify(input.facilitatorIds), version: input.version + 1 })
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .executeTakeFirst();
  assertUpdated(result, true, 'That session');
  await recordChange(ctx, row, 'rescheduled', input.reason, { date: input.date, startTime: input.startTime, venue: input.venue, facilitatorIds: input.facilitatorIds });
  ctx.audit({ action: 'sessions.reschedule', subjectType: 'session', subjectId: row.id, detail: { fields: ['date', 'startTime', 'venue', 'facilitatorIds', 'reason'] } });
  return { saved: true, session: await getSession(db, row.id), warnings };
}

export async function cancelSession(ctx: ServiceContext, input: RouteParsed<'sessions.cancel'>): Promise<Session> {
  const { db } = ctx;
  const row = await getVisibleSessionRow(db, ctx.user, input.id);
  if (row.register_version > 0) throw new AppError('CONFLICT', 'The register for this session has been taken, so it cannot be cancelled.');
  const result = await db
    .updateTable('sessions')
    .set({ status: 'cancelled', cancel_reason: input.reason, version: input.version + 1 })
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .executeTakeFirst();
  assertUpdated(result, true, 'That session');
  await recordChange(ctx, row, 'cancelled', input.reason, null);
  ctx.audit({ action: 'sessions.cancel', subjectType: 'session', subjectId: row.id, detail: { fields: ['status', 'cancelReason'] } });
  return getSession(db, row.id);
}

/** A catch-up session for one man who missed a theme: same theme, one facilitator. */
export async function catchUp(ctx: ServiceContext, input: RouteParsed<'sessions.catchUp'>): Promise<SessionSaveResult> {
  const { db, user } = ctx;
  const missed = await getSessionRow(db, input.missedSessionId);
  await assertCanOpen(db, user, input.participantId);
  const enrolled = await db.selectFrom('enrolments').select('id').where('group_id', '=', missed.group_id).where('participant_id', '=', input.participantId).executeTakeFirst();
  if (!enrolled) throw invalidField('participantId', 'He is not enrolled on this group');
  await checkFacilitators(db, [input.facilitatorId], 'facilitatorId');
  const warnings = await clashes(db, [{ date: input.date, startTime: input.startTime, minutes: missed.minutes, venue: input.venue, facilitatorIds: [input.facilitatorId] }]);
  if (input.date < todayOf(ctx)) warnings.push({ code: 'in_past', message: 'The catch-up date is in the past.' });
  if ((await closureSet(db)).has(input.date)) warnings.push({ code: 'closure', message: `${input.date} is a closure date.` });
  if (warnings.length > 0 && !input.confirm) return { saved: false, warnings };
  const id = randomUUID();
  await db
    .insertInto('sessions')
    .values(
      newSession({
        id,
        groupId: missed.group_id,
        number: missed.number,
        themeId: missed.theme_id,
        date: input.date,
        startTime: input.startTime,
        minutes: missed.minutes,
        venue: input.venue,
        facilitatorIds: [input.facilitatorId],
        catchUpFor: missed.id,
        participantId: input.participantId,
      }),
    )
    .execute();
  ctx.audit({ action: 'sessions.catchUp', subjectType: 'participant', subjectId: input.participantId, detail: { fields: ['date', 'startTime', 'venue', 'facilitatorId'], sessionId: id } });
  return { saved: true, session: await getSession(db, id), warnings };
}

export { getSessionRow };
