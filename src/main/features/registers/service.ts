/**
 * The register and session log. Saved in one transaction with its history;
 * the attendance rules and concerns raise their tasks in the same transaction.
 * His attendance summary is computed here and nowhere else.
 */
import { randomUUID } from 'node:crypto';
import type { RouteParsed } from '../../../shared/api';
import { todayInLondon } from '../../../shared/dates';
import { nowIso, todayOf } from '../../clock';
import { attended, type Attendance, type AttendanceSummary, type Register, type RegisterEntry, type RegisterVersion } from '../../../shared/features/registers';
import { AppError, invalidField, notFound } from '../../app-error';
import type { EnrolmentsTable, SessionsTable } from '../../db/schema';
import type { ProgrammeType } from '../../../shared/features/programmes';
import type { Db, ServiceContext, Session as UserSession } from '../../ipc/context';
import { hiddenParticipants, openableRestricted } from '../participants/access';
import { flagsOf } from '../participants/service';
import { getAttendanceRules, getProgrammeType } from '../programmes/service';
import { createSystemTasks, type SystemTask } from '../tasks/service';
import { partnerAlertTasks, type Alert } from '../partners/alerts';
import { refreshSafeguardingFlags } from '../safeguarding/service';
import { getVisibleSessionRow } from '../groups/service';
import { assertUpdated } from '../participants/versioned';
import { fileFor } from '../partners/shared-rows';

type EntryData = Omit<RegisterEntry, 'participantId' | 'attendance' | 'reference' | 'name'>;

/**
 * The session log about a man on a restricted record (how he engaged, the facilitator's note
 * and any concern) is his record's: staff not named on it see and send these empty. His
 * attendance (and its minutes and reason) stays on the register, which the group's facilitators keep.
 */
const LOG_FIELDS = { participation: null, note: '', concern: 'none', concernNote: '' } as const;

function withoutLog<T extends Partial<EntryData>>(entry: T): T {
  return { ...entry, ...LOG_FIELDS };
}

function hasLog(entry: Partial<EntryData>): boolean {
  return (entry.participation ?? null) !== null || Boolean(entry.note) || (entry.concern ?? 'none') !== 'none' || Boolean(entry.concernNote);
}

/** Who is expected at a session: the one man for a catch-up; otherwise everyone enrolled from his first session until he left. */
export async function expectedAt(db: Db, session: SessionsTable): Promise<string[]> {
  if (session.participant_id) return [session.participant_id];
  const rows = await db
    .selectFrom('enrolments')
    .select('participant_id')
    .where('group_id', '=', session.group_id)
    .where((eb) => eb.or([eb('first_session_number', 'is', null), eb('first_session_number', '<=', session.number)]))
    .where((eb) => eb.or([eb('status', '=', 'active'), eb('left_on', '>', session.date)]))
    .execute();
  return [...new Set(rows.map((r) => r.participant_id))];
}

/** `known`: the session as just saved and who was expected at it, when saving has read them already. */
export async function getRegister(db: Db, user: UserSession, sessionId: string, known?: { session: SessionsTable; expectedIds: string[] }): Promise<Register> {
  const session = known?.session ?? (await getVisibleSessionRow(db, user, sessionId));
  const expectedIds = known?.expectedIds ?? (await expectedAt(db, session));
  const entries = await db.selectFrom('register_entries').selectAll().where('session_id', '=', sessionId).execute();
  const everyone = [...new Set([...expectedIds, ...entries.map((e) => e.participant_id)])];
  const people = everyone.length ? await db.selectFrom('participants').selectAll().where('id', 'in', everyone).orderBy('sort_name').execute() : [];
  const openable = await openableRestricted(db, user, people.filter((p) => p.restricted === 1).map((p) => p.id));
  const nameOf = (p: (typeof people)[number]) => (p.restricted !== 1 || openable.has(p.id) ? `${p.first_name} ${p.last_name}` : null);
  const history = await db.selectFrom('register_history').leftJoin('staff', 'staff.id', 'register_history.by').select(['register_history.version', 'register_history.at', 'staff.full_name']).where('session_id', '=', sessionId).orderBy('version', 'desc').execute();
  const takenBy = session.register_taken_by ? await db.selectFrom('staff').select('full_name').where('id', '=', session.register_taken_by).executeTakeFirst() : undefined;
  return {
    sessionId,
    version: session.register_version,
    entries: entries.map((e) => {
      const p = people.find((x) => x.id === e.participant_id)!;
      const data = JSON.parse(e.data) as EntryData;
      return { participantId: e.participant_id, attendance: e.attendance as Attendance, ...(nameOf(p) ? data : withoutLog(data)), reference: p.reference, name: nameOf(p) };
    }),
    expected: people.filter((p) => expectedIds.includes(p.id)).map((p) => ({ participantId: p.id, reference: p.reference, name: nameOf(p), flags: nameOf(p) ? flagsOf(p) : ['restricted'] })),
    debrief: session.debrief,
    interpreterPresent: session.interpreter_present === 1,
    interpreterName: session.interpreter_name,
    takenAt: session.register_taken_at,
    takenByName: takenBy?.full_name ?? null,
    history: history.map((h) => ({ version: h.version, at: h.at, byName: h.full_name })),
  };
}

/** An earlier version of the register, as kept when it was changed; names hidden as on the register itself (restricted records). */
export async function registerVersion(ctx: ServiceContext, input: RouteParsed<'registers.version'>): Promise<RegisterVersion> {
  const { db, user } = ctx;
  await getVisibleSessionRow(db, user, input.sessionId);
  const row = await db.selectFrom('register_history').leftJoin('staff', 'staff.id', 'register_history.by').select(['register_history.data', 'register_history.at', 'staff.full_name']).where('session_id', '=', input.sessionId).where('version', '=', input.version).executeTakeFirst();
  if (!row) throw notFound('That earlier version of the register');
  const data = JSON.parse(row.data) as { entries: Array<{ participant_id: string; attendance: string; data: string }>; debrief?: string; interpreterPresent?: boolean; interpreterName?: string };
  const ids = [...new Set(data.entries.map((e) => e.participant_id))];
  const people = ids.length ? await db.selectFrom('participants').select(['id', 'reference', 'first_name', 'last_name', 'restricted', 'sort_name']).where('id', 'in', ids).execute() : [];
  const openable = await openableRestricted(db, user, people.filter((p) => p.restricted === 1).map((p) => p.id));
  const entries = data.entries
    .map((e) => {
      const p = people.find((x) => x.id === e.participant_id);
      const name = p && (p.restricted !== 1 || openable.has(p.id)) ? `${p.first_name} ${p.last_name}` : null;
      const entryData = JSON.parse(e.data) as EntryData;
      const shown = p && !name ? withoutLog(entryData) : entryData;
      return { participantId: e.participant_id, attendance: e.attendance as Attendance, ...shown, reference: p?.reference ?? 'Record removed', name, sortName: p?.sort_name ?? '~' };
    })
    .sort((a, b) => a.sortName.localeCompare(b.sortName))
    .map(({ sortName: _s, ...e }) => e);
  ctx.audit({ action: 'registers.version', subjectType: 'session', subjectId: input.sessionId, detail: { version: input.version } });
  return { sessionId: input.sessionId, version: input.version, at: row.at, byName: row.full_name, entries, debrief: data.debrief ?? '', interpreterPresent: data.interpreterPresent ?? null, interpreterName: data.interpreterName ?? '' };
}

export async function saveRegister(ctx: ServiceContext, input: RouteParsed<'registers.save'>): Promise<Register> {
  const { db, user } = ctx;
  const session = await getVisibleSessionRow(db, user, input.sessionId);
  const today = todayOf(ctx);
  if (session.status === 'cancelled') throw new AppError('CONFLICT', 'This session was cancelled, so it has no register.');
  if (session.date > today) {
    throw new AppError('VALIDATION', 'This session has not happened yet. Attendance can be recorded on the day; before then you can only plan or cancel it.');
  }
  const seen = new Set<string>();
  const expectedIds = await expectedAt(db, session);
  const expected = new Set(expectedIds);
  input.entries.forEach((e, i) => {
    if (seen.has(e.participantId)) throw invalidField(`entries.${i}.participantId`, 'The same man appears twice in the register');
    seen.add(e.participantId);
    if (!expected.has(e.participantId)) throw invalidField(`entries.${i}.participantId`, 'This man is not enrolled for this session');
  });
  input = { ...input, entries: await keepHiddenLogs(db, user, session.id, input.entries) };
  const taken = {
    status: 'held',
    debrief: input.debrief,
    interpreter_present: input.interpreterPresent ? 1 : 0,
    interpreter_name: input.interpreterPresent ? input.interpreterName : '',
    register_version: input.version + 1,
    register_taken_at: nowIso(ctx),
    register_taken_by: user.staffId,
  };
  const result = await db
    .updateTable('sessions')
    .set(taken)
    .where('id', '=', session.id)
    .where('register_version', '=', input.version)
    .executeTakeFirst();
  assertUpdated(result, true, 'That session');

  // Later edits keep what the register said before.
  if (input.version > 0) {
    const before = await db.selectFrom('register_entries').selectAll().where('session_id', '=', session.id).execute();
    await db
      .insertInto('register_history')
      .values({
        id: randomUUID(),
        session_id: session.id,
        version: input.version,
        data: JSON.stringify({ entries: before, debrief: session.debrief, interpreterPresent: session.interpreter_present === 1, interpreterName: session.interpreter_name }),
        at: session.register_taken_at ?? nowIso(ctx),
        by: session.register_taken_by,
      })
      .execute();
  }
  await db.deleteFrom('register_entries').where('session_id', '=', session.id).execute();
  if (input.entries.length) {
    await db
      .insertInto('register_entries')
      .values(
        input.entries.map(({ participantId, attendance, ...data }) => ({
          session_id: session.id,
          participant_id: participantId,
          attendance,
          data: JSON.stringify(data),
        })),
      )
      .execute();
  }
  await raiseRegisterTasks(db, session, input.entries, { today, now: nowIso(ctx) }, user.staffId);
  ctx.audit({ action: input.version > 0 ? 'registers.update' : 'registers.take', subjectType: 'session', subjectId: session.id, detail: { fields: ['entries', 'debrief'], men: input.entries.length } });
  for (const e of input.entries) {
    ctx.audit({ action: 'registers.entry', subjectType: 'participant', subjectId: e.participantId, detail: { fields: ['attendance', 'participation', 'note', 'concern'], sessionId: session.id } });
  }
  // The session as saved (the update above) and who was expected: not read again.
  return getRegister(db, user, session.id, { session: { ...session, ...taken }, expectedIds });
}

/**
 * For a man on a restricted record this person is not named on: his attendance is taken from the
 * register as sent, his session log is kept as it was. Sending a log for him is refused, never dropped.
 */
async function keepHiddenLogs(db: Db, user: UserSession, sessionId: string, entries: RouteParsed<'registers.save'>['entries']) {
  const hidden = await hiddenParticipants(db, user, entries.map((e) => e.participantId));
  if (hidden.size === 0) return entries;
  const stored = await db.selectFrom('register_entries').select(['participant_id', 'data']).where('session_id', '=', sessionId).where('participant_id', 'in', [...hidden]).execute();
  const storedLog = new Map(stored.map((r) => [r.participant_id, JSON.parse(r.data) as EntryData]));
  return entries.map((e, i) => {
    if (!hidden.has(e.participantId)) return e;
    if (hasLog(e)) {
      throw new AppError('FORBIDDEN', `This man's record is restricted to named staff, so only they can write his session log. Record his attendance only, and tell a manager about any concern.`, {
        fields: { [`entries.${i}.note`]: 'Only staff named on his restricted record can write his session log' },
      });
    }
    const before = storedLog.get(e.participantId);
    return before ? { ...e, participation: before.participation, note: before.note, concern: before.concern, concernNote: before.concernNote } : e;
  });
}

async function raiseRegisterTasks(db: Db, session: SessionsTable, entries: RouteParsed<'registers.save'>['entries'], { today, now }: { today: string; now: string }, takenBy: string) {
  const group = await db.selectFrom('groups').select(['id', 'name']).where('id', '=', session.group_id).executeTakeFirstOrThrow();
  const refs = new Map((await db.selectFrom('participants').select(['id', 'reference']).where('id', 'in', entries.length ? entries.map((e) => e.participantId) : ['']).execute()).map((p) => [p.id, p.reference]));
  const where = `${group.name}, session ${session.number} on ${session.date}`;
  // Every task this register raises goes in at the end, in one createSystemTasks (one look-up of the keys already raised).
  const tasks: SystemTask[] = [];
  const alerts: Alert[] = [];
  for (const e of entries) {
    const ref = refs.get(e.participantId)!;
    if (e.concern === 'risk') {
      tasks.push({ sourceKey: `concern:risk:${session.id}:${e.participantId}`, kind: 'concern', participantId: e.participantId, title: `Risk concern raised in ${where} (${ref})`, detail: 'Review his risk: a facilitator raised a concern in the session log.', assigneeRole: 'manager', dueOn: today, urgent: true });
    }
    if (e.concern === 'child_protection') {
      // A child-protection concern opens a safeguarding record (which flags him everywhere) and an urgent task.
      const concernId = randomUUID();
      const exists = await db.selectFrom('safeguarding_concerns').select('id').where('participant_id', '=', e.participantId).where('data', 'like', `%"sessionId":"${session.id}"%`).executeTakeFirst();
      if (!exists) {
        await (await fileFor(db, false))
          .insertInto('safeguarding_concerns')
          .values({ id: concernId, side: 'participant', participant_id: e.participantId, partner_id: null, kind: 'child_protection', raised_on: session.date, data: JSON.stringify({ what: e.concernNote, children: [], actions: { discussedWithManager: false, childrensServicesReferral: false, childrensServicesReference: '', policeInformed: false, policeReference: '' }, outcome: '', sessionId: session.id }), status: 'open', version: 1, created_at: now, created_by: takenBy, updated_at: now })
          .execute();
        await refreshSafeguardingFlags(db, [e.participantId], []);
      }
      tasks.push({ sourceKey: `concern:cp:${session.id}:${e.participantId}`, kind: 'concern', participantId: e.participantId, title: `Child-protection concern raised in ${where} (${ref})`, detail: 'Act on it today: follow the safeguarding procedure. The concern is on his record under Safeguarding.', assigneeRole: 'manager', dueOn: today, urgent: true });
    }
    if (e.attendance === 'absent_no_reason') {
      // Her risk can rise when he misses a session: the partner support service is told at once.
      alerts.push({ participantId: e.participantId, kind: 'absence', eventKey: session.id, detail: `He missed ${where} without giving a reason.` });
    }
  }
  tasks.push(...(await partnerAlertTasks(db, alerts, { today, now }, refs)));
  tasks.push(...(await attendanceRuleTasks(db, group, entries.map((e) => e.participantId), today)));
  await createSystemTasks(db, tasks, now);
}

/** After a register: has anyone broken a rule (consecutive or total absences without reason)? One exit-review task per rule per enrolment. */
async function attendanceRuleTasks(db: Db, group: { id: string; name: string }, participantIds: string[], today: string): Promise<SystemTask[]> {
  if (participantIds.length === 0) return [];
  const groupId = group.id;
  const rules = await getAttendanceRules(db);
  const enrolments = await db.selectFrom('enrolments').innerJoin('participants', 'participants.id', 'enrolments.participant_id').select(['enrolments.id', 'enrolments.participant_id', 'participants.reference']).where('group_id', '=', groupId).where('enrolments.status', '=', 'active').where('participant_id', 'in', participantIds).execute();
  if (enrolments.length === 0) return [];
  const tasks: SystemTask[] = [];
  // Every man's marks in this group in one query (one per man was a dozen round trips per register), in session order.
  const allMarks = await db
    .selectFrom('register_entries')
    .innerJoin('sessions', 'sessions.id', 'register_entries.session_id')
    .select(['register_entries.participant_id', 'register_entries.attendance'])
    .where('sessions.group_id', '=', groupId)
    .where('register_entries.participant_id', 'in', enrolments.map((e) => e.participant_id))
    .orderBy('sessions.date')
    .orderBy('sessions.start_time')
    .execute();
  const marksOf = new Map<string, Array<{ attendance: string }>>();
  for (const m of allMarks) {
    const list = marksOf.get(m.participant_id);
    if (list) list.push(m);
    else marksOf.set(m.participant_id, [m]);
  }
  for (const enrolment of enrolments) {
    const marks = marksOf.get(enrolment.participant_id) ?? [];
    let run = 0;
    let longest = 0;
    let total = 0;
    for (const m of marks) {
      if (m.attendance === 'absent_no_reason') {
        run += 1;
        total += 1;
        longest = Math.max(longest, run);
      } else if (attended(m.attendance as Attendance)) run = 0;
    }
    if (longest >= rules.consecutiveAbsences) {
      tasks.push({ sourceKey: `exit-review:consecutive:${enrolment.id}`, kind: 'exit_review', participantId: enrolment.participant_id, title: `Exit review: ${rules.consecutiveAbsences} absence${rules.consecutiveAbsences === 1 ? '' : 's'} in a row without reason (${enrolment.reference})`, detail: `${group.name}: decide whether he continues on the programme.`, assigneeRole: 'manager', dueOn: today });
    }
    if (total >= rules.totalAbsences) {
      tasks.push({ sourceKey: `exit-review:total:${enrolment.id}`, kind: 'exit_review', participantId: enrolment.participant_id, title: `Exit review: ${total} absences without reason in all (${enrolment.reference})`, detail: `${group.name}: decide whether he continues on the programme.`, assigneeRole: 'manager', dueOn: today });
    }
  }
  return tasks;
}

/** His attendance across every group and catch-up session he has been expected at, by theme, with the completion rule. */
export async function attendanceSummary(db: Db, participantId: string, today = todayInLondon()): Promise<AttendanceSummary | null> {
  const enrolments = await db.selectFrom('enrolments').selectAll().where('participant_id', '=', participantId).orderBy('joined_on').execute();
  if (enrolments.length === 0) return null;
  const sessions = await db
    .selectFrom('sessions')
    .innerJoin('groups', 'groups.id', 'sessions.group_id')
    .leftJoin('curriculum_themes', 'curriculum_themes.id', 'sessions.theme_id')
    .leftJoin('register_entries', (join) => join.onRef('register_entries.session_id', '=', 'sessions.id').on('register_entries.participant_id', '=', participantId))
    .select(['sessions.id', 'sessions.date', 'sessions.number', 'sessions.theme_id', 'sessions.group_id', 'sessions.participant_id', 'sessions.status', 'groups.name as group_name', 'curriculum_themes.name as theme_name', 'register_entries.attendance', 'register_entries.data'])
    .where('sessions.group_id', 'in', enrolments.map((e) => e.group_id))
    .where('sessions.status', '=', 'held')
    .where('sessions.date', '<=', today)
    .orderBy('sessions.date')
    .execute();
  const counted = sessions.filter((s) => {
    if (s.participant_id) return s.participant_id === participantId;
    return enrolments.some((e) => e.group_id === s.group_id && (e.first_session_number ?? 1) <= s.number && (e.left_on === null || s.date < e.left_on));
  });
  const summary: AttendanceSummary = { participantId, possible: 0, attended: 0, absentWithReason: 0, absentWithoutReason: 0, late: 0, leftEarly: 0, byTheme: [], sessions: [], completion: null };
  const themes = new Map<string, AttendanceSummary['byTheme'][number]>();
  for (const s of counted) {
    const attendance = (s.attendance ?? null) as Attendance | null;
    const isCatchUp = Boolean(s.participant_id);
    if (!isCatchUp) summary.possible += 1;
    const came = attendance !== null && attended(attendance);
    if (came && !isCatchUp) summary.attended += 1;
    if (attendance === 'absent_reason') summary.absentWithReason += 1;
    if (attendance === 'absent_no_reason') summary.absentWithoutReason += 1;
    if (attendance === 'late') summary.late += 1;
    if (attendance === 'left_early') summary.leftEarly += 1;
    const key = s.theme_id ?? 'none';
    const t = themes.get(key) ?? { themeId: s.theme_id, themeName: s.theme_name ?? 'No theme', possible: 0, attended: 0 };
    if (!isCatchUp) t.possible += 1;
    if (came) t.attended += 1;
    themes.set(key, t);
    summary.sessions.push({ sessionId: s.id, date: s.date, number: s.number, groupName: isCatchUp ? `${s.group_name} (catch-up)` : s.group_name, themeName: s.theme_name, attendance, reason: attendance === 'absent_reason' ? ((JSON.parse(s.data ?? '{}') as { absenceReason?: string }).absenceReason ?? '') : '' });
  }
  summary.byTheme = [...themes.values()];
  const latest = enrolments.at(-1)!;
  const group = await db.selectFrom('groups').select('programme_type_id').where('id', '=', latest.group_id).executeTakeFirstOrThrow();
  const programme = await getProgrammeType(db, group.programme_type_id);
  summary.completion = await judgeCompletion(db, participantId, enrolments, summary, themes, programme);
  return summary;
}

/** A share in whole percent, never rounded up: 74.9% is 74%, so it cannot look like it meets a 75% rule. */
export function floorPercent(part: number, whole: number): number {
  return whole > 0 ? Math.floor((part * 100) / whole) : 0;
}

/**
 * The completion rule, judged against every session of the programme meant for
 * him (from his first session to the last, or until he left), not only those
 * held so far: nobody completes before his sessions are done.
 */
async function judgeCompletion(
  db: Db,
  participantId: string,
  enrolments: EnrolmentsTable[],
  summary: AttendanceSummary,
  themes: Map<string, AttendanceSummary['byTheme'][number]>,
  programme: ProgrammeType,
): Promise<NonNullable<AttendanceSummary['completion']>> {
  const rows = await db
    .selectFrom('sessions')
    .select(['group_id', 'number', 'date', 'status', 'theme_id', 'participant_id'])
    .where('group_id', 'in', enrolments.map((e) => e.group_id))
    .where('status', '!=', 'cancelled')
    .where((eb) => eb.or([eb('participant_id', 'is', null), eb('participant_id', '=', participantId)]))
    .execute();
  const inWindow = (s: (typeof rows)[number]) =>
    enrolments.some((e) => e.group_id === s.group_id && (e.first_session_number ?? 1) <= s.number && (e.left_on === null || s.date < e.left_on));
  const mine = rows.filter((s) => s.participant_id === null && inWindow(s));
  const total = mine.length;
  const remaining = mine.filter((s) => s.status !== 'held').length;
  // Themes still ahead of him, including a catch-up booked for him.
  const ahead = new Set(rows.filter((s) => s.status !== 'held' && s.theme_id && (s.participant_id === participantId || inWindow(s))).map((s) => s.theme_id!));
  const min = programme.minAttendancePercent;
  const required = Math.ceil((min * total) / 100);
  const attendedCount = summary.attended;
  const missing = programme.requiredThemeIds.filter((id) => !(themes.get(id)?.attended ?? 0));
  const names = missing.length ? new Map((await db.selectFrom('curriculum_themes').select(['id', 'name']).where('id', 'in', missing).execute()).map((t) => [t.id, t.name])) : new Map<string, string>();
  const themeText = (ids: string[]) => ids.map((id) => names.get(id) ?? 'a theme no longer in the curriculum').join(', ');
  const noSessionLeft = missing.filter((id) => !ahead.has(id));
  const themeParts: string[] = [];
  if (missing.length) themeParts.push(`required theme${missing.length === 1 ? '' : 's'} not yet attended: ${themeText(missing)}`);
  if (remaining > 0 && noSessionLeft.length) themeParts.push(`no session is left for ${themeText(noSessionLeft)}, so he needs a catch-up`);
  const rule = `the rule is at least ${min}%`;

  if (total === 0) return { met: false, state: 'not_met', reason: 'Does not meet the completion rule: no sessions of the programme are scheduled for him.' };
  if (remaining === 0) {
    const met = attendedCount * 100 >= min * total && missing.length === 0;
    const parts = [`attended ${attendedCount} of his ${total} sessions (${floorPercent(attendedCount, total)}%; ${rule})`, ...themeParts];
    return { met, state: met ? 'met' : 'not_met', reason: `${met ? 'Meets' : 'Does not meet'} the completion rule: ${parts.join('; ')}.` };
  }
  const soFar = `attended ${attendedCount} of ${summary.possible} session${summary.possible === 1 ? '' : 's'} so far (${floorPercent(attendedCount, summary.possible)}%)`;
  const toCome = `${remaining} of his ${total} sessions are still to come`;
  if (attendedCount + remaining < required) {
    return {
      met: false,
      state: 'cannot_meet',
      reason: `Cannot now meet the completion rule: ${soFar}; ${toCome}, so even attending all of them makes ${attendedCount + remaining} of ${total}, below the ${required} needed (${rule}).`,
    };
  }
  const needed = Math.max(0, required - attendedCount);
  const onTrack = (summary.possible === 0 || attendedCount * 100 >= min * summary.possible) && noSessionLeft.length === 0;
  const need = needed > 0 ? `he needs ${needed} more to reach ${required} of ${total} (${rule})` : `he has attended the ${required} of ${total} needed (${rule})`;
  const parts = [soFar, toCome, need, ...themeParts];
  return { met: false, state: onTrack ? 'on_track' : 'behind', reason: `${onTrack ? 'On track for' : 'Behind'} the completion rule, not yet complete: ${parts.join('; ')}.` };
}

