/**
 * The audit log in plain words (issue 16, item 8): "Tried to add a case note
 * with a missing date", never "code: VALIDATION". The log holds only the route,
 * the outcome, the error's kind and the names of the fields at fault (never
 * what was typed), so the sentence is built from those.
 */
import { reportTypes, type ReportType } from './reports';

/** What each area of the program is about, as a thing one acts on. */
const areaNouns: Record<string, string> = {
  assessments: 'an assessment',
  attendance: 'an attendance summary',
  audit: 'the audit log',
  auth: 'the log-in',
  backups: 'a backup',
  closures: 'a closure date',
  consents: 'a consent',
  curriculum: 'the curriculum',
  drafts: 'a draft',
  enrolments: 'an enrolment',
  exports: 'a CSV export',
  goals: 'a goal or achievement',
  groups: 'a group',
  notes: 'a case note',
  participants: 'a participant’s record',
  partners: 'a partner’s record',
  plans: 'a session plan',
  programmes: 'a programme type',
  referrals: 'a referral',
  registers: 'a register',
  reports: 'a report',
  retention: 'the retention review',
  risk: 'a risk rating',
  safeguarding: 'a safeguarding concern',
  sessions: 'a session',
  settings: 'the settings',
  sharing: 'an information-sharing entry',
  staff: 'a staff account',
  subjectAccess: 'a subject access request',
  tasks: 'a task',
  updates: 'an update',
};

/** [to do it, did it] for the usual verbs at the end of a route's name. */
const verbs: Record<string, [string, string]> = {
  add: ['add', 'Added'],
  create: ['add', 'Added'],
  raise: ['raise', 'Raised'],
  log: ['log', 'Logged'],
  record: ['record', 'Recorded'],
  save: ['save', 'Saved'],
  update: ['save', 'Saved'],
  updateDetails: ['save', 'Saved'],
  list: ['open', 'Opened'],
  get: ['open', 'Opened'],
  search: ['search for', 'Searched for'],
  remove: ['remove', 'Removed'],
  delete: ['delete', 'Deleted'],
  withdraw: ['withdraw', 'Withdrew'],
  complete: ['close', 'Closed'],
  reopen: ['reopen', 'Reopened'],
  export: ['export', 'Exported'],
  start: ['start', 'Started'],
  preview: ['preview', 'Previewed'],
  produce: ['produce', 'Produced'],
  check: ['check', 'Checked'],
  verify: ['check', 'Checked'],
};

/** Whole routes whose words the pattern above would get wrong. */
const routeWords: Record<string, [string, string]> = {
  'auth.login': ['log in', 'Logged in'],
  // Once a day, at the first log-in with partner access (tasks/new-day.ts): her side's tasks for the day.
  'tasks.dayRaised': ['raise the partner service’s tasks for the day', 'Raised the partner service’s tasks for the day'],
  'auth.unlock': ['unlock', 'Unlocked'],
  'auth.recover': ['log in with the recovery key', 'Logged in with the recovery key'],
  'auth.changePassword': ['change their password', 'Changed own password'],
  'auth.setup': ['set up the program', 'Set up the program'],
  'participants.create': ['add a referral', 'Added a referral'],
  'participants.setStatus': ['change his status', 'Changed his status'],
  'participants.restrict': ['restrict a record', 'Changed who may see a record'],
  'participants.findDuplicates': ['check for a duplicate', 'Checked for a duplicate'],
  'participants.waitingList': ['open the waiting list', 'Opened the waiting list'],
  'partners.logContact': ['log a contact with a partner', 'Logged a contact with a partner'],
  'partners.saveChecklist': ['save a risk checklist', 'Saved a risk checklist'],
  'partners.saveSafetyPlan': ['save a safety plan', 'Saved a safety plan'],
  'partners.saveReferral': ['save a MARAC or MAPPA referral', 'Saved a MARAC or MAPPA referral'],
  'partners.link': ['link a partner to him', 'Linked a partner to him'],
  'groups.enrol': ['enrol him on a group', 'Enrolled him on a group'],
  'enrolments.leave': ['record him leaving a group', 'Recorded him leaving a group'],
  'enrolments.move': ['move him to another group', 'Moved him to another group'],
  'sessions.reschedule': ['move a session', 'Moved a session'],
  'sessions.cancel': ['cancel a session', 'Cancelled a session'],
  'reports.signOff': ['sign off a report', 'Signed off a report'],
  'reports.generate': ['save a report as a Word document', 'Saved a report as a Word document'],
  'reports.regenerate': ['download a report again', 'Downloaded a report again'],
  'reports.markSent': ['record a report as sent', 'Recorded a report as sent'],
  'reports.preview': ['open a report', 'Opened a report'],
  'reports.wording': ['open the standard wording of reports', 'Opened the standard wording of reports'],
  'reports.saveWording': ['save the standard wording of reports', 'Saved the standard wording of reports'],
  'reports.choosePlace': ['choose where to save a report', 'Chose where to save a report'],
  'staff.resetPassword': ['reset a password', 'Reset a password'],
  'staff.deactivate': ['deactivate an account', 'Deactivated an account'],
  'staff.reactivate': ['reactivate an account', 'Reactivated an account'],
  'backups.restore': ['restore a backup', 'Restored a backup'],
  'backups.inspect': ['open a backup to restore', 'Opened a backup to restore'],
  'backups.start': ['make a backup', 'Made a backup'],
  'subjectAccess.produce': ['produce a subject access pack', 'Produced a subject access pack'],
  'retention.anonymise': ['anonymise a record', 'Anonymised a record'],
  'retention.delete': ['delete a record', 'Deleted a record'],
  'retention.extend': ['keep a record longer', 'Kept a record longer'],
};

const words = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();

/** The words for a route: what someone tried to do, and what they did. */
export function routeDoing(action: string): { tried: string; did: string } {
  const known = routeWords[action];
  if (known) return { tried: known[0], did: known[1] };
  const [area = '', method = ''] = action.split('.');
  const noun = areaNouns[area] ?? words(area);
  const verb = verbs[method];
  if (verb) return { tried: `${verb[0]} ${noun}`, did: `${verb[1]} ${noun}` };
  // An action added later: its own words, still without dots or capitals in the middle.
  const what = words(method);
  return { tried: `${what} (${noun})`, did: `${what.charAt(0).toUpperCase()}${what.slice(1)} (${noun})` };
}

/** Field names as a person would say them. */
const fieldWords: Record<string, string> = {
  occurredOn: 'date',
  noteType: 'type of note',
  body: 'text',
  dateOfBirth: 'date of birth',
  firstName: 'first name',
  lastName: 'last name',
  fullName: 'name',
  username: 'user name',
  newPassword: 'new password',
  currentPassword: 'current password',
  dueOn: 'due date',
  sentOn: 'date sent',
  sharedOn: 'date shared',
  givenOn: 'date given',
  reviewOn: 'review date',
  assessedOn: 'date assessed',
  nextReviewOn: 'next review date',
  withoutConsentReason: 'reason for sharing without consent',
  decisionReason: 'reason for the decision',
  reportDueDate: 'report due date',
  _: 'request',
};

export function fieldWord(path: string): string {
  const last = path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? path;
  return fieldWords[last] ?? words(last);
}

const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** Why a refusal happened, from the error's kind (never shown as a code). */
const refusalWords: Record<string, string> = {
  FORBIDDEN: 'which their role does not allow',
  NOT_FOUND: 'but it was not found',
  CONFLICT: 'but it could not be done at that point (changed by someone else, or already done)',
  LOCKED: 'while the program was locked',
  MUST_CHANGE_PASSWORD: 'before choosing a new password',
  BAD_SENDER: 'from outside the program’s own window',
  UNKNOWN_ROUTE: 'which the program does not know',
  UNAUTHENTICATED: 'without being logged in',
};

export interface AuditEventFacts {
  action: string;
  outcome: 'ok' | 'refused' | 'failed';
  detail: Record<string, unknown> | null;
}

/** One plain sentence for an entry: "Tried to add a case note with a missing date". */
export function describeEvent(e: AuditEventFacts, doneLabel?: string): string {
  const doing = routeDoing(e.action);
  // Her side's entry when his record was anonymised or deleted (retention/routes.ts auditHerSide): about him, counted for her.
  if (e.outcome === 'ok' && typeof e.detail?.participantId === 'string') {
    if (e.action === 'retention.anonymise') return 'Anonymised a man’s record; the partner service’s records about him changed with it';
    if (e.action === 'retention.delete') return 'Deleted a man’s record; the partner service’s records about him went with it';
  }
  if (e.outcome === 'ok') return doneLabel ?? doing.did;
  const d = e.detail ?? {};
  const code = typeof d.code === 'string' ? d.code : '';
  if (e.outcome === 'failed') return `Tried to ${doing.tried}, but something went wrong and nothing was saved`;
  const fields = Array.isArray(d.fields) ? d.fields.filter((f): f is string => typeof f === 'string') : [];
  const missing = new Set(Array.isArray(d.missing) ? d.missing.filter((f): f is string => typeof f === 'string') : []);
  if (fields.length) {
    const empty = fields.filter((f) => missing.has(f)).map(fieldWord);
    const wrong = fields.filter((f) => !missing.has(f)).map(fieldWord);
    const parts = [
      empty.length ? `a missing ${list(empty)}` : '',
      wrong.length ? `${wrong.length === 1 ? 'a' : ''} ${list(wrong)} that ${wrong.length === 1 ? 'was' : 'were'} not accepted`.trim() : '',
    ].filter(Boolean);
    return `Tried to ${doing.tried} with ${parts.join(' and ')}`;
  }
  if (typeof d.reason === 'string' && d.reason) return `Tried to ${doing.tried}: ${d.reason}`;
  const why = refusalWords[code];
  if (why) return `Tried to ${doing.tried}, ${why}`;
  return `Tried to ${doing.tried}, but it was not accepted`;
}

/** Keys in an entry's detail that are for machines (ids) or already said in the sentence. */
const hiddenKeys = new Set(['code', 'missing', 'delaySeconds']);

function valueText(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (Array.isArray(value)) return value.length ? value.map(valueText).join(', ') : 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${words(k)} ${valueText(v)}`)
      .join(', ');
  }
  const text = String(value);
  // Dates read as the rest of the window writes them (dd/mm/yyyy), not as stored.
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date) return `${date[3]}/${date[2]}/${date[1]}`;
  // Stored names such as 'without_consent' or 'court_mid' read as words.
  return /^[a-z]+(_[a-z]+)+$/.test(text) ? text.replace(/_/g, ' ') : text;
}

/** The rest of an entry's detail, in words: "Changed: name, role" or "Reason: wrong password; made to wait 4 s". */
export function describeDetail(e: AuditEventFacts): string {
  const d = e.detail;
  if (!d) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(d)) {
    if (hiddenKeys.has(key) || /Id$|^id$/.test(key)) continue;
    if (key === 'fields') {
      if (e.outcome === 'ok' && Array.isArray(value) && value.length)
        parts.push(`Changed: ${value.map((f) => fieldWord(String(f))).join(', ')}`);
      continue;
    }
    if (key === 'reason' && e.outcome !== 'ok') continue; // said in the sentence
    if (key === 'type' && typeof value === 'string' && value in reportTypes) {
      parts.push(`Kind: ${reportTypes[value as ReportType].label}`);
      continue;
    }
    if (key === 'sha256') {
      parts.push(`File fingerprint (SHA-256): ${String(value)}`);
      continue;
    }
    const label = words(key);
    parts.push(`${label.charAt(0).toUpperCase()}${label.slice(1)}: ${valueText(value)}`);
  }
  if (typeof d.delaySeconds === 'number' && d.delaySeconds > 0) parts.push(`Made to wait ${d.delaySeconds} s`);
  return parts.join('; ');
}
