import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/open';
import { attachPartnerFile } from '../../../src/main/db/partner-file';
import { upgradePartnerFile } from '../../../src/main/db/partner-schema';
import { HER_SCORE_KEYS, HIS_SCORE_KEYS, type Database, type ScoreColumns } from '../../../src/main/db/schema';
import { tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

type Column = { type: 'text' | 'integer' | 'real' | 'blob' | ''; nullable: boolean };
/**
 * The hand-written types, restated as data. The mapped type makes this fail to
 * compile if a table or column is added to or removed from schema.ts without
 * being listed here; the test then compares it with the migrated database.
 */
type Expected = { [T in keyof Database]: { [C in keyof Database[T]]-?: Column } };
const text = (nullable = false): Column => ({ type: 'text', nullable });
const integer = (nullable = false): Column => ({ type: 'integer', nullable });
/** FTS5 columns have no declared type and cannot be declared NOT NULL */
const fts = (): Column => ({ type: '', nullable: true });
/** An outcome record's score (real: the rating's average has a decimal) and band columns (migration 0025, partner upgrade 6). */
const scores = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.flatMap((k) => [[`score_${k}`, { type: 'real', nullable: true }], [`band_${k}`, integer(true)]])) as { [C in keyof ScoreColumns<K>]-?: Column };

const expected: Expected = {
  meta: { key: text(), value: text() },
  schema_migrations: { name: text(), applied_at: text() },
  settings: { key: text(), value: text(), updated_at: text(), updated_by: text(true) },
  staff: {
    id: text(),
    username: text(),
    full_name: text(),
    job_title: text(true),
    role: text(),
    active: integer(),
    must_change_password: integer(),
    created_at: text(),
    updated_at: text(),
    last_login_at: text(true),
    deactivated_at: text(true),
    gender: text(true),
  },
  audit_log: {
    seq: integer(),
    at: text(),
    actor_id: text(true),
    actor_role: text(true),
    action: text(),
    route: text(true),
    outcome: text(),
    subject_type: text(true),
    subject_id: text(true),
    detail: text(true),
    prev_hash: text(),
    hash: text(),
  },
  participants: {
    id: text(), reference: text(), first_name: text(), last_name: text(), date_of_birth: text(), details: text(),
    status: text(), outcome: text(true), exit_reason: text(true), referred_on: text(true), route: text(true), source: text(true),
    key_worker_id: text(true), interpreter: integer(), high_profile: integer(), child_protection: integer(), risk_level: text(true),
    restricted: integer(), sort_name: text(), version: integer(), created_at: text(), created_by: text(true), updated_at: text(),
    safeguarding_open: integer(),
    anonymised_at: text(true),
    partner_side_flag: integer(),
    partner_contact_status: text(true),
    partner_side_children: text(),
  },
  participant_access: { participant_id: text(), staff_id: text() },
  referrals: {
    id: text(), participant_id: text(), source: text(), route: text(), received_on: text(), report_due_date: text(true), data: text(),
    version: integer(), created_at: text(), created_by: text(true), updated_at: text(),
  },
  status_history: {
    id: text(), participant_id: text(), status: text(), outcome: text(true), exit_reason: text(true), reason: text(),
    effective_on: text(), changed_at: text(), changed_by: text(true),
  },
  assessments: {
    id: text(), participant_id: text(), form_version: integer(), data: text(), decision: text(true), assessor_id: text(),
    completed_on: text(true), version: integer(), created_at: text(), created_by: text(true), updated_at: text(),
  },
  risk_assessments: {
    id: text(), participant_id: text(), level: text(), reasons: text(), red_flags: text(), assessor_id: text(), assessed_on: text(),
    next_review_on: text(), created_at: text(), created_by: text(true),
  },
  consents: {
    id: text(), participant_id: text(), recipient: text(), given_on: text(), review_on: text(), withdrawn_on: text(true), data: text(),
    version: integer(), created_at: text(), created_by: text(true), updated_at: text(),
  },
  case_notes: {
    id: text(), participant_id: text(), note_type: text(), occurred_on: text(), body: text(), author_id: text(), edited_by: text(),
    version: integer(), created_at: text(), created_by: text(true), updated_at: text(),
  },
  case_note_versions: {
    id: text(), note_id: text(), note_type: text(), occurred_on: text(), body: text(), written_by: text(true), written_at: text(),
  },
  goals: {
    id: text(), participant_id: text(), kind: text(), text: text(), set_on: text(), achieved_on: text(true), version: integer(),
    created_at: text(), created_by: text(true), updated_at: text(),
  },
  tasks: {
    id: text(), participant_id: text(true), kind: text(), title: text(), detail: text(), assignee_id: text(true), assignee_role: text(true),
    due_on: text(), urgent: integer(), status: text(), source_key: text(true), done_at: text(true), done_by: text(true), done_note: text(),
    created_at: text(), created_by: text(true), partner_id: text(true),
  },
  participant_search: { participant_id: fts(), kind: fts(), text: fts() },
  note_search: { note_id: fts(), participant_id: fts(), text: fts() },
  reference_counters: { year: integer(), last: integer() },
  curriculum_themes: { id: text(), name: text(), description: text(), sessions_count: integer(), position: integer(), version: integer() },
  session_templates: { id: text(), theme_id: text(), position: integer(), title: text(), data: text(), version: integer() },
  programme_types: { id: text(), name: text(), kind: text(), sessions_count: integer(), session_minutes: integer(), data: text(), active: integer(), version: integer() },
  closure_dates: { date: text(), name: text() },
  groups: {
    id: text(), programme_type_id: text(), name: text(), venue: text(), weekday: integer(), start_time: text(), start_date: text(), capacity: integer(),
    intake: text(), participant_id: text(true), interpreter_needed: integer(), facilitator_ids: text(), version: integer(), created_at: text(),
    created_by: text(true), updated_at: text(),
  },
  sessions: {
    id: text(), group_id: text(), number: integer(), theme_id: text(true), date: text(), start_time: text(), minutes: integer(), venue: text(),
    facilitator_ids: text(), status: text(), cancel_reason: text(), catch_up_for: text(true), participant_id: text(true), interpreter_present: integer(),
    interpreter_name: text(), debrief: text(), register_version: integer(), register_taken_at: text(true), register_taken_by: text(true), version: integer(),
  },
  session_plans: { session_id: text(), status: text(), data: text(), version: integer(), updated_at: text(), updated_by: text(true) },
  enrolments: {
    id: text(), group_id: text(), participant_id: text(), status: text(), joined_on: text(), left_on: text(true), reason: text(), override_reason: text(),
    first_session_number: integer(true), created_at: text(), created_by: text(true),
  },
  register_entries: { session_id: text(), participant_id: text(), attendance: text(), data: text() },
  register_history: { id: text(), session_id: text(), version: integer(), data: text(), at: text(), by: text(true) },
  session_changes: { id: text(), session_id: text(), kind: text(), reason: text(), data: text(), at: text(), by: text(true) },
  partners: {
    id: text(), reference: text(), first_name: text(), last_name: text(), details: text(), worker_id: text(true), contact_status: text(),
    risk_level: text(true), next_contact_due: text(true), version: integer(), created_at: text(), created_by: text(true), updated_at: text(),
    safeguarding_open: integer(),
    anonymised_at: text(true),
  },
  partner_links: { id: text(), partner_id: text(), participant_id: text(), relationship: text(), from_date: text(), to_date: text(), created_at: text() },
  partner_contacts: {
    id: text(), partner_id: text(), at: text(), method: text(), outcome: text(), notes: text(), next_contact_due: text(), created_at: text(), created_by: text(true),
    alert_task_id: text(true), share_summary: text(), shared_by: text(true), shared_at: text(true),
  },
  checklist_forms: { version: integer(), questions: text(), high_risk_threshold: integer(), source: text(), created_at: text(), created_by: text(true) },
  partner_checklists: {
    id: text(), partner_id: text(), form_version: integer(), data: text(), complete: integer(), score: integer(), level: text(true),
    completed_on: text(), created_at: text(), created_by: text(true),
  },
  safety_plans: { partner_id: text(), data: text(), review_on: text(), version: integer(), updated_at: text(), updated_by: text(true) },
  safety_plan_history: { id: text(), partner_id: text(), version: integer(), data: text(), at: text(), by: text(true) },
  marac_referrals: {
    id: text(), partner_id: text(), kind: text(), referred_on: text(), data: text(), status: text(), version: integer(), created_at: text(), created_by: text(true),
  },
  partner_search: { partner_id: fts(), text: fts() },
  safeguarding_concerns: {
    id: text(), side: text(), participant_id: text(true), partner_id: text(true), kind: text(), raised_on: text(), data: text(), status: text(),
    version: integer(), created_at: text(), created_by: text(true), updated_at: text(),
  },
  sharing_log: {
    id: text(), side: text(), participant_id: text(true), partner_id: text(true), shared_on: text(), basis: text(), consent_id: text(true),
    decided_by: text(true), data: text(), automatic: integer(), created_at: text(), created_by: text(true),
  },
  reports: {
    id: text(),
    type: text(),
    status: text(),
    participant_id: text(true),
    session_id: text(true),
    period_from: text(),
    period_to: text(),
    recipient: text(true),
    recipient_name: text(),
    sections: text(),
    content: text(true),
    fingerprint: text(true),
    sha256: text(true),
    file_name: text(true),
    generated_at: text(true),
    author_id: text(true),
    approver_id: text(true),
    signed_at: text(true),
    sent_at: text(true),
    sharing_id: text(true),
    version: integer(),
    created_at: text(),
    updated_at: text(),
    share_basis: text(true),
    share_consent_id: text(true),
    share_decided_by: text(true),
    share_reason: text(),
    sent_on: text(true),
    sent_how: text(true),
    wording_version: integer(true),
  },
  report_wording: { report_type: text(), version: integer(), paragraphs: text(), created_at: text(), created_by: text(true) },
  retention_holds: { id: text(), subject: text(), record_id: text(), keep_until: text(), reason: text(), decided_by: text(true), decided_at: text() },
  subject_access_requests: {
    id: text(), participant_id: text(true), participant_reference: text(), received_on: text(), due_on: text(), channel: text(), note: text(),
    status: text(), logged_by: text(true), logged_at: text(), produced_at: text(true), produced_by: text(true), released: integer(),
    withheld: integer(), decisions: text(), file_sha256: text(true),
  },
  drafts: { staff_id: text(), place: text(), side: text(), box: text(), saved_at: text() },
  partner_shared_summaries: { contact_id: text(), participant_id: text(), at: text(), summary: text() },
  outcome_forms: { set_name: text(), version: integer(), items: text(), source: text(), created_at: text(), created_by: text(true) },
  outcome_records: {
    id: text(), participant_id: text(), set_name: text(), point: text(), form_version: integer(), status: text(), answers: text(), recorded_on: text(),
    note: text(), created_at: text(), created_by: text(true),
    ...scores(HIS_SCORE_KEYS),
  },
  partner_outcomes: {
    id: text(), partner_id: text(), participant_id: text(), point: text(), form_version: integer(), status: text(), answers: text(), recorded_on: text(),
    note: text(), created_at: text(), created_by: text(true),
    ...scores(HER_SCORE_KEYS),
  },
};

describe('schema.ts matches the migrated database', () => {
  it('has the same tables and columns, types and nullability', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { db, raw } = await openDatabase(join(t.dir, 'case.db'), randomBytes(32), { create: true });
    // The tables added to the partner file after the conversion (db/partner-schema.ts) are typed in schema.ts too.
    await attachPartnerFile(raw, join(t.dir, 'partner.db'), randomBytes(32));
    await upgradePartnerFile(raw);
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
      union select name from partner.sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
    // FTS5 keeps its index in shadow tables of its own; they are not ours to type.
    const ours = tables.rows.map((r) => r.name).filter((n) => !/_(data|idx|content|docsize|config)$/.test(n));
    expect(ours).toEqual(Object.keys(expected).sort());
    for (const [table, columns] of Object.entries(expected)) {
      const info = await sql<{ name: string; type: string; notnull: number; pk: number }>`select * from pragma_table_info(${table})`.execute(db);
      const actual = Object.fromEntries(
        info.rows.map((c) => [c.name, { type: c.type.toLowerCase(), nullable: c.notnull === 0 && c.pk === 0 }]),
      );
      expect(actual, `table ${table}`).toEqual(columns);
    }
    await db.destroy();
  });
});
