/**
 * The lists as CSV: the participants list with its filters, the waiting list
 * and tasks. Each uses the same service as the screen, so the file holds what
 * the person could see (a restricted record they may not open shows only its
 * reference), and nothing more.
 */
import { nowIso } from '../../clock';
import type { RouteParsed } from '../../../shared/api';
import { EXPORT_ROW_LIMIT, type CsvFile } from '../../../shared/features/exports';
import {
  assessmentOutcomeLabels,
  exitReasonLabels,
  flagLabels,
  referralRouteLabels,
  referralSourceLabels,
  statusLabels,
  type Flag,
} from '../../../shared/features/participants';
import { taskKindLabels } from '../../../shared/features/tasks';
import { roleLabels, type Role } from '../../../shared/permissions';
import { csvFile, ukDate } from '../../export/csv';
import type { ServiceContext } from '../../ipc/context';
import { listParticipants, waitingList } from '../participants/service';
import { listTasks } from '../tasks/service';
import { fundersFigures } from '../reports/figures';
import { riskLevelLabels } from '../../../shared/features/risk';

const flagsText = (flags: readonly Flag[]) => flags.map((f) => flagLabels[f]).join('; ');
const RESTRICTED = 'Restricted record';

export async function exportParticipants(
  ctx: ServiceContext,
  input: RouteParsed<'exports.participants'>,
): Promise<CsvFile> {
  const list = await listParticipants(ctx.db, ctx.user, { ...input, page: 1, pageSize: EXPORT_ROW_LIMIT });
  const header = [
    'Reference',
    'Name',
    'Date of birth',
    'Status',
    'Route',
    'Referred by',
    'Date referred',
    'Key worker',
    'Flags',
  ];
  const rows = list.rows.map((r) => [
    r.reference,
    r.name ?? RESTRICTED,
    ukDate(r.dateOfBirth),
    statusLabels[r.status],
    r.route ? referralRouteLabels[r.route] : '',
    r.source ? referralSourceLabels[r.source] : '',
    ukDate(r.referredOn),
    r.keyWorkerName ?? '',
    flagsText(r.flags),
  ]);
  return csvFile('participants', header, rows, nowIso(ctx).slice(0, 10));
}

export async function exportWaitingList(ctx: ServiceContext): Promise<CsvFile> {
  const list = await waitingList(ctx.db, ctx.user);
  const header = ['No.', 'Reference', 'Name', 'Date referred', 'Days waiting', 'Assessment outcome', 'Route', 'Flags'];
  const rows = list.map((r, i) => [
    i + 1,
    r.reference,
    r.name ?? RESTRICTED,
    ukDate(r.referredOn),
    r.daysWaiting,
    r.outcome ? assessmentOutcomeLabels[r.outcome] : '',
    r.route ? referralRouteLabels[r.route] : '',
    flagsText(r.flags),
  ]);
  return csvFile('waiting-list', header, rows, nowIso(ctx).slice(0, 10));
}

export async function exportTasks(ctx: ServiceContext, input: RouteParsed<'exports.tasks'>): Promise<CsvFile> {
  const page = await listTasks(ctx, { ...input, page: 1, pageSize: EXPORT_ROW_LIMIT });
  const header = [
    'Due',
    'Overdue',
    'Urgent',
    'Kind',
    'Title',
    'Detail',
    'Participant reference',
    'Participant',
    'For',
    'Status',
    'Done on',
    'Done by',
    'Note when done',
  ];
  const rows = page.tasks.map((t) => [
    ukDate(t.dueOn),
    t.overdue,
    t.urgent,
    taskKindLabels[t.kind] ?? t.kind,
    t.title,
    t.detail,
    t.participantReference ?? '',
    t.participantName ?? '',
    t.assigneeName ?? (t.assigneeRole ? `Any ${roleLabels[t.assigneeRole as Role].toLowerCase()}` : ''),
    t.status === 'open' ? 'To do' : 'Done',
    ukDate(t.doneAt?.slice(0, 10)),
    t.doneByName ?? '',
    t.doneNote,
  ]);
  return csvFile(input.status === 'done' ? 'tasks-done' : 'tasks-to-do', header, rows, nowIso(ctx).slice(0, 10));
}

/** The funders' figures from the same function as the Word report, one measure a row: counts only, no names. */
export async function exportFigures(ctx: ServiceContext, input: RouteParsed<'exports.figures'>): Promise<CsvFile> {
  const f = await fundersFigures(ctx.db, input);
  const period = `${ukDate(f.from)} to ${ukDate(f.to)}`;
  const rows: Array<[string, string, number | string]> = [
    ['Referrals', 'All', f.referrals.total],
    ...Object.entries(f.referrals.bySource).map(([k, n]): [string, string, number] => [
      'Referrals',
      referralSourceLabels[k as keyof typeof referralSourceLabels],
      n,
    ]),
    ['Assessments', 'All', f.assessments.total],
    ...Object.entries(f.assessments.byOutcome).map(([k, n]): [string, string, number] => [
      'Assessments',
      assessmentOutcomeLabels[k as keyof typeof assessmentOutcomeLabels],
      n,
    ]),
    ['Starts', '', f.starts],
    ['Completions', '', f.completions],
    ['Exits', 'All', f.exits.total],
    ...Object.entries(f.exits.byReason).map(([k, n]): [string, string, number] => [
      'Exits',
      exitReasonLabels[k as keyof typeof exitReasonLabels],
      n,
    ]),
    ['Attendance', 'Attended', f.attendance.attended],
    ['Attendance', 'Marked', f.attendance.marked],
    ['Attendance', 'Percent', f.attendance.percent ?? ''],
    ['Partner contact', 'Men assessed', f.partnerContact.menAssessed],
    ['Partner contact', 'Partner in contact', f.partnerContact.partnerInContact],
    ['Partner contact', 'Percent', f.partnerContact.percent ?? ''],
    ...Object.entries(f.riskLevels).map(([k, n]): [string, string, number] => [
      'Risk level (latest in period)',
      riskLevelLabels[k as keyof typeof riskLevelLabels],
      n,
    ]),
  ];
  return csvFile(
    `funders-figures-${f.from}-to-${f.to}`,
    ['Period', 'Measure', 'Category', 'Number'],
    rows.map((r) => [period, ...r]),
    nowIso(ctx).slice(0, 10),
  );
}
