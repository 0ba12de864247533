/**
 * CSV exports of the lists (participants with their filters, the waiting list,
 * tasks) for a spreadsheet. Every export is audited; cells that a spreadsheet
 * would run as formulas are neutralised where the file is built.
 */
import { z } from 'zod';
import { isoDate } from '../dates';
import { listInput } from './participants';
import { taskListInput } from './tasks';

export interface CsvFile {
  /** a name with no personal data in it: what it is, the date and the number of rows */
  fileName: string;
  csv: string;
  rows: number;
}

/** The participants list's filters and sort, without paging: every matching row. */
export const participantsExportInput = listInput.omit({ page: true, pageSize: true });

/** The tasks list's scope and status, without paging. */
export const tasksExportInput = taskListInput.omit({ page: true, pageSize: true, participantId: true });

/** Most rows one export holds. */
export const EXPORT_ROW_LIMIT = 100_000;

export const emptyExportInput = z.object({}).strict();

/** The funders' figures for a period, as the Word report counts them. */
export const figuresExportInput = z
  .object({ from: isoDate('Period from'), to: isoDate('Period to') })
  .refine((v) => v.from <= v.to, { message: 'The period must end after it starts', path: ['to'] });
