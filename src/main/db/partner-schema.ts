/**
 * Changes to the partner file's tables after the conversion (db/partner-file.ts).
 *
 * The programme database's migrations cannot reach the partner file: it is attached only for a
 * session with partner access, and never while migrations run. So a partner-side table added or
 * changed after the conversion is an upgrade listed here, applied in order whenever the file is
 * attached (and when it is first built), and counted in the file's own `user_version`. Each
 * upgrade runs in one transaction with the file attached as `partner`; its statements name the
 * partner file's tables as `partner.<table>` and may read (and delete from) the programme
 * database as `main.<table>`, to move rows that belong behind the wall.
 *
 * Upgrades are append-only: never edit or reorder one that has shipped.
 */
import type { RawConnection } from './driver';
import { scoreHerRecords } from '../features/outcomes/stored-scores';

/** The name the partner file is attached under. */
export const PARTNER_SCHEMA = 'partner';

export interface PartnerUpgrade {
  /** 1, 2, 3, …: the file's user_version once applied. */
  version: number;
  /** What it does, for the reader (and the error message if it fails). */
  name: string;
  statements: string[];
  /**
   * It deletes partner-side rows from the programme database: after it, the programme
   * database's write-ahead log is truncated, so that no copy of those rows' pages remains there
   * (its pages are already zeroed as rows are deleted: secure_delete is on).
   */
  removesFromMain?: boolean;
  /**
   * What plain statements cannot do, run after them in the same transaction: a back-fill that needs
   * the program's own code (upgrade 6 scores her records with the function that scores a new one).
   * Like the statements, it must be safe to run again on a file set back to an older version.
   */
  run?: (raw: RawConnection) => Promise<void>;
}

/**
 * The partner-side rows of the tables both sides share (db/partner-file.ts SHARED_TABLES): a task
 * or alert about her, and a concern, disclosure or sharing entry recorded on her side.
 */
export const PARTNER_ROWS = {
  tasks: 'partner_id IS NOT NULL',
  safeguarding_concerns: `side = 'partner'`,
  sharing_log: `side = 'partner'`,
} as const;

/** The programme database no longer holds her own tables: rows moved out of it may be deleted there. */
const CONVERTED = `NOT EXISTS (SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'partners')`;

// Column lists as of upgrade 1 (named, so a later column added to the programme's table does not shift them).
const TASK_COLUMNS =
  'id, participant_id, kind, title, detail, assignee_id, assignee_role, due_on, urgent, status, source_key, done_at, done_by, done_note, created_at, created_by, partner_id';
const CONCERN_COLUMNS =
  'id, side, participant_id, partner_id, kind, raised_on, data, status, version, created_at, created_by, updated_at';
const SHARING_COLUMNS =
  'id, side, participant_id, partner_id, shared_on, basis, consent_id, decided_by, data, automatic, created_at, created_by';

const DRAFT_COLUMNS = 'staff_id, place, side, box, saved_at';
/** Drafts of her side's texts (upgrade 4). */
export const PARTNER_DRAFTS = `side = 'partner'`;

/** The partner file's upgrades, oldest first. */
export const PARTNER_UPGRADES: readonly PartnerUpgrade[] = [
  {
    // Issue 13, part 1. Safeguarding concerns/disclosures and information-sharing entries on her side, and
    // tasks and alerts about her, were rows of tables both sides share; their partner-side rows move here (the
    // same columns, without the keys into the programme database). While the partner file is attached,
    // partner-file.ts shows each table as one (a temporary view over both files) so reads are unchanged.
    // An upgrade during the conversion itself (main still holds the partner tables) copies but does not delete:
    // the conversion's last step deletes them, only once this file is safely in place.
    version: 1,
    name: 'partner-side concerns, sharing entries and tasks about her move behind the wall',
    statements: [
      `CREATE TABLE partner.tasks ("id" text primary key, "participant_id" text, "kind" text not null, "title" text not null, "detail" text default '' not null, "assignee_id" text, "assignee_role" text, "due_on" text not null, "urgent" integer default 0 not null, "status" text default 'open' not null, "source_key" text unique, "done_at" text, "done_by" text, "done_note" text default '' not null, "created_at" text not null, "created_by" text, "partner_id" text);`,
      `CREATE INDEX partner.tasks_assignee ON tasks ("status", "assignee_id", "due_on");`,
      `CREATE INDEX partner.tasks_role ON tasks ("status", "assignee_role", "due_on");`,
      `CREATE INDEX partner.tasks_partner ON tasks ("partner_id", "status");`,
      `CREATE INDEX partner.tasks_participant ON tasks ("participant_id", "status", "due_on");`,
      `CREATE INDEX partner.tasks_due ON tasks ("status", "due_on", "urgent" desc, "id", "assignee_id", "assignee_role", "partner_id", "kind", "participant_id");`,
      `CREATE INDEX partner.tasks_unassigned ON tasks ("status", "assignee_role", "due_on", "assignee_id") WHERE "assignee_id" IS NULL;`,
      `CREATE TABLE partner.safeguarding_concerns ("id" text primary key, "side" text not null, "participant_id" text, "partner_id" text, "kind" text not null, "raised_on" text not null, "data" text not null, "status" text not null, "version" integer default 1 not null, "created_at" text not null, "created_by" text, "updated_at" text not null);`,
      `CREATE INDEX partner.safeguarding_participant ON safeguarding_concerns ("participant_id", "status");`,
      `CREATE INDEX partner.safeguarding_partner ON safeguarding_concerns ("partner_id", "status");`,
      `CREATE TABLE partner.sharing_log ("id" text primary key, "side" text not null, "participant_id" text, "partner_id" text, "shared_on" text not null, "basis" text not null, "consent_id" text, "decided_by" text, "data" text not null, "automatic" integer default 0 not null, "created_at" text not null, "created_by" text);`,
      `CREATE INDEX partner.sharing_participant ON sharing_log ("participant_id");`,
      `CREATE INDEX partner.sharing_partner ON sharing_log ("partner_id");`,
      `CREATE INDEX partner.sharing_log_newest ON sharing_log ("shared_on" desc, "created_at" desc, "id", "side", "basis");`,
      `INSERT INTO partner.tasks (${TASK_COLUMNS}) SELECT ${TASK_COLUMNS} FROM main.tasks WHERE ${PARTNER_ROWS.tasks};`,
      `INSERT INTO partner.safeguarding_concerns (${CONCERN_COLUMNS}) SELECT ${CONCERN_COLUMNS} FROM main.safeguarding_concerns WHERE ${PARTNER_ROWS.safeguarding_concerns};`,
      `INSERT INTO partner.sharing_log (${SHARING_COLUMNS}) SELECT ${SHARING_COLUMNS} FROM main.sharing_log WHERE ${PARTNER_ROWS.sharing_log};`,
      ...(['tasks', 'safeguarding_concerns', 'sharing_log'] as const).map(
        (t) => `DELETE FROM main.${t} WHERE ${PARTNER_ROWS[t]} AND ${CONVERTED};`,
      ),
    ],
    removesFromMain: true,
  },
  {
    // Issue 13, part 6. The partner side's audit entries: a second hash chain, append-only like the first
    // (audit/audit.ts appends here what a partner-side route does; the programme's chain holds none of it).
    // Entries written in the programme's chain before this stay there: a hash chain cannot lose entries.
    version: 2,
    name: 'the partner side keeps its own audit chain',
    statements: [
      `CREATE TABLE partner.audit_log ("seq" integer primary key autoincrement, "at" text not null, "actor_id" text, "actor_role" text, "action" text not null, "route" text, "outcome" text not null, "subject_type" text, "subject_id" text, "detail" text, "prev_hash" text not null, "hash" text not null);`,
      `CREATE INDEX partner.audit_log_at ON audit_log ("at");`,
      `CREATE INDEX partner.audit_log_actor ON audit_log ("actor_id");`,
      `CREATE INDEX partner.audit_log_subject ON audit_log ("subject_type", "subject_id");`,
      `CREATE TRIGGER partner.audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT raise(abort, 'The audit log is append-only'); END;`,
      `CREATE TRIGGER partner.audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT raise(abort, 'The audit log is append-only'); END;`,
    ],
  },
  {
    version: 3,
    name: 'partner-reported outcome measures (issue 18)',
    statements: [
      `CREATE TABLE partner.partner_outcomes (
        id TEXT PRIMARY KEY,
        partner_id TEXT NOT NULL REFERENCES partners(id),
        participant_id TEXT NOT NULL,
        point TEXT NOT NULL,
        form_version INTEGER NOT NULL,
        status TEXT NOT NULL,
        answers TEXT NOT NULL,
        recorded_on TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_by TEXT
      );`,
      'CREATE UNIQUE INDEX partner.partner_outcomes_point ON partner_outcomes (partner_id, participant_id, point);',
      'CREATE INDEX partner.partner_outcomes_recorded ON partner_outcomes (point, recorded_on);',
    ],
  },
  {
    // Issue 13. Drafts of what a partner worker or manager types about her (her contact notes: the
    // `partnerDraftKinds`) were kept in the programme database, sealed to their author. Nothing of hers
    // stays there, even encrypted: her side's drafts move here (features/drafts/service.ts writes them here).
    version: 4,
    name: 'drafts of what is typed about her move behind the wall',
    statements: [
      `CREATE TABLE partner.drafts ("staff_id" text not null, "place" text not null, "side" text not null check (side in ('programme', 'partner')), "box" text not null, "saved_at" text not null, constraint "drafts_pk" primary key ("staff_id", "place"));`,
      `CREATE INDEX partner.drafts_saved ON drafts ("saved_at");`,
      `INSERT INTO partner.drafts (${DRAFT_COLUMNS}) SELECT ${DRAFT_COLUMNS} FROM main.drafts WHERE ${PARTNER_DRAFTS};`,
      `DELETE FROM main.drafts WHERE ${PARTNER_DRAFTS} AND ${CONVERTED};`,
    ],
    removesFromMain: true,
  },
  {
    // Issue 18. The outcomes page reads every baseline in the period and each of those women's other
    // records; these two indexes hold every column that read needs, so it never goes to the table's
    // pages, spread through the file (as migration 0023 does for his records). The first replaces
    // partner_outcomes_recorded (its leading columns). The third finds her records by the man alone
    // (the tasks log-in raises); the unique index leads with partner_id. "IF NOT EXISTS": a file set back to
    // an older version (as tests do) can run it again.
    version: 5,
    name: 'faster reading of her outcome records',
    statements: [
      'CREATE INDEX IF NOT EXISTS partner.partner_outcomes_cohort ON partner_outcomes (point, recorded_on, status, partner_id, participant_id);',
      'DROP INDEX IF EXISTS partner.partner_outcomes_recorded;',
      'CREATE INDEX IF NOT EXISTS partner.partner_outcomes_answers ON partner_outcomes (partner_id, participant_id, point, status, form_version, answers);',
      'CREATE INDEX IF NOT EXISTS partner.partner_outcomes_participant ON partner_outcomes (participant_id);',
    ],
  },
  {
    // Issue 18. Each of her records keeps its indicators' scores and bands in columns, so the outcomes
    // page counts with GROUP BY instead of reading every answer into the program (as migration 0025
    // does for his). Adding the columns and scoring the records already saved is code
    // (features/outcomes/stored-scores.ts scoreHerRecords): the scores come from the same function that
    // scores a new record, and a column is added only where it is missing (a file set back to an older
    // version, as tests do). The two indexes of upgrade 5 that the page reads become the baselines with
    // their scores and each woman's records with their scores and bands; they are made after the back-fill.
    version: 6,
    name: 'her outcome records keep their scores',
    statements: ['DROP INDEX IF EXISTS partner.partner_outcomes_answers;', 'DROP INDEX IF EXISTS partner.partner_outcomes_cohort;'],
    run: scoreHerRecords,
  },
];

export async function partnerFileVersion(raw: RawConnection, schema = PARTNER_SCHEMA): Promise<number> {
  const rows = await raw.all<{ user_version: number }>(`PRAGMA ${schema}.user_version`);
  return Number(rows[0]?.user_version ?? 0);
}

/**
 * Brings the attached partner file up to date; returns the upgrades applied. A failure rolls its
 * upgrade back whole (the file stays at the version before) and is thrown to the caller.
 */
export async function upgradePartnerFile(
  raw: RawConnection,
  upgrades: readonly PartnerUpgrade[] = PARTNER_UPGRADES,
): Promise<number> {
  const current = await partnerFileVersion(raw, PARTNER_SCHEMA);
  const due = upgrades.filter((u) => u.version > current).sort((a, b) => a.version - b.version);
  let scrubMain = false;
  for (const upgrade of due) {
    await raw.exec('BEGIN IMMEDIATE;');
    try {
      for (const statement of upgrade.statements) await raw.exec(statement);
      if (upgrade.run) await upgrade.run(raw);
      // PRAGMA takes no bound parameters; the version is a number from the list above.
      await raw.exec(`PRAGMA ${PARTNER_SCHEMA}.user_version = ${Math.trunc(upgrade.version)};`);
      await raw.exec('COMMIT;');
    } catch (err) {
      await raw.exec('ROLLBACK;').catch(() => undefined);
      throw new Error(`The partner file's upgrade ${upgrade.version} (${upgrade.name}) failed`, { cause: err });
    }
    scrubMain ||= upgrade.removesFromMain === true;
  }
  if (scrubMain) await raw.all('PRAGMA main.wal_checkpoint(TRUNCATE)');
  return due.length;
}
