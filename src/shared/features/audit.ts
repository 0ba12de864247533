import { z } from 'zod';

const isoDate = z.iso.date('Enter a date as YYYY-MM-DD');

export const auditListInput = z
  .object({
    staffId: z.uuid().optional(),
    action: z.string().trim().max(80).optional(),
    /** a record's id, or a person's reference (P-2026-0042) or name */
    subjectId: z.string().trim().max(120).optional(),
    outcome: z.enum(['ok', 'refused', 'failed']).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(10).max(200).default(50),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'The end date is before the start date', path: ['to'] });

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  outcome: 'ok' | 'refused' | 'failed';
  subjectType: string | null;
  subjectId: string | null;
  /** the person's reference (P-2026-0042), where the reader may know it */
  subjectReference: string | null;
  detail: Record<string, unknown> | null;
  /** which chain it is in: the programme's, or the partner side's (shown only to a role behind the wall) */
  chain?: 'programme' | 'partner';
}

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
  actions: string[];
}

/** Whether the database reaches the anchor kept outside it (the newest entry's number and hash). */
export type AuditAnchorCheck =
  | { state: 'ok' }
  | { state: 'anchor-missing' | 'anchor-damaged'; message: string }
  | { state: 'entries-missing'; missing: number; since: string | null; until: string; message: string };

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  /** the first entry whose hash or link does not match */
  firstBroken: { seq: number; at: string; reason: string; chain?: 'programme' | 'partner' } | null;
  /** the chains checked, with their entry counts (the partner side's only for a role behind the wall) */
  chains?: Array<{ chain: 'programme' | 'partner'; checked: number; ok: boolean }>;
  /** the newest entries, checked against the anchor outside the database (absent from older back ends) */
  anchor?: AuditAnchorCheck;
}

/** The same filters as the list, without paging: every matching entry, as CSV for a spreadsheet. */
export const auditExportInput = z
  .object({
    staffId: z.uuid().optional(),
    action: z.string().trim().max(80).optional(),
    /** a record's id, or a person's reference (P-2026-0042) or name */
    subjectId: z.string().trim().max(120).optional(),
    outcome: z.enum(['ok', 'refused', 'failed']).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'The end date is before the start date', path: ['to'] });

export interface AuditExport {
  /** a name with no personal data in it: the date and the number of entries */
  fileName: string;
  csv: string;
  rows: number;
}

/** Most rows one export holds; narrow the filters for more. */
export const AUDIT_EXPORT_LIMIT = 100_000;
