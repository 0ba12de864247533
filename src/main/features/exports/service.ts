/**
 * The lists as CSV: the participants list with its filters, the waiting list
 * and tasks. Each uses the same service as the screen, so the file holds what
 * the person could see (a restricted record they may not open shows only its
 * reference), and nothing more.
 */
import { nowIso, todayOf } from '../../clock';
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
import { shownCount, suppressBreakdown, suppressRate } from '../reports/suppression';
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
  const list = await waitingList(ctx.db, ctx.user, todayOf(ctx));
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

/**
 * The funders' figures from the same function as the Word report, one measure a row: counts only, no names.
 * Suppressed as the Word report is (suppression.ts): a count from 1 to 4 is "fewer than 5", and a breakdown
 * with a hidden count hides another and rounds its total, so nothing can be worked out by subtraction.
 */
export async function exportFigures(ctx: ServiceContext, input: RouteParsed<'exports.figures'>): Promise<CsvFile> {
  const f = await fundersFigures(ctx.db, input);
  const period = `${ukDate(f.from)} to ${ukDate(f.to)}`;
  const breakdown = <K extends string>(measure: string, values: Record<K, number>, total: number | null, labels: Record<K, string>) => {
    const s = suppressBreakdown(values, total ?? Object.values<number>(values).reduce((x, y) => x + y, 0));
    return [
      ...(total === null ? [] : [[measure, 'All', s.total] as [string, string, string]]),
      ...(Object.keys(values) as K[]).map((k): [string, string, string] => [measure, labels[k], s.cells[k]]),
    ];
  };
  const attendance = suppressRate(f.attendance.attended, f.attendance.marked, f.attendance.percent);
  const partner = suppressRate(f.partnerContact.partnerInContact, f.partnerContact.menAssessed, f.partnerContact.percent);
  const rows: Array<[string, string, string]> = [
    ...breakdown('Referrals', f.referrals.bySource, f.referrals.total, referralSourceLabels),
    ...breakdown('Assessments', f.assessments.byOutcome, f.assessments.total, assessmentOutcomeLabels),
    ['Starts', '', shownCount(f.starts)],
    ['Completions', '', shownCount(f.completions)],
    ...breakdown('Exits', f.exits.byReason, f.exits.total, exitReasonLabels),
    ['Attendance', 'Attended', attendance.part],
    ['Attendance', 'Marked', attendance.whole],
    ['Attendance', 'Percent', attendance.percent],
    ['Partner contact', 'Men assessed', partner.whole],
    ['Partner contact', 'Partner in contact', partner.part],
    ['Partner contact', 'Percent', partner.percent],
    // No total row, as in the Word report: the men with a rating are not counted elsewhere.
    ...breakdown('Risk level (latest in period)', f.riskLevels, null, riskLevelLabels),
  ];
  return csvFile(
    `funders-figures-${f.from}-to-${f.to}`,
    ['Period', 'Measure', 'Category', 'Number'],
    rows.map((r) => [period, ...r]),
    nowIso(ctx).slice(0, 10),
  );
}
