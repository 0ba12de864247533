/**
 * Importing where each man has got to: status changes after his referral (assessed,
 * waiting list, active, completed, exited...), with their dates, for men already on
 * record. Each row is checked with participants.setStatus's own schema and the same
 * rules the window's status dialog meets (not before his birth or his referral; the
 * waiting list or a group only after he was assessed as suitable, or with a reason),
 * and saved through setStatus itself, so history, tasks and the partner service's
 * alerts follow exactly as if each change had been made by hand, in date order.
 */
import type { z } from 'zod';
import { importKindPermission } from '../../../shared/features/imports';
import {
  assessmentOutcomeLabels,
  assessmentOutcomes,
  exitReasonLabels,
  exitReasons,
  needsReasonToMoveOn,
  setStatusInput,
  statusLabels,
  statuses,
  type Status,
} from '../../../shared/features/participants';
import { can } from '../../../shared/permissions';
import { AppError } from '../../app-error';
import { openableRestricted } from '../participants/access';
import { setStatus } from '../participants/service';
import type { FieldProblem, KindRules, RowCells } from './kinds';
import { readChoice, readDate, readText } from './values';

interface Man {
  id: string;
  dateOfBirth: string;
  referredOn: string | null;
  /** the assessment outcome as it stands after the rows so far */
  outcome: string | null;
  /** the latest date of a change, on record or on an earlier row */
  lastOn: string;
  lastRow: number | null;
  hidden: boolean;
}

const NIL = '00000000-0000-4000-8000-000000000000';
const ukDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

const statusExtras: Record<string, Status> = {
  'on the waiting list': 'waiting_list',
  waiting: 'waiting_list',
  'in a group': 'active',
  'in group': 'active',
  started: 'active',
  attending: 'active',
  complete: 'completed',
  finished: 'completed',
  left: 'exited',
  exit: 'exited',
  'dropped out': 'exited',
  withdrawn: 'exited',
  'awaiting assessment': 'awaiting_assessment',
  'to assess': 'awaiting_assessment',
};
const outcomeExtras: Record<string, (typeof assessmentOutcomes)[number]> = {
  group: 'suitable_group',
  suitable: 'suitable_group',
  'one to one': 'suitable_one_to_one',
  '1 1': 'suitable_one_to_one',
  unsuitable: 'not_suitable',
};
const exitExtras: Record<string, (typeof exitReasons)[number]> = {
  withdrawn: 'withdrew',
  'left the area': 'moved_away',
  moved: 'moved_away',
  prison: 'custody',
  attendance: 'deselected_attendance',
  conduct: 'deselected_conduct',
  behaviour: 'deselected_conduct',
};

function choice<T extends string>(cells: RowCells, key: string, list: readonly T[], labels: Record<T, string>, extra: Record<string, T>, problems: FieldProblem[]): T | null {
  const value = readChoice(cells[key] ?? null, list, labels, extra);
  if (value === null) problems.push({ field: key, message: `Not one of the choices. Use one of: ${list.map((c) => labels[c]).join('; ')}` });
  return value || null;
}

export const statusKind: KindRules = {
  raisesTasks: false, // setStatus refreshes his tasks itself, row by row
  allowed: (ctx) => (can(ctx.user.role, importKindPermission.statuses) ? null : 'Your role cannot change where a man is in the programme.'),
  async load(ctx) {
    const rows = await ctx.db.selectFrom('participants').select(['id', 'reference', 'date_of_birth', 'referred_on', 'outcome', 'restricted']).execute();
    const history = await ctx.db.selectFrom('status_history').select(['participant_id', (eb) => eb.fn.max('effective_on').as('last')]).groupBy('participant_id').execute();
    const lastOf = new Map(history.map((h) => [h.participant_id, String(h.last ?? '')]));
    const openable = await openableRestricted(ctx.db, ctx.user, rows.filter((r) => r.restricted === 1).map((r) => r.id));
    const men = new Map<string, Man>();
    for (const r of rows) {
      men.set(r.reference, {
        id: r.id,
        dateOfBirth: r.date_of_birth,
        referredOn: r.referred_on,
        outcome: r.outcome,
        lastOn: lastOf.get(r.id) ?? '',
        lastRow: null,
        hidden: r.restricted === 1 && !openable.has(r.id),
      });
    }
    return men;
  },
  checkRow(cells, raw, rowNumber) {
    const men = raw as Map<string, Man>;
    const problems: FieldProblem[] = [];
    const reference = readText(cells.reference ?? null).toUpperCase();
    const found = men.get(reference);
    const man = found && !found.hidden ? found : undefined;
    if (!reference) problems.push({ field: 'reference', message: 'Enter his reference (P-YYYY-NNNN)' });
    else if (found?.hidden) problems.push({ field: 'reference', message: 'This record is restricted to named staff. Ask a manager who can open it to import this row' });
    else if (!man) problems.push({ field: 'reference', message: 'No participant has this reference. Import the participants first, or correct the reference' });
    const status = choice(cells, 'status', statuses, statusLabels, statusExtras, problems);
    const outcome = choice(cells, 'outcome', assessmentOutcomes, assessmentOutcomeLabels, outcomeExtras, problems);
    const exitReason = choice(cells, 'exitReason', exitReasons, exitReasonLabels, exitExtras, problems);
    const effectiveOn = readDate(cells.effectiveOn ?? null);
    if (effectiveOn === null) problems.push({ field: 'effectiveOn', message: 'Cannot read this date. Write it as dd/mm/yyyy (for example 14/03/2026)' });
    const input = {
      id: man?.id ?? NIL,
      version: 1,
      status: status ?? undefined,
      outcome: status === 'assessed' ? outcome : null,
      exitReason: status === 'exited' ? exitReason : null,
      reason: readText(cells.reason ?? null),
      effectiveOn: effectiveOn ?? '',
    };
    const parsed = setStatusInput.safeParse(input);
    const reported = new Set(problems.map((p) => p.field));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).pop() ?? 'status';
        if (!reported.has(field)) problems.push({ field, message: issue.message });
      }
    }
    if (status === 'referred') problems.push({ field: 'status', message: 'His referral already records him as referred. Leave this row out, or import the referral with the participants' });
    // The same rules as the status dialog (participants.setStatus), with his state as the earlier rows leave it.
    if (man && effectiveOn && status) {
      if (effectiveOn < man.dateOfBirth) problems.push({ field: 'effectiveOn', message: 'The date of the change cannot be before his date of birth' });
      else if (man.referredOn && effectiveOn < man.referredOn) problems.push({ field: 'effectiveOn', message: `The date of the change cannot be before his referral was received (${ukDate(man.referredOn)})` });
      else if (man.lastOn && effectiveOn < man.lastOn) {
        problems.push({
          field: 'effectiveOn',
          message: man.lastRow
            ? `This is earlier than his change on row ${man.lastRow}. Put his rows in date order`
            : `His record already has a change dated ${ukDate(man.lastOn)}. Changes are imported after what is on record`,
        });
      }
      if (needsReasonToMoveOn(status, man.outcome) && !input.reason) {
        problems.push({ field: 'reason', message: 'He has not been assessed as suitable (on record or on an earlier row). Add an assessed row before this one, or give the reason to move him on anyway' });
      }
      if (status === 'assessed') man.outcome = outcome;
      else if (status !== 'waiting_list' && status !== 'active') man.outcome = null;
      man.lastOn = effectiveOn;
      man.lastRow = rowNumber;
    }
    const shown = {
      reference,
      status: status ? statusLabels[status] : '',
      effectiveOn: effectiveOn ? ukDate(effectiveOn) : '',
      outcome: status === 'assessed' && outcome ? assessmentOutcomeLabels[outcome] : '',
      exitReason: status === 'exited' && exitReason ? exitReasonLabels[exitReason] : '',
      reason: input.reason.slice(0, 60),
    };
    return { input: parsed.success ? parsed.data : null, problems, shown };
  },
  async save(ctx, input) {
    const change = input as z.output<typeof setStatusInput>;
    const row = await ctx.db.selectFrom('participants').select('version').where('id', '=', change.id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'That participant was not found.');
    // setStatus also applies the rules that need his attendance (the programme's completion rule).
    await setStatus(ctx, { ...change, version: row.version });
    return null;
  },
};
