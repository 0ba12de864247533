/**
 * Anonymising a record past its retention date: everything that says who he
 * (or she) is goes; the rows the funders' figures count stay (his referral's
 * source and route, statuses and dates, assessment decisions, risk levels,
 * attendance, partner contacts and checklist scores). Free text that could
 * identify anyone becomes "[removed]"; his name is also taken out of text
 * others wrote about sessions he was in.
 */
import { herTableThere } from '../outcomes/summary';
import { AppError } from '../../app-error';
import { deleteDraftsAbout, deleteDraftsAboutPartner, draftSubjectsOfParticipant } from './drafts';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { ParticipantDetails } from '../../../shared/features/participants';
import { partnerDetailsSchema } from '../../../shared/features/partners';
import { foldForSearch } from '../../../shared/text';
import type { Db } from '../../ipc/context';
import { detailsOf } from '../participants/service';
import { indexText } from '../participants/search-index';
import { redactNames, REMOVED, scrubJson, scrubReports, scrubText } from './scrub';
import { inEachFile, inEveryFile } from '../partners/shared-rows';

const yearOnly = (date: string) => (date ? `${date.slice(0, 4)}-01-01` : '');

/** A new reference that keeps the year (for the office's own counting) and links to nothing outside. */
const anonymousReference = (prefix: 'A' | 'AP', reference: string) =>
  `${prefix}-${/\d{4}/.exec(reference)?.[0] ?? '0000'}-${randomBytes(3).toString('hex').toUpperCase()}`;

export function anonymousDetails(d: ParticipantDetails): ParticipantDetails {
  return {
    ...d,
    firstName: 'Anonymised',
    lastName: 'record',
    preferredName: '',
    aliases: [],
    dateOfBirth: yearOnly(d.dateOfBirth),
    under18Reason: scrubText(d.under18Reason),
    phone: '',
    email: '',
    address: '',
    safeToContact: 'check_first',
    contactNote: '',
    gpName: '',
    gpPractice: '',
    gpPhone: '',
    agencies: d.agencies.map((a) => ({ agency: a.agency, contactName: '', role: '', phone: '', email: '' })),
    children: d.children.map((c, i) => ({
      name: `Child ${i + 1}`,
      dateOfBirth: yearOnly(c.dateOfBirth),
      livesWith: '',
    })),
  };
}

/**
 * Tables both sides share: with the partner file attached they read as a view over both files (no
 * rowid), so their rows are found again by id in each file (partners/shared-rows.ts).
 */
async function scrubShared(db: Db, table: 'safeguarding_concerns' | 'sharing_log', participantId: string) {
  const rows = await db.selectFrom(table).select(['id', 'data']).where('participant_id', '=', participantId).execute();
  const n = { programme: 0, partner: 0 };
  for (const r of rows) {
    const changed = await inEachFile(db, (file) => file.updateTable(table).set({ data: scrubJson(r.data) }).where('id', '=', r.id).executeTakeFirst());
    n.programme += changed.programme;
    n.partner += changed.partner;
  }
  return n;
}

async function scrubColumn<T extends 'referrals' | 'assessments' | 'consents' | 'register_entries'>(db: Db, table: T, participantId: string) {
  const rows = (await db
    .selectFrom(table as 'referrals')
    .select(['data'])
    .select(sql<string>`rowid`.as('rid'))
    .where('participant_id', '=', participantId)
    .execute()) as Array<{ data: string; rid: string }>;
  for (const r of rows) {
    await sql`update ${sql.table(table)} set data = ${scrubJson(r.data)} where rowid = ${r.rid}`.execute(db);
  }
  return rows.length;
}

/**
 * Her outcome records about him (behind the partner key) are hers and stay as they are, with what
 * she said in their notes; only his name goes from those notes. Returns how many notes changed.
 * Her file must be open: a session without it (a manager not given partner access) is refused
 * before anything changes, rather than leave his name there unseen. A folder not yet converted
 * has no table of her measures (they are made in her file only), so there is nothing to do.
 */
async function redactHimInHerOutcomeNotes(db: Db, participantId: string, names: string[]): Promise<number> {
  if (!(await herTableThere(db))) return 0;
  let changed = 0;
  const notes = await db.selectFrom('partner_outcomes').select(['id', 'note']).where('participant_id', '=', participantId).where('note', '!=', '').execute();
  for (const r of notes) {
    const note = redactNames(r.note, names);
    if (note === r.note) continue;
    await db.updateTable('partner_outcomes').set({ note }).where('id', '=', r.id).execute();
    changed += 1;
  }
  return changed;
}

/** Whether her file exists for this folder but this session does not have it open. */
async function herFileClosed(db: Db): Promise<boolean> {
  if (await herTableThere(db)) return false;
  const inMain = await sql<{ n: number }>`select count(*) as n from main.sqlite_master where type = 'table' and name = 'partners'`.execute(db);
  return Number(inMain.rows[0]?.n ?? 0) === 0;
}

/** What anonymising him changed: counts for the programme's audit chain, and those of her side for hers. */
export interface ParticipantAnonymised {
  counts: Record<string, number>;
  /** her side's rows about him that changed: for her chain only */
  herSide: Record<string, number>;
}

export async function anonymiseParticipant(db: Db, id: string, now: string): Promise<ParticipantAnonymised> {
  if (await herFileClosed(db))
    throw new AppError(
      'FORBIDDEN',
      'Anonymising him also takes his name out of the partner service’s notes, which only someone with the partner side open can reach. Ask a manager who has partner access to do it.',
    );
  const row = await db.selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const before = detailsOf(row);
  const names = [
    before.firstName,
    before.lastName,
    before.preferredName,
    ...before.aliases,
    `${before.firstName} ${before.lastName}`,
  ];
  const details = anonymousDetails(before);
  const reference = anonymousReference('A', row.reference);
  const counts: Record<string, number> = {};
  // Drafts about him cannot be read here (each is under its author's own key) to take his name out: they go.
  const draftSubjects = await draftSubjectsOfParticipant(db, id);
  for (const s of await db.selectFrom('sessions').select('id').where('participant_id', '=', id).execute()) draftSubjects.add(s.id);
  counts.drafts = await deleteDraftsAbout(db, draftSubjects);

  await db
    .updateTable('participants')
    .set({
      reference,
      first_name: details.firstName,
      last_name: details.lastName,
      date_of_birth: details.dateOfBirth,
      details: JSON.stringify(details),
      sort_name: foldForSearch(`${details.lastName} ${details.firstName} ${reference}`),
      anonymised_at: now,
      updated_at: now,
      version: row.version + 1,
    })
    .where('id', '=', id)
    .execute();
  // Found by his new reference only.
  await db.deleteFrom('participant_search').where('participant_id', '=', id).execute();
  await db
    .insertInto('participant_search')
    .values({
      participant_id: id,
      kind: 'reference',
      text: `${indexText(reference)} ${reference.replace(/-/g, '').toLowerCase()}`,
    })
    .execute();

  // Referral: who referred and why goes; the source, route and dates (the figures) stay.
  const referrals = await db.selectFrom('referrals').select(['id', 'data']).where('participant_id', '=', id).execute();
  for (const r of referrals) {
    const data = JSON.parse(r.data) as Record<string, unknown>;
    const kept = {
      ...data,
      contactName: '',
      contactDetails: '',
      reason: REMOVED,
      courtReference: '',
      agency: data.source === 'partner' || data.source === 'family_friend' ? '' : data.agency,
    };
    await db
      .updateTable('referrals')
      .set({ data: JSON.stringify(kept) })
      .where('id', '=', r.id)
      .execute();
  }
  counts.referrals = referrals.length;
  counts.statusReasons = Number(
    (
      await db
        .updateTable('status_history')
        .set({ reason: '' })
        .where('participant_id', '=', id)
        .where('reason', '!=', '')
        .executeTakeFirst()
    ).numUpdatedRows,
  );
  counts.assessments = await scrubColumn(db, 'assessments', id);
  counts.risk = Number(
    (
      await db
        .updateTable('risk_assessments')
        .set({ reasons: REMOVED })
        .where('participant_id', '=', id)
        .executeTakeFirst()
    ).numUpdatedRows,
  );
  counts.consents = await scrubColumn(db, 'consents', id);

  const notes = await db.selectFrom('case_notes').select('id').where('participant_id', '=', id).execute();
  if (notes.length) {
    await db
      .deleteFrom('case_note_versions')
      .where(
        'note_id',
        'in',
        notes.map((n) => n.id),
      )
      .execute();
    await db.updateTable('case_notes').set({ body: REMOVED }).where('participant_id', '=', id).execute();
  }
  await db.deleteFrom('note_search').where('participant_id', '=', id).execute();
  counts.notes = notes.length;
  counts.goals = Number(
    (await db.updateTable('goals').set({ text: REMOVED }).where('participant_id', '=', id).executeTakeFirst())
      .numUpdatedRows,
  );
  // His outcome measures stay (the outcomes page's figures); the free-text note on each, which may name him, goes.
  counts.outcomeNotes = Number(
    (await db.updateTable('outcome_records').set({ note: '' }).where('participant_id', '=', id).where('note', '!=', '').executeTakeFirst())
      .numUpdatedRows,
  );
  const herSide: Record<string, number> = { outcomeNotes: await redactHimInHerOutcomeNotes(db, id, names) };
  // Tasks are the office's to-do list, not figures: his go (her side's about him too, counted in her chain).
  const tasks = await inEachFile(db, (file) => file.deleteFrom('tasks').where('participant_id', '=', id).executeTakeFirst());
  counts.tasks = tasks.programme;
  herSide.tasks = tasks.partner;
  await db
    .updateTable('enrolments')
    .set({ reason: '', override_reason: '' })
    .where('participant_id', '=', id)
    .execute();
  counts.registerEntries = await scrubColumn(db, 'register_entries', id);
  const concerns = await scrubShared(db, 'safeguarding_concerns', id);
  const sharing = await scrubShared(db, 'sharing_log', id);
  counts.concerns = concerns.programme;
  counts.sharing = sharing.programme;
  herSide.concerns = concerns.partner;
  herSide.sharing = sharing.partner;
  await db
    .updateTable('subject_access_requests')
    .set({ participant_reference: reference, note: '' })
    .where('participant_id', '=', id)
    .execute();

  // Sessions he was in: his name out of the debriefs and of the registers as they were before an edit.
  const sessionIds = (
    await db.selectFrom('register_entries').select('session_id').where('participant_id', '=', id).execute()
  ).map((r) => r.session_id);
  const ownGroups = (await db.selectFrom('groups').select('id').where('participant_id', '=', id).execute()).map(
    (g) => g.id,
  );
  const ownSessions = await db
    .selectFrom('sessions')
    .select('id')
    .where((eb) =>
      eb.or([eb('participant_id', '=', id), ...(ownGroups.length ? [eb('group_id', 'in', ownGroups)] : [])]),
    )
    .execute();
  const allSessions = [...new Set([...sessionIds, ...ownSessions.map((s) => s.id)])];
  const own = new Set(ownSessions.map((s) => s.id));
  for (let i = 0; i < allSessions.length; i += 500) {
    const chunk = allSessions.slice(i, i + 500);
    for (const s of await db.selectFrom('sessions').select(['id', 'debrief']).where('id', 'in', chunk).execute()) {
      // His own one-to-one sessions are all about him; in a group's, only his name goes.
      const debrief = own.has(s.id) ? scrubText(s.debrief) : redactNames(s.debrief, names);
      if (debrief !== s.debrief) await db.updateTable('sessions').set({ debrief }).where('id', '=', s.id).execute();
    }
    for (const h of await db
      .selectFrom('register_history')
      .select(['id', 'data'])
      .where('session_id', 'in', chunk)
      .execute()) {
      const data = JSON.parse(h.data) as { entries: Array<{ participant_id: string; data: string }>; debrief: string };
      data.entries = data.entries.map((e) => (e.participant_id === id ? { ...e, data: scrubJson(e.data) } : e));
      data.debrief = redactNames(data.debrief ?? '', names);
      await db
        .updateTable('register_history')
        .set({ data: JSON.stringify(data) })
        .where('id', '=', h.id)
        .execute();
    }
    // Why a session was moved or cancelled: all about him on his own sessions, his name only on a group's.
    for (const c of await db.selectFrom('session_changes').select(['id', 'session_id', 'reason']).where('session_id', 'in', chunk).execute()) {
      const reason = own.has(c.session_id) ? scrubText(c.reason) : redactNames(c.reason, names);
      if (reason !== c.reason) await db.updateTable('session_changes').set({ reason }).where('id', '=', c.id).execute();
    }
    for (const p of await db
      .selectFrom('session_plans')
      .select(['session_id', 'data'])
      .where('session_id', 'in', chunk)
      .execute()) {
      const data = redactNames(p.data, names);
      if (data !== p.data)
        await db.updateTable('session_plans').set({ data }).where('session_id', '=', p.session_id).execute();
    }
  }
  for (const g of await db.selectFrom('groups').select(['id', 'name']).where('participant_id', '=', id).execute()) {
    await db
      .updateTable('groups')
      .set({ name: redactNames(g.name, names) })
      .where('id', '=', g.id)
      .execute();
  }
  counts.sessions = allSessions.length;
  counts.reports = await scrubReports(
    db,
    id,
    [
      before.lastName,
      before.firstName,
      `${before.firstName} ${before.lastName}`,
      before.preferredName,
      ...before.aliases,
    ],
    'anonymise',
  );
  return { counts, herSide };
}

export async function anonymisePartner(db: Db, id: string, now: string): Promise<Record<string, number>> {
  const row = await db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const before = partnerDetailsSchema.parse(JSON.parse(row.details));
  const details = {
    ...before,
    firstName: 'Anonymised',
    lastName: 'record',
    dateOfBirth: yearOnly(before.dateOfBirth),
    phone: '',
    email: '',
    address: '',
    safeContact: {
      safeNumber: '',
      safeTimes: '',
      messageAllowed: 'no' as const,
      nameToGive: '',
      codeWord: '',
      notes: '',
    },
    children: before.children.map((c, i) => ({
      name: `Child ${i + 1}`,
      dateOfBirth: yearOnly(c.dateOfBirth),
      livesWith: '',
    })),
    consentNotes: '',
  };
  const reference = anonymousReference('AP', row.reference);
  await db
    .updateTable('partners')
    .set({
      reference,
      first_name: details.firstName,
      last_name: details.lastName,
      details: JSON.stringify(details),
      anonymised_at: now,
      updated_at: now,
      version: row.version + 1,
    })
    .where('id', '=', id)
    .execute();
  await db.deleteFrom('partner_search').where('partner_id', '=', id).execute();
  await db
    .insertInto('partner_search')
    .values({ partner_id: id, text: `${indexText(reference)} ${reference.replace(/-/g, '').toLowerCase()}` })
    .execute();
  const counts: Record<string, number> = {};
  // Drafts about her could hold her name or what she said, and are sealed to their authors: they go.
  counts.drafts = await deleteDraftsAboutPartner(db, id);
  // Contacts stay (the contact rate); what was said goes.
  // What she let be shared in his reports goes with what was said (it was written across the wall: migration 0015).
  await db.deleteFrom('partner_shared_summaries').where('contact_id', 'in', db.selectFrom('partner_contacts').select('id').where('partner_id', '=', id)).execute();
  counts.contacts = Number(
    (await db.updateTable('partner_contacts').set({ notes: '', share_summary: '' }).where('partner_id', '=', id).executeTakeFirst())
      .numUpdatedRows,
  );
  for (const c of await db
    .selectFrom('partner_checklists')
    .select(['id', 'data'])
    .where('partner_id', '=', id)
    .execute()) {
    await db
      .updateTable('partner_checklists')
      .set({ data: scrubJson(c.data) })
      .where('id', '=', c.id)
      .execute();
  }
  for (const m of await db
    .selectFrom('marac_referrals')
    .select(['id', 'data'])
    .where('partner_id', '=', id)
    .execute()) {
    await db
      .updateTable('marac_referrals')
      .set({ data: scrubJson(m.data) })
      .where('id', '=', m.id)
      .execute();
  }
  await db.deleteFrom('safety_plan_history').where('partner_id', '=', id).execute();
  await db.deleteFrom('safety_plans').where('partner_id', '=', id).execute();
  for (const table of ['safeguarding_concerns', 'sharing_log'] as const) {
    for (const r of await db.selectFrom(table).select(['id', 'data']).where('partner_id', '=', id).execute()) {
      await inEveryFile(db, (file) => file.updateTable(table).set({ data: scrubJson(r.data) }).where('id', '=', r.id).executeTakeFirst());
    }
  }
  // Her outcome measures stay (the figures); the note on each, what she said in her words, goes. A folder not yet
  // converted to the partner file has no table of her measures (outcomes/summary.ts herTableThere).
  if (await herTableThere(db)) {
    counts.outcomeNotes = Number(
      (await db.updateTable('partner_outcomes').set({ note: '' }).where('partner_id', '=', id).where('note', '!=', '').executeTakeFirst())
        .numUpdatedRows,
    );
  }
  counts.tasks = await inEveryFile(db, (file) => file.deleteFrom('tasks').where('partner_id', '=', id).executeTakeFirst());
  return counts;
}
