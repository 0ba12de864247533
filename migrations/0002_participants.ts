import { sql, type Kysely } from 'kysely';

/** Participant case records: people, referrals, status history, assessments, risk, consent, notes, goals, tasks, search. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const audited = (t: ReturnType<Kysely<unknown>['schema']['createTable']>) =>
    t
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('staff.id'))
      .addColumn('updated_at', 'text', (c) => c.notNull());

  await audited(
    db.schema
      .createTable('participants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('reference', 'text', (c) => c.notNull().unique())
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('date_of_birth', 'text', (c) => c.notNull())
      /** the rest of his details, as validated JSON (src/shared/features/participants.ts) */
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .addColumn('exit_reason', 'text')
      .addColumn('referred_on', 'text')
      .addColumn('route', 'text')
      .addColumn('source', 'text')
      .addColumn('key_worker_id', 'text', (c) => c.references('staff.id'))
      .addColumn('interpreter', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('high_profile', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('child_protection', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('risk_level', 'text')
      .addColumn('restricted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sort_name', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  for (const column of ['status', 'key_worker_id', 'sort_name', 'referred_on', 'date_of_birth', 'updated_at']) {
    await db.schema.createIndex(`participants_${column}`).on('participants').column(column).execute();
  }

  await db.schema
    .createTable('participant_access')
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addPrimaryKeyConstraint('participant_access_pk', ['participant_id', 'staff_id'])
    .execute();

  await audited(
    db.schema
      .createTable('referrals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('route', 'text', (c) => c.notNull())
      .addColumn('received_on', 'text', (c) => c.notNull())
      .addColumn('report_due_date', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  await db.schema.createIndex('referrals_participant').on('referrals').columns(['participant_id', 'received_on']).execute();

  await db.schema
    .createTable('status_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('exit_reason', 'text')
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('effective_on', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.references('staff.id'))
    .execute();
  await db.schema.createIndex('status_history_participant').on('status_history').columns(['participant_id', 'changed_at']).execute();

  await audited(
    db.schema
      .createTable('assessments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id'))
      .addColumn('form_version', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('decision', 'text')
      .addColumn('assessor_id', 'text', (c) => c.notNull().references('staff.id'))
      .addColumn('completed_on', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  await db.schema.createIndex('assessments_participant').on('assessments').column('participant_id').execute();

  await db.schema
    .createTable('risk_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('red_flags', 'text', (c) => c.notNull())
    .addColumn('assessor_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('assessed_on', 'text', (c) => c.notNull())
    .addColumn('next_review_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .execute();
  await db.schema.createIndex('risk_participant').on('risk_assessments').columns(['participant_id', 'assessed_on']).execute();

  await audited(
    db.schema
      .createTable('consents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id'))
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('given_on', 'text', (c) => c.notNull())
      .addColumn('review_on', 'text', (c) => c.notNull())
      .addColumn('withdrawn_on', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  await db.schema.createIndex('consents_participant').on('consents').column('participant_id').execute();
  await db.schema.createIndex('consents_review').on('consents').columns(['review_on', 'withdrawn_on']).execute();

  await audited(
    db.schema
      .createTable('case_notes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id'))
      .addColumn('note_type', 'text', (c) => c.notNull())
      .addColumn('occurred_on', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.notNull().references('staff.id'))
      /** who wrote the current version (the author, or whoever edited it last) */
      .addColumn('edited_by', 'text', (c) => c.notNull().references('staff.id'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  await db.schema.createIndex('case_notes_participant').on('case_notes').columns(['participant_id', 'occurred_on']).execute();

  /** each earlier version of an edited note, kept when it is replaced */
  await db.schema
    .createTable('case_note_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('note_id', 'text', (c) => c.notNull().references('case_notes.id'))
    .addColumn('note_type', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('written_by', 'text', (c) => c.references('staff.id'))
    .addColumn('written_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_note_versions_note').on('case_note_versions').column('note_id').execute();

  await audited(
    db.schema
      .createTable('goals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('set_on', 'text', (c) => c.notNull())
      .addColumn('achieved_on', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  await db.schema.createIndex('goals_participant').on('goals').column('participant_id').execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) => c.references('participants.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('assignee_id', 'text', (c) => c.references('staff.id'))
    .addColumn('assignee_role', 'text')
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    /** for tasks the program raises: one open task per cause, never duplicated */
    .addColumn('source_key', 'text', (c) => c.unique())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text', (c) => c.references('staff.id'))
    .addColumn('done_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .execute();
  await db.schema.createIndex('tasks_assignee').on('tasks').columns(['status', 'assignee_id', 'due_on']).execute();
  await db.schema.createIndex('tasks_role').on('tasks').columns(['status', 'assignee_role', 'due_on']).execute();
  await db.schema.createIndex('tasks_participant').on('tasks').columns(['participant_id', 'status']).execute();
  await db.schema.createIndex('tasks_due').on('tasks').columns(['status', 'due_on']).execute();

  // Search: folded text (accents and case removed) in FTS5 tables kept by the services.
  await sql`create virtual table participant_search using fts5(participant_id unindexed, kind unindexed, text, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await sql`create virtual table note_search using fts5(note_id unindexed, participant_id unindexed, text, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);

  await db.schema
    .createTable('reference_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();
}
