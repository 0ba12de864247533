import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import curriculum from '../resources/curriculum.json';

/** Bank holidays in England and Wales; an organisation edits the list for its own closures. */
const BANK_HOLIDAYS: Array<[string, string]> = [
  ['2026-01-01', "New Year's Day"], ['2026-04-03', 'Good Friday'], ['2026-04-06', 'Easter Monday'], ['2026-05-04', 'Early May bank holiday'],
  ['2026-05-25', 'Spring bank holiday'], ['2026-08-31', 'Summer bank holiday'], ['2026-12-25', 'Christmas Day'], ['2026-12-28', 'Boxing Day (substitute day)'],
  ['2027-01-01', "New Year's Day"], ['2027-03-26', 'Good Friday'], ['2027-03-29', 'Easter Monday'], ['2027-05-03', 'Early May bank holiday'],
  ['2027-05-31', 'Spring bank holiday'], ['2027-08-30', 'Summer bank holiday'], ['2027-12-27', 'Christmas Day (substitute day)'], ['2027-12-28', 'Boxing Day (substitute day)'],
  ['2028-01-03', "New Year's Day (substitute day)"], ['2028-04-14', 'Good Friday'], ['2028-04-17', 'Easter Monday'], ['2028-05-01', 'Early May bank holiday'],
  ['2028-05-29', 'Spring bank holiday'], ['2028-08-28', 'Summer bank holiday'], ['2028-12-25', 'Christmas Day'], ['2028-12-26', 'Boxing Day'],
];

/** Programmes, curriculum, groups and one-to-one work, sessions, plans, enrolment and registers. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The pair of facilitators is commonly one man and one woman; the program notes when it is not.
  await db.schema.alterTable('staff').addColumn('gender', 'text').execute();

  await db.schema
    .createTable('curriculum_themes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sessions_count', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('session_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('theme_id', 'text', (c) => c.notNull().references('curriculum_themes.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    /** JSON: aims, activities, materials, facilitator notes */
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('session_templates_theme').on('session_templates').columns(['theme_id', 'position']).execute();

  await db.schema
    .createTable('programme_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sessions_count', 'integer', (c) => c.notNull())
    .addColumn('session_minutes', 'integer', (c) => c.notNull())
    /** JSON: theme ids in order, completion rule */
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('closure_dates')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_type_id', 'text', (c) => c.notNull().references('programme_types.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('intake', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'text', (c) => c.references('participants.id'))
    .addColumn('interpreter_needed', 'integer', (c) => c.notNull().defaultTo(0))
    /** JSON array of staff ids (one or two) */
    .addColumn('facilitator_ids', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('theme_id', 'text', (c) => c.references('curriculum_themes.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('facilitator_ids', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled'))
    .addColumn('cancel_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('catch_up_for', 'text', (c) => c.references('sessions.id'))
    /** a catch-up session is for one man */
    .addColumn('participant_id', 'text', (c) => c.references('participants.id'))
    .addColumn('interpreter_present', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('interpreter_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('debrief', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('register_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('register_taken_at', 'text')
    .addColumn('register_taken_by', 'text', (c) => c.references('staff.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('sessions_date').on('sessions').columns(['date', 'start_time']).execute();
  await db.schema.createIndex('sessions_group').on('sessions').columns(['group_id', 'date']).execute();

  await db.schema
    .createTable('session_plans')
    .addColumn('session_id', 'text', (c) => c.primaryKey().references('sessions.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('staff.id'))
    .execute();

  await db.schema
    .createTable('enrolments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('joined_on', 'text', (c) => c.notNull())
    .addColumn('left_on', 'text')
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('override_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('first_session_number', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .execute();
  await db.schema.createIndex('enrolments_group').on('enrolments').columns(['group_id', 'status']).execute();
  await db.schema.createIndex('enrolments_participant').on('enrolments').column('participant_id').execute();

  await db.schema
    .createTable('register_entries')
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id'))
    .addColumn('attendance', 'text', (c) => c.notNull())
    /** JSON: minutes late, reason, participation, note, concern */
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('register_entries_pk', ['session_id', 'participant_id'])
    .execute();
  await db.schema.createIndex('register_entries_participant').on('register_entries').column('participant_id').execute();

  /** each earlier version of a register, kept when it is changed */
  await db.schema
    .createTable('register_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.references('staff.id'))
    .execute();
  await db.schema.createIndex('register_history_session').on('register_history').column('session_id').execute();

  // Shipped content: the curriculum's theme structure, the usual programme types, bank holidays.
  const themeIds: string[] = [];
  for (const [position, theme] of curriculum.themes.entries()) {
    const id = randomUUID();
    themeIds.push(id);
    await db.insertInto('curriculum_themes' as never).values({ id, name: theme.name, description: theme.description, sessions_count: theme.templates.length, position, version: 1 } as never).execute();
    for (const [i, t] of theme.templates.entries()) {
      await db
        .insertInto('session_templates' as never)
        .values({
          id: randomUUID(),
          theme_id: id,
          position: i,
          title: t.title,
          data: JSON.stringify({ aims: t.aims, activities: t.activities.map((a) => ({ ...a, description: '', leadId: null })), materials: t.materials, facilitatorNotes: t.facilitatorNotes }),
          version: 1,
        } as never)
        .execute();
    }
  }
  const types: Array<[string, string, number, number]> = [
    ['Group programme', 'group', 26, 150],
    ['One-to-one programme', 'one_to_one', 26, 60],
    ['Intensive programme', 'intensive', 7, 120],
    ['Early intervention', 'early_intervention', 8, 120],
  ];
  for (const [name, kind, sessions, minutes] of types) {
    await db
      .insertInto('programme_types' as never)
      .values({ id: randomUUID(), name, kind, sessions_count: sessions, session_minutes: minutes, data: JSON.stringify({ themeIds, minAttendancePercent: 75, requiredThemeIds: [] }), active: 1, version: 1 } as never)
      .execute();
  }
  for (const [date, name] of BANK_HOLIDAYS) await db.insertInto('closure_dates' as never).values({ date, name } as never).execute();
}
