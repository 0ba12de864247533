/**
 * The report workflow: a draft with its free-text sections, a preview built
 * from the records, a manager's sign-off (which freezes the content), the
 * file produced and recorded with its SHA-256, the information-sharing log
 * entry when it goes to an agency, and regeneration byte for byte with a
 * warning when the records have changed since.
 */
import { randomUUID } from 'node:crypto';
import type { CsvFile } from '../../../shared/features/exports';
import { toCsv } from '../../export/csv';
import { packCsvRows } from './accreditation-pack';
import type { RouteParsed } from '../../../shared/api';
import {
  needsConsent,
  figuresReportTypes,
  recipientLabels,
  recipientProblem,
  reportTypes,
  type GeneratedReport,
  type LetterType,
  type Recipient,
  type RegeneratedReport,
  type ReportContent,
  type ReportDetail,
  type ReportSummary,
  type ReportType,
  type SavePlace,
} from '../../../shared/features/reports';
import { can } from '../../../shared/permissions';
import { AppError, invalidField, notFound } from '../../app-error';
import type { ReportsTable } from '../../db/schema';
import type { Db, ServiceContext, Session } from '../../ipc/context';
import {
  loadLetterhead,
  letterheadNotices,
  letterheadProblems,
  renderDocx,
  sha256 as sha256Of,
  type Letterhead,
} from '../../reports/render';
import { assertCanOpen } from '../participants/access';
import { flagsOf } from '../participants/service';
import { getVisibleSessionRow } from '../groups/service';
import { readSettings } from '../settings/service';
import { buildReport, contextOf, type Built } from './build';
import { ukDate, type BuildContext } from './content-helpers';
import { closeReportDueTasks } from '../tasks/service';
import { currentConsent, decideSharing } from './sharing-decision';
import { markReportSent } from './sending';
import { wordingFor } from './wording';
import { countAhead, countPagesOffThread, packedAhead, warmPageCounter } from './page-count-task';
import { stampAndZip } from '../../reports/pack';
import { dayOf, nowIso, todayOf } from '../../clock';

export { currentConsent };

/**
 * The day and moment a report is judged and stamped on: the back end's clock (src/main/clock.ts), read once per
 * route from its ctx and handed down, so a test that fixes the clock gets the same report whatever the computer's
 * date. `today` is London's date (what the preview, his sessions to come and his consents are judged on); `now`
 * is the ISO moment (UTC) stamped on the row, whose first ten characters date a sign-off and a produced file, as
 * they always have.
 */
type When = { today: string; now: string };

/** What was sent, frozen: regenerating from this gives the same bytes whatever has changed since. */
interface Snapshot {
  content: ReportContent;
  letterhead: Omit<Letterhead, 'logo'> & {
    logo: { type: 'png' | 'jpg'; width: number; height: number; base64: string } | null;
  };
}

/**
 * Frozen at sign-off (or when produced without one), with its number of pages laid out once for "Page X of N",
 * on a worker thread so the window and other routes are not held (no count if that fails: never a wrong one).
 */
const freeze = async (row: ReportsTable, content: ReportContent, l: Letterhead): Promise<Snapshot> => {
  const final = asFrozen(content);
  const pageCount = await countPagesOffThread(final, l, metaOf(row));
  return toSnapshot(pageCount === undefined ? final : { ...final, pageCount }, l);
};

/** What freezing adds to a report's content before its pages are counted: the file opens read-only in Word. */
const asFrozen = (content: ReportContent): ReportContent => ({ ...content, readOnly: true });

const metaOf = (row: ReportsTable) => ({ reportType: row.type, typeLabel: reportTypes[row.type as ReportType].label });

const toSnapshot = (content: ReportContent, l: Letterhead): Snapshot => ({
  content,
  letterhead: {
    ...l,
    logo: l.logo
      ? { type: l.logo.type, width: l.logo.width, height: l.logo.height, base64: l.logo.data.toString('base64') }
      : null,
  },
});
const fromSnapshot = (s: Snapshot): Letterhead => ({
  ...s.letterhead,
  logo: s.letterhead.logo ? { ...s.letterhead.logo, data: Buffer.from(s.letterhead.logo.base64, 'base64') } : null,
});

async function getRow(db: Db, id: string): Promise<ReportsTable> {
  const row = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That report');
  return row;
}

/** Participant reports follow his record's restriction; session printables need groups access (checked by the route). */
async function assertCanSee(db: Db, user: Session, row: Pick<ReportsTable, 'participant_id' | 'type'>) {
  if (row.participant_id) await assertCanOpen(db, user, row.participant_id);
  if (figuresReportTypes.includes(row.type as ReportType) && !can(user.role, 'reports.figures'))
    throw new AppError('FORBIDDEN', 'Only managers produce the figures for funders and the accreditation pack.');
}

async function staffMember(db: Db, id: string | null): Promise<{ name: string; jobTitle: string } | null> {
  if (!id) return null;
  const s = await db.selectFrom('staff').select(['full_name', 'job_title']).where('id', '=', id).executeTakeFirst();
  return s ? { name: s.full_name, jobTitle: s.job_title ?? '' } : null;
}

async function people(db: Db, row: ReportsTable) {
  const author = await staffMember(db, row.author_id);
  const approver = await staffMember(db, row.approver_id);
  return {
    author,
    approver:
      approver && row.signed_at
        ? { ...approver, signedOn: row.signed_at.slice(0, 10), sameAsAuthor: row.approver_id === row.author_id }
        : null,
  };
}

/** How a reader contacts the author and approver: the organisation's telephone and address, on one line. */
const contactOf = (l: Letterhead) =>
  [
    l.name,
    l.phone ? `telephone ${l.phone}` : '',
    l.address
      .split(/\n/)
      .map((x) => x.trim())
      .filter(Boolean)
      .join(', '),
  ]
    .filter(Boolean)
    .join(', ');

async function build(
  db: Db,
  user: Session,
  row: ReportsTable,
  asOf: string,
  today: string,
  approver?: NonNullable<BuildContext['approver']>,
): Promise<Built & { letterhead: Letterhead; wordingVersion: number | null }> {
  const letterhead = await loadLetterhead(db);
  const p = await people(db, row);
  const letterMarking = (await readSettings(db)).letterMarkings[row.type as LetterType];
  // The version it was frozen with, or the newest for a draft (wording.ts).
  const wording = await wordingFor(db, row.type as ReportType, row.wording_version);
  const built = await buildReport(db, user, row, today, {
    ...contextOf(
      row,
      asOf,
      { name: letterhead.name, contact: contactOf(letterhead) },
      approver ? { ...p, approver } : p,
    ),
    ...(letterMarking ? { letterMarking } : {}),
    ...(wording ? { wording: wording.paragraphs } : {}),
  });
  return { ...built, letterhead, wordingVersion: wording?.version ?? null };
}

function summary(
  row: ReportsTable & { author_name: string | null; approver_name: string | null; reference: string | null },
): ReportSummary {
  return {
    id: row.id,
    type: row.type as ReportType,
    status: row.status as ReportSummary['status'],
    participantId: row.participant_id,
    participantReference: row.reference,
    sessionId: row.session_id,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    recipient: row.recipient as Recipient | null,
    recipientName: row.recipient_name,
    authorName: row.author_name,
    approverName: row.approver_name,
    createdAt: row.created_at,
    signedAt: row.signed_at,
    savedAt: row.generated_at,
    sentAt: row.sent_at,
    sentOn: row.sent_on,
    sentHow: row.sent_how as ReportSummary['sentHow'],
    sha256: row.sha256,
  };
}

const listQuery = (db: Db) =>
  db
    .selectFrom('reports')
    .leftJoin('staff as a', 'a.id', 'reports.author_id')
    .leftJoin('staff as m', 'm.id', 'reports.approver_id')
    .leftJoin('participants', 'participants.id', 'reports.participant_id')
    .selectAll('reports')
    .select(['a.full_name as author_name', 'm.full_name as approver_name', 'participants.reference']);

export async function listReports(ctx: ServiceContext, input: RouteParsed<'reports.list'>): Promise<ReportSummary[]> {
  const { db, user } = ctx;
  // Someone in the reports area may soon sign one off or produce one: the page-count thread is started now.
  warmPageCounter();
  let q = listQuery(db);
  if (input.participantId) {
    await assertCanOpen(db, user, input.participantId);
    q = q.where('reports.participant_id', '=', input.participantId);
  }
  if (input.sessionId) q = q.where('reports.session_id', '=', input.sessionId);
  if (input.status) q = q.where('reports.status', '=', input.status);
  if (input.type) q = q.where('reports.type', '=', input.type);
  if (!can(user.role, 'reports.figures')) q = q.where('reports.type', 'not in', [...figuresReportTypes]);
  const rows = await q.orderBy('reports.created_at', 'desc').limit(input.limit).execute();
  const out: ReportSummary[] = [];
  for (const r of rows) {
    if (r.participant_id && !input.participantId) {
      try {
        await assertCanOpen(db, user, r.participant_id);
      } catch {
        continue;
      }
    }
    out.push(summary(r));
  }
  return out;
}

/** A letter goes to him; a report to an agency is one a manager signs off (see allowedRecipients). */
function assertRecipient(type: ReportType, recipient: Recipient | null) {
  const problem = recipient ? recipientProblem(type, recipient) : null;
  if (problem) throw invalidField('recipient', problem);
}

export async function createReport(ctx: ServiceContext, input: RouteParsed<'reports.create'>): Promise<ReportDetail> {
  const { db, user } = ctx;
  const def = reportTypes[input.type];
  if (figuresReportTypes.includes(input.type) && !can(user.role, 'reports.figures'))
    throw new AppError('FORBIDDEN', 'Only managers produce the figures for funders and the accreditation pack.');
  if (def.subject === 'participant') {
    await assertCanOpen(db, user, input.participantId!);
    const p = await db
      .selectFrom('participants')
      .select('id')
      .where('id', '=', input.participantId!)
      .executeTakeFirst();
    if (!p) throw notFound('That participant');
  }
  if (def.subject === 'session') await getVisibleSessionRow(db, user, input.sessionId!);
  assertRecipient(input.type, input.recipient ?? def.defaultRecipient);
  const id = randomUUID();
  const at = nowIso(ctx);
  await db
    .insertInto('reports')
    .values({
      id,
      type: input.type,
      status: 'draft',
      participant_id: def.subject === 'participant' ? input.participantId : null,
      session_id: def.subject === 'session' ? input.sessionId : null,
      period_from: def.period ? input.periodFrom : '',
      period_to: def.period ? input.periodTo : '',
      recipient: input.recipient ?? def.defaultRecipient,
      recipient_name: input.recipientName,
      sections: JSON.stringify({}),
      content: null,
      fingerprint: null,
      sha256: null,
      file_name: null,
      generated_at: null,
      author_id: user.staffId,
      approver_id: null,
      signed_at: null,
      sent_at: null,
      sharing_id: null,
      share_basis: null,
      share_consent_id: null,
      share_decided_by: null,
      share_reason: '',
      sent_on: null,
      sent_how: null,
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
  ctx.audit({
    action: 'reports.create',
    subjectType: def.subject === 'participant' ? 'participant' : 'report',
    subjectId: def.subject === 'participant' ? input.participantId : id,
    detail: { reportId: id, type: input.type, fields: Object.keys(input) },
  });
  return detail(ctx, await getRow(db, id));
}

/**
 * The document a sign-off by this person now would freeze (or, for a report produced without one, the
 * produce), counted on the page-count thread while they read the preview, so the sign-off finds its
 * count made (page-count-task.ts). Nothing is counted for someone who could not sign it off.
 */
async function countAheadOfSignOff(db: Db, user: Session, row: ReportsTable, preview: Built & { letterhead: Letterhead }, when: When) {
  const def = reportTypes[row.type as ReportType];
  if (preview.blockers.length || letterheadProblems(preview.letterhead).length) return;
  const at = when.now;
  if (!def.needsSignOff) {
    // Produced straight from the draft, with the date of the day it is produced (as generateReport does).
    if (at.slice(0, 10) === when.today) countAhead(row.id, asFrozen(preview.content), preview.letterhead, metaOf(row));
    return;
  }
  if (!can(user.role, 'reports.sign')) return;
  const sameAsAuthor = row.author_id === user.staffId;
  if (sameAsAuthor && !(await readSettings(db)).allowSelfSignOff) return;
  const me = await staffMember(db, user.staffId);
  // Exactly as signOffReport builds it: the approver is this person, signing today.
  const signed = await build(db, user, row, at.slice(0, 10), when.today, { name: user.fullName, jobTitle: me?.jobTitle ?? '', signedOn: at.slice(0, 10), sameAsAuthor });
  if (!signed.blockers.length) countAhead(row.id, asFrozen(signed.content), signed.letterhead, metaOf(row));
}

async function detail(ctx: ServiceContext, row: ReportsTable, known: { dataChanged?: boolean } = {}): Promise<ReportDetail> {
  const { db, user } = ctx;
  const when = dayOf(ctx);
  const { today } = when;
  const joined = await listQuery(db).where('reports.id', '=', row.id).executeTakeFirstOrThrow();
  let content: ReportContent;
  let marking: string;
  let blockers: string[] = [];
  let editable: ReportDetail['editable'] = [];
  let dataChanged = false;
  let wordingVersion = row.wording_version;
  if (row.content) {
    const snapshot = JSON.parse(row.content) as Snapshot;
    content = snapshot.content;
    marking = snapshot.letterhead.marking;
    if (known.dataChanged !== undefined) dataChanged = known.dataChanged;
    else {
      const again = await build(db, user, row, row.signed_at?.slice(0, 10) ?? today, today);
      dataChanged = again.fingerprint !== row.fingerprint;
    }
  } else {
    warmPageCounter();
    const built = await build(db, user, row, today, today);
    await countAheadOfSignOff(db, user, row, built, when);
    content = { ...built.content, warnings: [...built.content.warnings, ...letterheadNotices(built.letterhead)] };
    marking = built.letterhead.marking;
    blockers = [...letterheadProblems(built.letterhead), ...built.blockers];
    editable = built.editable;
    wordingVersion = built.wordingVersion;
  }
  const him = row.participant_id
    ? await db.selectFrom('participants').selectAll().where('id', '=', row.participant_id).executeTakeFirst()
    : undefined;
  const recipient = row.recipient as Recipient | null;
  const needed = Boolean(row.participant_id && recipient && needsConsent(recipient));
  const consent = needed ? await currentConsent(db, row.participant_id!, recipient!, today) : null;
  const decidedBy = row.share_decided_by ? await staffMember(db, row.share_decided_by) : null;
  return {
    ...summary(joined),
    version: row.version,
    sections: JSON.parse(row.sections) as Record<string, string>,
    editable,
    content,
    blockers,
    consent: {
      needed,
      current: Boolean(consent),
      label: !needed
        ? ''
        : consent
          ? `He consented to sharing with ${recipientLabels[recipient!]} on ${ukDate(consent.given_on)} (review by ${ukDate(consent.review_on)}).`
          : `He has no current consent to share with ${recipientLabels[recipient!]}. Record his consent on his Consent tab, or a manager records the reason for sharing without it when signing off.`,
      decided: row.share_basis
        ? {
            basis: row.share_basis as 'consent' | 'without_consent',
            reason: row.share_reason,
            decidedByName: decidedBy?.name ?? null,
          }
        : null,
    },
    dataChanged,
    wordingVersion,
    fileName: row.file_name,
    marking,
    participantFlags: him ? flagsOf(him) : [],
  };
}

export async function getReport(ctx: ServiceContext, input: RouteParsed<'reports.get'>): Promise<ReportDetail> {
  const { db, user } = ctx;
  const row = await getRow(db, input.id);
  await assertCanSee(db, user, row);
  ctx.audit({
    action: 'reports.preview',
    subjectType: row.participant_id ? 'participant' : 'report',
    subjectId: row.participant_id ?? row.id,
    detail: { reportId: row.id, type: row.type },
  });
  return detail(ctx, row);
}

function assertVersion(row: ReportsTable, version: number) {
  if (row.version !== version)
    throw new AppError(
      'CONFLICT',
      'Someone else changed this report after you opened it. Reload to see the latest, then make your change again.',
    );
}

export async function updateReport(ctx: ServiceContext, input: RouteParsed<'reports.update'>): Promise<ReportDetail> {
  const { db, user } = ctx;
  const row = await getRow(db, input.id);
  await assertCanSee(db, user, row);
  assertVersion(row, input.version);
  if (row.status !== 'draft')
    throw new AppError(
      'CONFLICT',
      'This report has been signed off, so it can no longer be changed. Start a new report instead.',
    );
  const def = reportTypes[row.type as ReportType];
  const allowed = new Set(def.sections.map((s) => s.key));
  // A concern's wording is kept only when the facilitators changed it, so a later correction on the record still shows.
  const today = todayOf(ctx);
  const wording = await build(
    db,
    user,
    def.period ? { ...row, period_from: input.periodFrom, period_to: input.periodTo } : row,
    today,
    today,
  );
  const originals = new Map(wording.editable.map((w) => [w.key, w.original.trim()]));
  const sections = Object.fromEntries(
    Object.entries(input.sections).filter(
      ([k, v]) => allowed.has(k) || (originals.has(k) && v.trim() !== '' && v.trim() !== originals.get(k)),
    ),
  );
  if (def.period) {
    if (!input.periodFrom) throw invalidField('periodFrom', 'Enter the start of the period');
    if (!input.periodTo) throw invalidField('periodTo', 'Enter the end of the period');
    if (input.periodTo < input.periodFrom) throw invalidField('periodTo', 'The period must end after it starts');
  }
  if (input.recipient === 'other' && !input.recipientName) throw invalidField('recipientName', 'Name the agency');
  assertRecipient(row.type as ReportType, input.recipient ?? (row.recipient as Recipient | null));
  await db
    .updateTable('reports')
    .set({
      sections: JSON.stringify(sections),
      period_from: def.period ? input.periodFrom : '',
      period_to: def.period ? input.periodTo : '',
      recipient: input.recipient ?? row.recipient,
      recipient_name: input.recipientName,
      version: row.version + 1,
      updated_at: nowIso(ctx),
    })
    .where('id', '=', row.id)
    .execute();
  ctx.audit({
    action: 'reports.update',
    subjectType: row.participant_id ? 'participant' : 'report',
    subjectId: row.participant_id ?? row.id,
    detail: { reportId: row.id, fields: ['sections', 'periodFrom', 'periodTo', 'recipient'] },
  });
  return detail(ctx, await getRow(db, row.id));
}

export async function signOffReport(ctx: ServiceContext, input: RouteParsed<'reports.signOff'>): Promise<ReportDetail> {
  const { db, user } = ctx;
  const row = await getRow(db, input.id);
  await assertCanSee(db, user, row);
  assertVersion(row, input.version);
  if (row.status !== 'draft') throw new AppError('CONFLICT', 'This report has already been signed off.');
  const { today, now: at } = dayOf(ctx);
  // Sign-off is a second pair of eyes: the author may sign their own report only where the organisation allows it.
  const sameAsAuthor = row.author_id === user.staffId;
  const selfSigning =
    sameAsAuthor && !(await readSettings(db)).allowSelfSignOff
      ? [
          'You wrote this report, so another manager must sign it off. A charity with only one manager can allow authors to sign off their own reports in Settings.',
        ]
      : [];
  const me = await staffMember(db, user.staffId);
  const built = await build(db, user, row, at.slice(0, 10), today, {
    name: user.fullName,
    jobTitle: me?.jobTitle ?? '',
    signedOn: at.slice(0, 10),
    sameAsAuthor,
  });
  const problems = [...selfSigning, ...letterheadProblems(built.letterhead), ...built.blockers];
  if (problems.length) throw new AppError('VALIDATION', problems.join(' '));
  const sharing = await decideSharing(db, user, row, input.withoutConsentReason, at.slice(0, 10));
  await db
    .updateTable('reports')
    .set({
      ...sharing,
      status: 'signed',
      approver_id: user.staffId,
      signed_at: at,
      content: JSON.stringify(await freeze(row, built.content, built.letterhead)),
      fingerprint: built.fingerprint,
      wording_version: built.wordingVersion,
      version: row.version + 1,
      updated_at: at,
    })
    .where('id', '=', row.id)
    .execute();
  // The report due for the referrer is done: its task closes by itself (it cannot be closed by hand).
  if (row.participant_id) await closeReportDueTasks(db, row.participant_id, at);
  ctx.audit({
    action: 'reports.signOff',
    subjectType: row.participant_id ? 'participant' : 'report',
    subjectId: row.participant_id ?? row.id,
    detail: { reportId: row.id, type: row.type, basis: sharing.share_basis },
  });
  // Just frozen from the records as they are in this transaction: nothing has changed since.
  return detail(ctx, await getRow(db, row.id), { dataChanged: false });
}

/** Records that a saved report was sent, with the day and how (see sending.ts). */
export async function markSent(ctx: ServiceContext, input: RouteParsed<'reports.markSent'>): Promise<ReportDetail> {
  const row = await getRow(ctx.db, input.id);
  await assertCanSee(ctx.db, ctx.user, row);
  await markReportSent(ctx, input, row);
  return detail(ctx, await getRow(ctx.db, row.id));
}

const slug: Record<ReportType, string> = {
  court_mid: 'court-report-mid-programme',
  court_end: 'court-report-end-of-programme',
  probation_update: 'probation-update',
  childrens_services_update: 'childrens-services-update',
  suitability: 'suitability-assessment',
  participant_record: 'participant-record',
  letter_appointment: 'letter-appointment',
  letter_missed_session: 'letter-missed-session',
  letter_end: 'letter-end-of-programme',
  register_blank: 'register-blank',
  register_filled: 'register',
  session_plan: 'session-plan',
  funders_figures: 'funders-figures',
  accreditation_pack: 'accreditation-pack',
};

/** A file name with his reference (never his name), the kind of report, the period, a short id and the date. */
async function fileNameFor(db: Db, row: ReportsTable, date: string): Promise<string> {
  const ref = row.participant_id
    ? (await db.selectFrom('participants').select('reference').where('id', '=', row.participant_id).executeTakeFirst())
        ?.reference
    : null;
  const session = row.session_id
    ? await db.selectFrom('sessions').select(['date', 'number']).where('id', '=', row.session_id).executeTakeFirst()
    : null;
  return (
    [
      slug[row.type as ReportType],
      ref,
      session ? `session-${session.number}-${session.date}` : null,
      row.period_from && row.period_to ? `${row.period_from}-to-${row.period_to}` : null,
      // a short id, so two reports of the same kind and period never share a name
      row.id.slice(0, 8),
      date,
    ]
      .filter(Boolean)
      .join('_') + '.docx'
  );
}

/** Places chosen in the desktop save dialog, by token, until the report is produced or ten minutes pass. */
const places = new Map<string, { place: string; reportId: string; staffId: string; until: number }>();
const PLACE_TTL_MS = 10 * 60_000;

/**
 * The desktop program's save dialog, opened before the report is produced
 * (this route runs outside any transaction, so nothing waits on the person).
 * In the browser there is no dialog: the file is downloaded.
 */
export async function choosePlace(ctx: ServiceContext, input: RouteParsed<'reports.choosePlace'>): Promise<SavePlace> {
  const { db, user } = ctx;
  const row = await getRow(db, input.id);
  await assertCanSee(db, user, row);
  const saver = ctx.backend.fileSaver;
  if (!saver) return { token: null, cancelled: false };
  const fileName =
    (row.status === 'saved' || row.status === 'sent') && row.file_name ? row.file_name : await fileNameFor(db, row, nowIso(ctx).slice(0, 10));
  const place = await saver.choose(fileName);
  if (!place) return { token: null, cancelled: true };
  // The ten minutes a chosen place is held for are a timer, not a date anyone sees: measured on the computer's
  // clock, so a fixed back-end clock (a test's) neither keeps a place for ever nor expires it at once.
  const t = Date.now();
  for (const [k, v] of places) if (v.until < t) places.delete(k);
  const token = randomUUID();
  places.set(token, { place, reportId: row.id, staffId: user.staffId, until: t + PLACE_TTL_MS });
  return { token, cancelled: false };
}

/** Writes to the place chosen in the desktop program's dialog when there is one; otherwise the bytes go back to the window. */
/** The pack's CSV: the same words and numbers as its Word document, row by row. */
export function packCsvBytes(content: ReportContent): { bytes: Buffer; sha256: string } {
  const bytes = Buffer.from(toCsv(['Section', 'Item', 'Column', 'Value'], packCsvRows(content)), 'utf8');
  return { bytes, sha256: sha256Of(bytes) };
}

/**
 * The saved accreditation pack as CSV (outcomes.packCsv): built from the saved Word pack's content,
 * recorded as a report of its own (type, period, author, time, the file's hash).
 */
export async function packCsv(ctx: ServiceContext, id: string): Promise<CsvFile> {
  const { db, user } = ctx;
  const row = await getRow(db, id);
  await assertCanSee(db, user, row);
  if (row.type !== 'accreditation_pack' || !row.content || row.file_name?.endsWith('.csv'))
    throw new AppError('VALIDATION', 'Save the accreditation pack as a Word file first: the CSV is made from it.');
  const snapshot = JSON.parse(row.content) as Snapshot;
  const { bytes, sha256 } = packCsvBytes(snapshot.content);
  const at = nowIso(ctx);
  const newId = randomUUID();
  const fileName = `accreditation-pack-${row.period_from}-to-${row.period_to}-${newId.slice(0, 8)}-${at.slice(0, 10)}.csv`;
  await db
    .insertInto('reports')
    .values({ ...row, id: newId, status: 'saved', sha256, file_name: fileName, generated_at: at, author_id: user.staffId, approver_id: null, signed_at: null, sent_at: null, sent_on: null, sent_how: null, sharing_id: null, version: 1, created_at: at, updated_at: at })
    .execute();
  ctx.audit({ action: 'reports.generate', subjectType: 'report', subjectId: newId, detail: { reportId: newId, from: row.id, type: row.type, format: 'csv', sha256 } });
  const csv = bytes.toString('utf8');
  return { fileName, csv, rows: csv.split('\r\n').length - 2 };
}

async function deliver(
  ctx: ServiceContext,
  reportId: string,
  token: string,
  bytes: Buffer,
): Promise<{ base64: string | null; savedTo: string | null }> {
  const saver = ctx.backend.fileSaver;
  if (!saver) return { base64: bytes.toString('base64'), savedTo: null };
  const chosen = token ? places.get(token) : undefined;
  // The place's ten minutes are a timer on the computer's clock (see choosePlace), not the back end's date.
  if (!chosen || chosen.reportId !== reportId || chosen.staffId !== ctx.user.staffId || chosen.until < Date.now())
    throw new AppError('CONFLICT', 'Choose where to save the report first: press the button again.');
  try {
    await saver.write(chosen.place, bytes);
  } catch {
    throw new AppError(
      'CONFLICT',
      'The report could not be saved there (the folder may be read-only, full or on a removed drive). Nothing was recorded and the report is kept as it was: try again and choose another place.',
    );
  }
  ctx.afterCommit(() => {
    places.delete(token);
    return Promise.resolve();
  });
  return { base64: null, savedTo: chosen.place };
}

export async function generateReport(
  ctx: ServiceContext,
  input: RouteParsed<'reports.generate'>,
): Promise<GeneratedReport> {
  const { db, user } = ctx;
  const row = await getRow(db, input.id);
  await assertCanSee(db, user, row);
  assertVersion(row, input.version);
  const def = reportTypes[row.type as ReportType];
  if (row.status === 'saved' || row.status === 'sent')
    throw new AppError('CONFLICT', 'This report has already been saved. Use “Download again” to produce the same file.');
  if (def.needsSignOff && row.status !== 'signed')
    throw new AppError('CONFLICT', 'A manager must sign this report off before it can be produced.');
  const wrongRecipient = row.recipient ? recipientProblem(row.type as ReportType, row.recipient as Recipient) : null;
  if (wrongRecipient) throw invalidField('recipient', `${wrongRecipient}. Change who it is for in the draft`);
  const { today, now: at } = dayOf(ctx);
  // The date printed on it and in its file name: the day of the moment it is produced (UTC), as it always was.
  const producedOn = at.slice(0, 10);

  let snapshot: Snapshot;
  let fingerprint: string;
  let wordingVersion = row.wording_version;
  if (row.content) {
    snapshot = JSON.parse(row.content) as Snapshot;
    fingerprint = row.fingerprint!;
  } else {
    const built = await build(db, user, row, producedOn, today);
    const problems = [...letterheadProblems(built.letterhead), ...built.blockers];
    if (problems.length) throw new AppError('VALIDATION', problems.join(' '));
    snapshot = await freeze(row, built.content, built.letterhead);
    fingerprint = built.fingerprint;
    wordingVersion = built.wordingVersion;
  }

  // Whether it may be shared was settled at sign-off (sharing-decision.ts); it is logged when it is sent.
  const recipient = row.recipient as Recipient | null;

  // Packed ahead on the page-count thread when it is the very same document (only the time is added here).
  const ahead = packedAhead(snapshot.content, fromSnapshot(snapshot), metaOf(row));
  const { bytes, sha256 } = ahead
    ? (() => {
        const b = stampAndZip(ahead, at);
        return { bytes: b, sha256: sha256Of(b) };
      })()
    : await renderDocx(snapshot.content, fromSnapshot(snapshot), metaOf(row), at);
  const fileName = await fileNameFor(db, row, producedOn);
  const delivered = await deliver(ctx, row.id, input.saveToken, bytes);

  await db
    .updateTable('reports')
    .set({
      status: 'saved',
      content: JSON.stringify(snapshot),
      fingerprint,
      sha256,
      file_name: fileName,
      generated_at: at,
      wording_version: wordingVersion,
      version: row.version + 1,
      updated_at: at,
    })
    .where('id', '=', row.id)
    .execute();
  ctx.audit({
    action: 'reports.generate',
    subjectType: row.participant_id ? 'participant' : 'report',
    subjectId: row.participant_id ?? row.id,
    detail: {
      reportId: row.id,
      type: row.type,
      recipient,
      sha256,
      basis: row.share_basis,
      savedByDialog: Boolean(delivered.savedTo),
    },
  });
  return { base64: delivered.base64, fileName, sha256, cancelled: false, savedTo: delivered.savedTo };
}

export async function regenerateReport(
  ctx: ServiceContext,
  input: RouteParsed<'reports.regenerate'>,
): Promise<RegeneratedReport> {
  const { db, user } = ctx;
  const row = await getRow(db, input.id);
  await assertCanSee(db, user, row);
  if ((row.status !== 'saved' && row.status !== 'sent') || !row.content || !row.generated_at)
    throw new AppError('CONFLICT', 'Only a report that has been saved can be produced again.');
  const snapshot = JSON.parse(row.content) as Snapshot;
  // The accreditation pack's CSV is recorded as a report of its own, made again from the same content.
  const { bytes, sha256 } = row.file_name?.endsWith('.csv')
    ? packCsvBytes(snapshot.content)
    : await renderDocx(snapshot.content, fromSnapshot(snapshot), metaOf(row), row.generated_at);
  const again = await build(db, user, row, row.signed_at?.slice(0, 10) ?? row.generated_at.slice(0, 10), todayOf(ctx));
  const dataChanged = again.fingerprint !== row.fingerprint;
  const delivered = await deliver(ctx, row.id, input.saveToken, bytes);
  ctx.audit({
    action: 'reports.regenerate',
    subjectType: row.participant_id ? 'participant' : 'report',
    subjectId: row.participant_id ?? row.id,
    detail: { reportId: row.id, type: row.type, sha256, identical: sha256 === row.sha256, dataChanged },
  });
  return {
    base64: delivered.base64,
    fileName: row.file_name ?? 'report.docx',
    sha256,
    cancelled: false,
    savedTo: delivered.savedTo,
    identical: sha256 === row.sha256,
    dataChanged,
  };
}
