/**
 * Bringing existing records in from a spreadsheet (.xlsx or .csv): what each kind of
 * import holds, which columns it knows, and the routes' inputs. Every row is checked
 * with the same schemas as the window's forms; nothing is saved unless every row passes.
 */
import { z } from 'zod';
import { boundedRecord } from '../limits';
import type { Permission } from '../permissions';

export const importKinds = ['participants', 'statuses', 'attendance', 'consents', 'partners', 'staff'] as const;
export type ImportKind = (typeof importKinds)[number];
export const importKindLabels: Record<ImportKind, string> = {
  participants: 'Participants with their referrals',
  statuses: 'Where each man has got to (assessed, waiting list, in a group, completed, left), with dates',
  attendance: 'Group attendance so far (past sessions’ registers)',
  consents: 'Consents (for men already on record)',
  partners: 'Partners and ex-partners, with the link to the man',
  staff: 'Staff accounts (names, user names, roles)',
};
/**
 * Who may import each kind: the same permission as adding one such record by hand.
 * Case records are a manager's; staff accounts an administrator's (as on the Staff page).
 */
export const importKindPermission: Record<ImportKind, Permission> = {
  participants: 'participants.edit',
  statuses: 'participants.edit',
  attendance: 'registers.take',
  consents: 'participants.edit',
  partners: 'partners.edit',
  staff: 'staff.manage',
};

/** The largest file the Import page accepts (the window refuses bigger files before reading them). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** The most rows one file may hold. */
export const MAX_IMPORT_ROWS = 20_000;

export interface ImportField {
  key: string;
  label: string;
  required: boolean;
  /** header names (folded: lower case, letters and digits) that mean this field */
  aliases: string[];
  /** an example value for the template */
  example: string;
}

const f = (key: string, label: string, required: boolean, example: string, ...aliases: string[]): ImportField => ({
  key,
  label,
  required,
  example,
  aliases,
});

export const importFields: Record<ImportKind, ImportField[]> = {
  participants: [
    f('reference', 'Reference', false, '', 'ref', 'client ref', 'case ref', 'case reference', 'id'),
    f('firstName', 'First name', true, 'Daniel', 'forename', 'given name', 'first'),
    f('lastName', 'Last name', true, 'Okafor', 'surname', 'family name', 'last'),
    f('dateOfBirth', 'Date of birth', true, '14/03/1985', 'dob', 'birth date', 'd o b'),
    f('preferredName', 'Preferred name', false, 'Dan', 'known as'),
    f('gender', 'Gender', false, 'Male', 'sex'),
    f('phone', 'Phone', false, '07700 900123', 'telephone', 'mobile', 'phone number', 'tel'),
    f('email', 'Email', false, '', 'email address', 'e mail'),
    f('address', 'Address', false, '1 High Street, Leeds LS1 1AA', 'home address'),
    f('language', 'Language', false, 'English', 'first language', 'preferred language'),
    f('interpreterNeeded', 'Interpreter needed', false, 'No', 'interpreter'),
    f('keyWorker', 'Key worker', false, '', 'worker', 'allocated worker', 'key worker username'),
    f('source', 'Referred by', true, 'Probation', 'referral source', 'source', 'referrer type'),
    f('agency', 'Referring agency', false, 'National Probation Service', 'referrer', 'referring organisation'),
    f('receivedOn', 'Date referral received', true, '02/09/2026', 'referral date', 'date referred', 'received', 'date received'),
    f('reason', 'Reason for referral', true, 'Controlling behaviour towards ex-partner', 'reason', 'referral reason'),
    f('route', 'Route', true, 'Criminal justice', 'referral route', 'pathway'),
    f('courtReference', 'Court or order reference', false, '', 'court ref', 'order reference', 'case number'),
  ],
  statuses: [
    f('reference', 'His reference', true, 'P-2026-0001', 'reference', 'participant reference', 'ref', 'client ref'),
    f('status', 'Status', true, 'Assessed', 'new status', 'stage'),
    f('effectiveOn', 'Date of the change', true, '20/09/2026', 'date', 'effective date', 'status date', 'from'),
    f('outcome', 'Assessment outcome (if assessed)', false, 'Suitable for group', 'outcome', 'assessment outcome'),
    f('exitReason', 'Why he left (if exited)', false, '', 'exit reason', 'reason for leaving', 'why he left'),
    f('reason', 'Reason or note', false, '', 'reason', 'notes', 'note', 'comment'),
  ],
  attendance: [
    f('reference', 'His reference', true, 'P-2026-0001', 'reference', 'participant reference', 'ref', 'client ref'),
    f('group', 'Group', true, 'Tuesday evening group', 'group name', 'group'),
    f('sessionDate', 'Session date', true, '13/01/2026', 'date', 'session', 'date of session'),
    f('attendance', 'Attendance', true, 'Present', 'attended', 'attendance', 'register', 'mark'),
    f('lateMinutes', 'Minutes late (if late)', false, '', 'minutes late', 'late by', 'late'),
    f('leftEarlyMinutes', 'Minutes left early (if left early)', false, '', 'minutes early', 'left early by', 'left early'),
    f('absenceReason', 'Reason he gave (if absent)', false, '', 'reason', 'absence reason', 'reason for absence', 'notes'),
  ],
  consents: [
    f('reference', 'Participant reference', true, 'P-2026-0001', 'reference', 'ref', 'client ref'),
    f('recipient', 'Shared with', true, 'Probation', 'recipient', 'agency', 'consent to'),
    f('recipientName', 'Agency name (if other)', false, ''),
    f('purpose', 'Purpose', true, 'Progress and risk updates', 'what for'),
    f('howGiven', 'How given', true, 'Signed', 'method', 'signed or verbal'),
    f('confidentialityExplained', 'Limits of confidentiality explained', true, 'Yes', 'confidentiality explained'),
    f('givenOn', 'Date given', true, '05/09/2026', 'consent date', 'date signed', 'given'),
    f('reviewOn', 'Review date', true, '05/03/2027', 'review', 'expiry date', 'expires'),
  ],
  partners: [
    f('participantReference', 'His reference', true, 'P-2026-0001', 'participant reference', 'perpetrator reference', 'man reference'),
    f('relationship', 'Relationship to him', true, 'Ex-partner', 'relationship', 'current or ex'),
    f('firstName', 'First name', true, 'Sarah', 'forename', 'given name'),
    f('lastName', 'Last name', true, 'Jones', 'surname', 'family name'),
    f('dateOfBirth', 'Date of birth', false, '', 'dob', 'birth date'),
    f('phone', 'Phone', false, '', 'telephone', 'mobile'),
    f('safeNumber', 'Safe number', false, '', 'safe phone'),
    f('safeTimes', 'Safe times to call', false, '', 'safe times'),
    f('address', 'Address', false, ''),
    f('language', 'Language', false, 'English'),
    f('from', 'Together from', false, '', 'from', 'relationship start'),
    f('to', 'Separated on', false, '', 'to', 'separation date'),
  ],
  staff: [
    f('fullName', 'Full name', true, 'Priya Shah', 'name', 'staff name', 'full name'),
    f('username', 'User name', true, 'pshah', 'username', 'login', 'user id', 'log in name'),
    f('role', 'Role', true, 'Facilitator', 'role', 'access', 'access level'),
    f('jobTitle', 'Job title', false, 'Group facilitator', 'title', 'position', 'job'),
    f('gender', 'Gender', false, 'Woman', 'sex'),
  ],
};

/** Header text folded for matching: lower case, letters and digits separated by single spaces. */
export function foldHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** field key -> the header it is read from (or null when the file has no such column) */
export type ImportMapping = Record<string, string | null>;

/** Proposes which column is which field: the saved mapping first (where that header is present), then the header names. */
export function proposeMapping(kind: ImportKind, headers: string[], saved: ImportMapping | null): ImportMapping {
  const mapping: ImportMapping = {};
  const used = new Set<string>();
  for (const field of importFields[kind]) {
    const remembered = saved?.[field.key];
    if (remembered && headers.includes(remembered) && !used.has(remembered)) {
      mapping[field.key] = remembered;
      used.add(remembered);
      continue;
    }
    const names = [foldHeader(field.label), foldHeader(field.key.replace(/([A-Z])/g, ' $1')), ...field.aliases];
    const match = headers.find((h) => !used.has(h) && names.includes(foldHeader(h)));
    mapping[field.key] = match ?? null;
    if (match) used.add(match);
  }
  return mapping;
}

const mappingSchema = boundedRecord(z.string().max(60), z.string().max(200).nullable(), 60, 'columns');

export const importFileInput = z.object({
  kind: z.enum(importKinds, 'Choose what the file holds'),
  /** the file's bytes, base64 (at most 20 MB of file) */
  base64: z
    .string()
    .min(1, 'Choose a file')
    .max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 8, 'The file is larger than 20 MB. Split it into smaller files.'),
  /** the mapping the manager chose; absent: proposed from the headers */
  mapping: mappingSchema.optional(),
  /** the columns chosen for the previous file: proposed again where this file has those headers */
  previous: mappingSchema.optional(),
  /** the manager's answer for each possible match, by row number: a different man (import him) or the same (leave the row out) */
  sameAs: boundedRecord(z.string().max(6).regex(/^\d{1,6}$/), z.enum(['new', 'same']), MAX_IMPORT_ROWS, 'answers about possible matches').optional(),
});

/** A row that may be a man already on record (or on another row): the manager decides; never merged by the program. */
export interface PossibleMatch {
  row: number;
  /** the name on this row */
  name: string;
  /** who he may be: a reference and name on record, or another row of the file */
  matchWith: string;
  /** why, in plain words */
  why: string;
  choice: 'new' | 'same' | null;
}

export const importMappingInput = z.object({ kind: z.enum(importKinds), mapping: mappingSchema });
export const importKindInput = z.object({ kind: z.enum(importKinds) });

export interface ImportProblem {
  /** the row number as the spreadsheet shows it (the header is row 1); 0 for the whole file */
  row: number;
  /** the column's header, or '' for the whole row or file */
  column: string;
  message: string;
}

export interface ImportCheck {
  kind: ImportKind;
  sha256: string;
  headers: string[];
  mapping: ImportMapping;
  rows: number;
  /** the first rows as they would be saved, by field label */
  preview: Array<Record<string, string>>;
  /** at most 500 are returned; problemCount is the total */
  problems: ImportProblem[];
  problemCount: number;
  /** rows that may be someone already on record or on another row, with the manager's answer so far */
  matches: PossibleMatch[];
}

export interface ImportResult {
  kind: ImportKind;
  rows: number;
  created: number;
  /** rows left out because the manager said he is a man already on record */
  skipped: number;
  sha256: string;
  /** staff imports only: each new account's temporary password, shown once (never stored in the window or the log) */
  temporaryPasswords?: Array<{ fullName: string; username: string; temporaryPassword: string }>;
}

export interface ImportProgress {
  phase: 'reading' | 'checking' | 'importing' | 'idle';
  done: number;
  total: number;
}
