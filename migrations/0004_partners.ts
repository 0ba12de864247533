import { sql, type Kysely } from 'kysely';

/** The partner support service, behind the partner wall. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('partners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    /** JSON: contact details, safe-contact instructions, children, consent */
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('worker_id', 'text', (c) => c.references('staff.id'))
    .addColumn('contact_status', 'text', (c) => c.notNull().defaultTo('not_attempted'))
    .addColumn('risk_level', 'text')
    .addColumn('next_contact_due', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('partner_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id'))
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('from_date', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('to_date', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('partner_links_participant').on('partner_links').column('participant_id').execute();
  await db.schema.createIndex('partner_links_partner').on('partner_links').column('partner_id').execute();

  await db.schema
    .createTable('partner_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('next_contact_due', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .execute();
  await db.schema.createIndex('partner_contacts_partner').on('partner_contacts').columns(['partner_id', 'at']).execute();

  await db.schema
    .createTable('partner_checklists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('form_version', 'integer', (c) => c.notNull())
    /** JSON: answers, reasons, notes */
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('complete', 'integer', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('completed_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .execute();
  await db.schema.createIndex('partner_checklists_partner').on('partner_checklists').columns(['partner_id', 'created_at']).execute();

  await db.schema
    .createTable('safety_plans')
    .addColumn('partner_id', 'text', (c) => c.primaryKey().references('partners.id'))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('review_on', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('staff.id'))
    .execute();
  await db.schema
    .createTable('safety_plan_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.references('staff.id'))
    .execute();

  await db.schema
    .createTable('marac_referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('referred_on', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .execute();

  // A task about a partner (an alert, her next contact) is behind the wall with her.
  await db.schema.alterTable('tasks').addColumn('partner_id', 'text', (c) => c.references('partners.id')).execute();
  await db.schema.createIndex('tasks_partner').on('tasks').columns(['partner_id', 'status']).execute();

  await sql`create virtual table partner_search using fts5(partner_id unindexed, text, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await upSafeguarding(db);
}

/** Safeguarding concerns and the information-sharing log. */
async function upSafeguarding(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('safeguarding_concerns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'text', (c) => c.references('participants.id'))
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('raised_on', 'text', (c) => c.notNull())
    /** JSON: what was seen or heard, children, actions, outcome */
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('safeguarding_participant').on('safeguarding_concerns').columns(['participant_id', 'status']).execute();
  await db.schema.createIndex('safeguarding_partner').on('safeguarding_concerns').columns(['partner_id', 'status']).execute();

  await db.schema
    .createTable('sharing_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'text', (c) => c.references('participants.id'))
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('shared_on', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('consent_id', 'text', (c) => c.references('consents.id'))
    .addColumn('decided_by', 'text', (c) => c.references('staff.id'))
    /** JSON: what, agency, person, why, reason */
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('automatic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .execute();
  await db.schema.createIndex('sharing_participant').on('sharing_log').column('participant_id').execute();
  await db.schema.createIndex('sharing_partner').on('sharing_log').column('partner_id').execute();

  // The flag that shows everywhere: kept on the person's row so every list can show it.
  await db.schema.alterTable('participants').addColumn('safeguarding_open', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('partners').addColumn('safeguarding_open', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
