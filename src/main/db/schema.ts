/**
 * Table types, written by hand. tests/main/db/schema.test.ts checks them
 * against the migrated database, so a migration and this file cannot drift.
 */
import type { Generated } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: string;
}

export interface SettingsTable {
  key: string;
  /** JSON text */
  value: string;
  updated_at: string;
  updated_by: string | null;
}

export interface StaffTable {
  id: string;
  username: string;
  full_name: string;
  job_title: string | null;
  role: string;
  /** 1 active, 0 deactivated */
  active: number;
  must_change_password: number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  deactivated_at: string | null;
  gender: string | null;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  route: string | null;
  outcome: string;
  subject_type: string | null;
  subject_id: string | null;
  /** JSON text: field names changed, reason for refusal, counts; never field values */
  detail: string | null;
  prev_hash: string;
  hash: string;
}

interface Stamped {
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface ParticipantsTable extends Stamped {
  id: string;
  reference: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  /** JSON: the validated details (src/shared/features/participants.ts) */
  details: string;
  status: string;
  outcome: string | null;
  exit_reason: string | null;
  referred_on: string | null;
  route: string | null;
  source: string | null;
  key_worker_id: string | null;
  interpreter: number;
  high_profile: number;
  child_protection: number;
  risk_level: string | null;
  restricted: number;
  sort_name: string;
  version: number;
  safeguarding_open: number;
  /** 1 while an open concern on a linked partner's side flags him: written across the wall by the partner side (migration 0015) */
  partner_side_flag: number;
  /** whether the partner service is in contact (null: no partner linked), written across by the partner side (migration 0015) */
  partner_contact_status: string | null;
  /** JSON: children named in open concerns on a linked partner's side, written across by the partner side (migration 0015) */
  partner_side_children: string;
  /** set when the retention workflow removed his identity (the counts stay for the figures) */
  anonymised_at: string | null;
}

export interface ParticipantAccessTable {
  participant_id: string;
  staff_id: string;
}

export interface ReferralsTable extends Stamped {
  id: string;
  participant_id: string;
  source: string;
  route: string;
  received_on: string;
  report_due_date: string | null;
  /** JSON: the rest of the referral */
  data: string;
  version: number;
}

export interface StatusHistoryTable {
  id: string;
  participant_id: string;
  status: string;
  outcome: string | null;
  exit_reason: string | null;
  reason: string;
  effective_on: string;
  changed_at: string;
  changed_by: string | null;
}

export interface AssessmentsTable extends Stamped {
  id: string;
  participant_id: string;
  form_version: number;
  /** JSON: ratings, exclusion factors, meeting dates, decision reason */
  data: string;
  decision: string | null;
  assessor_id: string;
  completed_on: string | null;
  version: number;
}

export interface RiskAssessmentsTable {
  id: string;
  participant_id: string;
  level: string;
  reasons: string;
  /** JSON array */
  red_flags: string;
  assessor_id: string;
  assessed_on: string;
  next_review_on: string;
  created_at: string;
  created_by: string | null;
}

export interface ConsentsTable extends Stamped {
  id: string;
  participant_id: string;
  recipient: string;
  given_on: string;
  review_on: string;
  withdrawn_on: string | null;
  /** JSON: purpose, how given, witness, withdrawal reason */
  data: string;
  version: number;
}

export interface CaseNotesTable extends Stamped {
  id: string;
  participant_id: string;
  note_type: string;
  occurred_on: string;
  body: string;
  author_id: string;
  edited_by: string;
  version: number;
}

export interface CaseNoteVersionsTable {
  id: string;
  note_id: string;
  note_type: string;
  occurred_on: string;
  body: string;
  written_by: string | null;
  written_at: string;
}

export interface GoalsTable extends Stamped {
  id: string;
  participant_id: string;
  kind: string;
  text: string;
  set_on: string;
  achieved_on: string | null;
  version: number;
}

export interface TasksTable {
  id: string;
  participant_id: string | null;
  kind: string;
  title: string;
  detail: string;
  assignee_id: string | null;
  assignee_role: string | null;
  due_on: string;
  urgent: number;
  status: string;
  source_key: string | null;
  done_at: string | null;
  done_by: string | null;
  done_note: string;
  created_at: string;
  created_by: string | null;
  /** set for tasks about a partner: only roles behind the partner wall see them */
  partner_id: string | null;
}

/** FTS5: folded names, aliases and references */
export interface ParticipantSearchTable {
  participant_id: string;
  kind: string;
  text: string;
}

/** FTS5: folded case-note text */
export interface NoteSearchTable {
  note_id: string;
  participant_id: string;
  text: string;
}

export interface ReferenceCountersTable {
  year: number;
  last: number;
}

export interface CurriculumThemesTable {
  id: string;
  name: string;
  description: string;
  sessions_count: number;
  position: number;
  version: number;
}

export interface SessionTemplatesTable {
  id: string;
  theme_id: string;
  position: number;
  title: string;
  /** JSON: aims, activities, materials, facilitator notes */
  data: string;
  version: number;
}

export interface ProgrammeTypesTable {
  id: string;
  name: string;
  kind: string;
  sessions_count: number;
  session_minutes: number;
  /** JSON: theme ids in order, completion rule */
  data: string;
  active: number;
  version: number;
}

export interface ClosureDatesTable {
  date: string;
  name: string;
}

export interface GroupsTable {
  id: string;
  programme_type_id: string;
  name: string;
  venue: string;
  weekday: number;
  start_time: string;
  start_date: string;
  capacity: number;
  intake: string;
  participant_id: string | null;
  interpreter_needed: number;
  /** JSON array of staff ids */
  facilitator_ids: string;
  version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  group_id: string;
  number: number;
  theme_id: string | null;
  date: string;
  start_time: string;
  minutes: number;
  venue: string;
  /** JSON array of staff ids */
  facilitator_ids: string;
  status: string;
  cancel_reason: string;
  catch_up_for: string | null;
  participant_id: string | null;
  interpreter_present: number;
  interpreter_name: string;
  debrief: string;
  register_version: number;
  register_taken_at: string | null;
  register_taken_by: string | null;
  version: number;
}

export interface SessionPlansTable {
  session_id: string;
  status: string;
  /** JSON: the plan */
  data: string;
  version: number;
  updated_at: string;
  updated_by: string | null;
}

export interface EnrolmentsTable {
  id: string;
  group_id: string;
  participant_id: string;
  status: string;
  joined_on: string;
  left_on: string | null;
  reason: string;
  override_reason: string;
  first_session_number: number | null;
  created_at: string;
  created_by: string | null;
}

export interface RegisterEntriesTable {
  session_id: string;
  participant_id: string;
  attendance: string;
  /** JSON: minutes late, reason, participation, note, concern */
  data: string;
}

export interface RegisterHistoryTable {
  id: string;
  session_id: string;
  version: number;
  /** JSON: the register as it was */
  data: string;
  at: string;
  by: string | null;
}

/** each change to a session (moved or cancelled), with its reason */
export interface SessionChangesTable {
  id: string;
  session_id: string;
  kind: string;
  reason: string;
  /** JSON: { before, after }, each { date, startTime, venue, facilitatorIds } */
  data: string;
  at: string;
  by: string | null;
}

export interface PartnersTable {
  id: string;
  reference: string;
  first_name: string;
  last_name: string;
  /** JSON: contact details, safe-contact instructions, children, consent */
  details: string;
  worker_id: string | null;
  contact_status: string;
  risk_level: string | null;
  next_contact_due: string | null;
  version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  safeguarding_open: number;
  anonymised_at: string | null;
}

export interface PartnerLinksTable {
  id: string;
  partner_id: string;
  participant_id: string;
  relationship: string;
  from_date: string;
  to_date: string;
  created_at: string;
}

export interface PartnerContactsTable {
  id: string;
  partner_id: string;
  at: string;
  method: string;
  outcome: string;
  notes: string;
  next_contact_due: string;
  created_at: string;
  created_by: string | null;
  /** the partner alert (task) this contact or attempt was about */
  alert_task_id: string | null;
  /** what a partner worker judged safe to go in his reports; '' when nothing is shared */
  share_summary: string;
  shared_by: string | null;
  shared_at: string | null;
}

/** The organisation's own wording for the risk checklist (version 1 ships in the code) */
export interface ChecklistFormsTable {
  version: number;
  /** JSON: [{ key, label }] */
  questions: string;
  high_risk_threshold: number;
  source: string;
  created_at: string;
  created_by: string | null;
}

export interface PartnerChecklistsTable {
  id: string;
  partner_id: string;
  form_version: number;
  /** JSON: answers, reasons, notes */
  data: string;
  complete: number;
  score: number;
  level: string | null;
  completed_on: string;
  created_at: string;
  created_by: string | null;
}

export interface SafetyPlansTable {
  partner_id: string;
  data: string;
  review_on: string;
  version: number;
  updated_at: string;
  updated_by: string | null;
}

export interface SafetyPlanHistoryTable {
  id: string;
  partner_id: string;
  version: number;
  data: string;
  at: string;
  by: string | null;
}

export interface MaracReferralsTable {
  id: string;
  partner_id: string;
  kind: string;
  referred_on: string;
  data: string;
  status: string;
  version: number;
  created_at: string;
  created_by: string | null;
}

/** FTS5: folded partner names (searched only for roles behind the wall) */
export interface PartnerSearchTable {
  partner_id: string;
  text: string;
}

export interface SafeguardingConcernsTable {
  id: string;
  side: string;
  participant_id: string | null;
  partner_id: string | null;
  kind: string;
  raised_on: string;
  /** JSON: what was seen or heard, children, actions, outcome */
  data: string;
  status: string;
  version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface ReportsTable {
  id: string;
  type: string;
  status: string;
  participant_id: string | null;
  session_id: string | null;
  period_from: string;
  period_to: string;
  recipient: string | null;
  recipient_name: string;
  /** JSON: free-text sections */
  sections: string;
  /** JSON: the content as signed off or sent */
  content: string | null;
  fingerprint: string | null;
  sha256: string | null;
  file_name: string | null;
  generated_at: string | null;
  author_id: string | null;
  approver_id: string | null;
  signed_at: string | null;
  sent_at: string | null;
  sharing_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  /** 'consent' or 'without_consent', decided at sign-off (migration 0018) */
  share_basis: string | null;
  share_consent_id: string | null;
  share_decided_by: string | null;
  share_reason: string;
  /** the day it was sent, as recorded; sent_at is when it was recorded */
  sent_on: string | null;
  sent_how: string | null;
  /** the standard wording's version it was frozen with (migration 0022); null for a draft or an older report */
  wording_version: number | null;
}

/** The organisation's wording of a report type's standard paragraphs, version 2 onwards (version 1 ships in the code). */
export interface ReportWordingTable {
  report_type: string;
  version: number;
  /** JSON: { paragraph key: text } */
  paragraphs: string;
  created_at: string;
  created_by: string | null;
}

export interface SharingLogTable {
  id: string;
  side: string;
  participant_id: string | null;
  partner_id: string | null;
  shared_on: string;
  basis: string;
  consent_id: string | null;
  decided_by: string | null;
  /** JSON: what, agency, person, why, reason */
  data: string;
  automatic: number;
  created_at: string;
  created_by: string | null;
}

/** A manager's decision to keep a record past its retention date; the latest for a record wins. */
export interface RetentionHoldsTable {
  id: string;
  subject: string;
  record_id: string;
  keep_until: string;
  reason: string;
  decided_by: string | null;
  decided_at: string;
}

export interface SubjectAccessRequestsTable {
  id: string;
  participant_id: string | null;
  participant_reference: string;
  received_on: string;
  due_on: string;
  channel: string;
  note: string;
  status: string;
  logged_by: string | null;
  logged_at: string;
  produced_at: string | null;
  produced_by: string | null;
  released: number;
  withheld: number;
  /** JSON array of released item ids */
  decisions: string;
  file_sha256: string | null;
}

/** Long text as it is typed, encrypted under its author's own key (migration 0014). */
export interface DraftsTable {
  staff_id: string;
  /** kind, record and field: 'case-note:<id>:text' */
  place: string;
  side: 'programme' | 'partner';
  /** JSON of the AES-256-GCM box */
  box: string;
  saved_at: string;
}

/** A summary a partner worker marked safe to share, written across the wall for his reports (migration 0015). */
export interface PartnerSharedSummariesTable {
  contact_id: string;
  participant_id: string;
  at: string;
  summary: string;
}

/**
 * Every table. The partner side's own tables (db/partner-file.ts PARTNER_TABLES) are created by the
 * migrations in case.db and moved into partner.db, under the partner key, at the first log-in after
 * the update; queries name them unqualified and find them in the attached partner file.
 */
/** Versions of an outcome measure set's wording after the shipped version 1 (migration 0021). */
export interface OutcomeFormsTable {
  set_name: string;
  version: number;
  items: string;
  source: string;
  created_at: string;
  created_by: string | null;
}
/**
 * The indicators whose score and band each outcome record keeps in columns (migration 0025, partner
 * upgrade 6): `score_<key>` (the value, null when not recorded or an answer it needs is blank) and
 * `band_<key>` (which of the indicator's bands it falls in, from 0). The keys are those of
 * features/outcomes/scoring.ts; features/outcomes/stored-scores.ts checks they match.
 */
export const HIS_SCORE_KEYS = ['his_total', 'acknowledgement', 'responsibility', 'motivation', 'own_view', 'progress'] as const;
export const HER_SCORE_KEYS = ['abuse', 'physical', 'sexual', 'harassment', 'controlling', 'safety', 'children', 'injuries', 'police', 'space', 'parenting'] as const;
export type ScoreColumns<K extends string> = { [P in K as `score_${P}`]: number | null } & { [P in K as `band_${P}`]: number | null };

/** His own measures and the facilitators' rating, at a point (migration 0021). */
export interface OutcomeRecordsTable extends ScoreColumns<(typeof HIS_SCORE_KEYS)[number]> {
  id: string;
  participant_id: string;
  set_name: string;
  point: string;
  form_version: number;
  status: string;
  answers: string;
  recorded_on: string;
  note: string;
  created_at: string;
  created_by: string | null;
}
/** Her answers at a point of his programme: in the partner file (partner-file upgrades 3 and 6). */
export interface PartnerOutcomesTable extends ScoreColumns<(typeof HER_SCORE_KEYS)[number]> {
  id: string;
  partner_id: string;
  participant_id: string;
  point: string;
  form_version: number;
  status: string;
  answers: string;
  recorded_on: string;
  note: string;
  created_at: string;
  created_by: string | null;
}

export interface Database {
  meta: MetaTable;
  schema_migrations: SchemaMigrationsTable;
  settings: SettingsTable;
  staff: StaffTable;
  audit_log: AuditLogTable;
  participants: ParticipantsTable;
  participant_access: ParticipantAccessTable;
  referrals: ReferralsTable;
  status_history: StatusHistoryTable;
  assessments: AssessmentsTable;
  risk_assessments: RiskAssessmentsTable;
  consents: ConsentsTable;
  case_notes: CaseNotesTable;
  case_note_versions: CaseNoteVersionsTable;
  goals: GoalsTable;
  tasks: TasksTable;
  participant_search: ParticipantSearchTable;
  note_search: NoteSearchTable;
  reference_counters: ReferenceCountersTable;
  curriculum_themes: CurriculumThemesTable;
  session_templates: SessionTemplatesTable;
  programme_types: ProgrammeTypesTable;
  closure_dates: ClosureDatesTable;
  groups: GroupsTable;
  sessions: SessionsTable;
  session_plans: SessionPlansTable;
  enrolments: EnrolmentsTable;
  register_entries: RegisterEntriesTable;
  register_history: RegisterHistoryTable;
  session_changes: SessionChangesTable;
  partners: PartnersTable;
  partner_links: PartnerLinksTable;
  partner_contacts: PartnerContactsTable;
  partner_checklists: PartnerChecklistsTable;
  checklist_forms: ChecklistFormsTable;
  report_wording: ReportWordingTable;
  safety_plans: SafetyPlansTable;
  safety_plan_history: SafetyPlanHistoryTable;
  marac_referrals: MaracReferralsTable;
  partner_search: PartnerSearchTable;
  safeguarding_concerns: SafeguardingConcernsTable;
  sharing_log: SharingLogTable;
  reports: ReportsTable;
  retention_holds: RetentionHoldsTable;
  subject_access_requests: SubjectAccessRequestsTable;
  drafts: DraftsTable;
  partner_shared_summaries: PartnerSharedSummariesTable;
  outcome_forms: OutcomeFormsTable;
  outcome_records: OutcomeRecordsTable;
  partner_outcomes: PartnerOutcomesTable;
}
