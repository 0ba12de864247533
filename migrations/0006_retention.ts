import { sql, type Kysely } from 'kysely';

/** Retention decisions, subject access requests, anonymised records, and search indexes that forget deleted text. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('retention_holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('keep_until', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('staff.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('retention_holds_record')
    .on('retention_holds')
    .columns(['subject', 'record_id', 'keep_until'])
    .execute();

  await db.schema
    .createTable('subject_access_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // No foreign key: when his record is deleted under the retention policy, the fact that a request was answered stays.
    .addColumn('participant_id', 'text')
    .addColumn('participant_reference', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('logged_by', 'text', (c) => c.references('staff.id'))
    .addColumn('logged_at', 'text', (c) => c.notNull())
    .addColumn('produced_at', 'text')
    .addColumn('produced_by', 'text', (c) => c.references('staff.id'))
    .addColumn('released', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('withheld', 'integer', (c) => c.notNull().defaultTo(0))
    /** JSON array: the ids of the items the manager released */
    .addColumn('decisions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('file_sha256', 'text')
    .execute();
  await db.schema
    .createIndex('subject_access_participant')
    .on('subject_access_requests')
    .column('participant_id')
    .execute();

  await db.schema.alterTable('participants').addColumn('anonymised_at', 'text').execute();
  await db.schema.alterTable('partners').addColumn('anonymised_at', 'text').execute();

  // FTS5 keeps deleted text in its index segments until they merge; secure-delete removes it at once,
  // and one optimize clears what earlier edits left behind.
  for (const table of ['participant_search', 'note_search', 'partner_search']) {
    await sql.raw(`insert into ${table}(${table}, rank) values ('secure-delete', 1)`).execute(db);
    await sql.raw(`insert into ${table}(${table}) values ('optimize')`).execute(db);
  }
}
