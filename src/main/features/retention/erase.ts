/**
 * Deleting a record past its retention date, for good: every row about him
 * (or her) in every table, his entries taken out of the registers kept from
 * before an edit, and his rows in the search indexes (which forget deleted
 * text at once: see migration 0006). The database runs with secure_delete, so
 * freed space is overwritten; after the transaction the write-ahead log is
 * checkpointed and truncated so no older copy of a page stays beside it.
 */
import { partnerSideOpen } from '../partners/wall';
import { partnerContactStatusFromLinks } from '../partners/service';
import { sql } from 'kysely';
import type { Db } from '../../ipc/context';
import { redactNames, scrubReports } from './scrub';
import { inEveryFile } from '../partners/shared-rows';
import { deleteDraftsAbout, deleteDraftsAboutPartner, draftSubjectsOfParticipant } from './drafts';

/** Tables (and their columns) that hold a column naming the record, found from the schema so tables added later are covered too. */
async function tablesWith(db: Db, column: string): Promise<string[]> {
  // The partner side's tables are in the partner file when it is attached (db/partner-file.ts): both files' tables count.
  const attached = await sql<{ name: string }>`select name from pragma_database_list where name = 'partner'`.execute(db);
  const schemas = attached.rows.length ? ['main', 'partner'] : ['main'];
  const tables = { rows: [] as Array<{ name: string; schema: string }> };
  for (const schema of schemas) {
    const found = await sql<{
      name: string;
    }>`select name from ${sql.table(`${schema}.sqlite_master`)} where type = 'table' and name not like 'sqlite_%' and name not like '%_content' and name not like '%_data' and name not like '%_idx' and name not like '%_docsize' and name not like '%_config'`.execute(
      db,
    );
    tables.rows.push(...found.rows.map((r) => ({ ...r, schema })));
  }
  // Named with their file: a table both sides share (tasks, concerns, sharing log) has rows in each.
  const out: string[] = [];
  for (const t of tables.rows) {
    const cols = await sql<{ name: string }>`select name from pragma_table_info(${t.name}, ${t.schema})`.execute(db);
    if (cols.rows.some((c) => c.name === column)) out.push(`${t.schema}.${t.name}`);
  }
  return out;
}

/** A table's name without its file. */
const bare = (table: string) => table.replace(/^(main|partner)\./, '');

/**
 * Deletes his or her rows from each table and counts them: rows from her file into `herCounts`
 * (written to her side's audit chain), the programme's into `counts`. Without the split, the
 * programme's chain would say how many of her side's records were about him.
 */
async function deleteWhere(db: Db, tables: string[], column: string, id: string, counts: Record<string, number>, herCounts: Record<string, number> = counts) {
  for (const table of tables) {
    const result = await sql`delete from ${sql.table(table)} where ${sql.ref(column)} = ${id}`.execute(db);
    const n = Number(result.numAffectedRows ?? 0);
    const into = table.startsWith('partner.') ? herCounts : counts;
    if (n) into[bare(table)] = (into[bare(table)] ?? 0) + n;
  }
}

/** His own sessions, with everything kept per session (plans, registers, printed reports), whichever tables hold them. */
async function deleteSessions(db: Db, sessionIds: string[]) {
  const tables = (await tablesWith(db, 'session_id')).filter((t) => bare(t) !== 'sessions');
  for (let i = 0; i < sessionIds.length; i += 500) {
    const chunk = sessionIds.slice(i, i + 500);
    await db.updateTable('sessions').set({ catch_up_for: null }).where('catch_up_for', 'in', chunk).execute();
    for (const table of tables)
      await sql`delete from ${sql.table(table)} where session_id in (${sql.join(chunk)})`.execute(db);
    await db.deleteFrom('sessions').where('id', 'in', chunk).execute();
  }
}

/** What deleting him removed: counts for the programme's chain, and her side's rows about him for hers. */
export interface ParticipantDeleted {
  counts: Record<string, number>;
  herSide: Record<string, number>;
}

export async function deleteParticipant(db: Db, id: string): Promise<ParticipantDeleted> {
  // Foreign keys are checked at commit, so the order below is about meaning, not constraints.
  await sql`PRAGMA defer_foreign_keys = ON`.execute(db);
  // Her contacts that answered his alerts stay in her log, untied from his tasks: the foreign key that did this
  // (on delete set null) cannot cross into the partner file, so it is done here.
  if (await partnerSideOpen(db)) {
    await db.updateTable('partner_contacts').set({ alert_task_id: null }).where('alert_task_id', 'in', db.selectFrom('tasks').select('id').where('participant_id', '=', id)).execute();
  }
  const row = await db
    .selectFrom('participants')
    .select(['first_name', 'last_name', 'details'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const aliases = (JSON.parse(row.details) as { aliases?: string[]; preferredName?: string }) ?? {};
  const names = [
    row.first_name,
    row.last_name,
    `${row.first_name} ${row.last_name}`,
    aliases.preferredName ?? '',
    ...(aliases.aliases ?? []),
  ];
  const counts: Record<string, number> = {};
  // Drafts about him are found before his notes, assessments and reports go; removed once his own sessions are known.
  const draftSubjects = await draftSubjectsOfParticipant(db, id);

  // The registers as they were before an edit hold every man's entry: his come out.
  const sessionIds = (
    await db.selectFrom('register_entries').select('session_id').where('participant_id', '=', id).execute()
  ).map((r) => r.session_id);
  for (let i = 0; i < sessionIds.length; i += 500) {
    const chunk = sessionIds.slice(i, i + 500);
    for (const h of await db
      .selectFrom('register_history')
      .select(['id', 'data'])
      .where('session_id', 'in', chunk)
      .execute()) {
      const data = JSON.parse(h.data) as { entries: Array<{ participant_id: string }>; debrief: string };
      data.entries = data.entries.filter((e) => e.participant_id !== id);
      data.debrief = redactNames(data.debrief ?? '', names);
      await db
        .updateTable('register_history')
        .set({ data: JSON.stringify(data) })
        .where('id', '=', h.id)
        .execute();
    }
    for (const s of await db.selectFrom('sessions').select(['id', 'debrief']).where('id', 'in', chunk).execute()) {
      const debrief = redactNames(s.debrief, names);
      if (debrief !== s.debrief) await db.updateTable('sessions').set({ debrief }).where('id', '=', s.id).execute();
    }
  }
  // His own one-to-one work and catch-up sessions go with him.
  const ownGroups = (await db.selectFrom('groups').select('id').where('participant_id', '=', id).execute()).map(
    (g) => g.id,
  );
  const ownSessions = (
    await db
      .selectFrom('sessions')
      .select('id')
      .where((eb) =>
        eb.or([eb('participant_id', '=', id), ...(ownGroups.length ? [eb('group_id', 'in', ownGroups)] : [])]),
      )
      .execute()
  ).map((s) => s.id);
  for (const s of ownSessions) draftSubjects.add(s);
  counts.drafts = await deleteDraftsAbout(db, draftSubjects);
  await deleteSessions(db, ownSessions);
  counts.sessions = ownSessions.length;

  const notes = (await db.selectFrom('case_notes').select('id').where('participant_id', '=', id).execute()).map(
    (n) => n.id,
  );
  for (let i = 0; i < notes.length; i += 500)
    await db
      .deleteFrom('case_note_versions')
      .where('note_id', 'in', notes.slice(i, i + 500))
      .execute();
  // A subject access request stays as a fact (received, answered) without him.
  await db
    .updateTable('subject_access_requests')
    .set({ participant_id: null, note: '' })
    .where('participant_id', '=', id)
    .execute();
  await db.deleteFrom('retention_holds').where('subject', '=', 'participant').where('record_id', '=', id).execute();
  // A concern or disclosure on the partner side that also names him keeps her side and loses his.
  for (const table of ['safeguarding_concerns', 'sharing_log'] as const)
    await inEveryFile(db, (file) =>
      file.updateTable(table).set({ participant_id: null }).where('participant_id', '=', id).where('partner_id', 'is not', null).executeTakeFirst(),
    );

  // Reports about others that printed his name (a group's register) keep the others and lose him; his own go below.
  counts.reportsRedacted = await scrubReports(
    db,
    id,
    [
      row.last_name,
      row.first_name,
      `${row.first_name} ${row.last_name}`,
      aliases.preferredName ?? '',
      ...(aliases.aliases ?? []),
    ],
    'delete',
  );
  const tables = (await tablesWith(db, 'participant_id')).filter(
    (t) => !['subject_access_requests', 'groups', 'sessions'].includes(bare(t)),
  );
  const herSide: Record<string, number> = {};
  await deleteWhere(db, tables, 'participant_id', id, counts, herSide);
  if (ownGroups.length) await db.deleteFrom('groups').where('id', 'in', ownGroups).execute();
  await db.deleteFrom('participants').where('id', '=', id).execute();
  return { counts, herSide };
}

export async function deletePartner(db: Db, id: string): Promise<Record<string, number>> {
  await sql`PRAGMA defer_foreign_keys = ON`.execute(db);
  const men = (await db.selectFrom('partner_links').select('participant_id').where('partner_id', '=', id).execute()).map((l) => l.participant_id);
  const counts: Record<string, number> = {};
  await db.deleteFrom('retention_holds').where('subject', '=', 'partner').where('record_id', '=', id).execute();
  for (const table of ['safeguarding_concerns', 'sharing_log'] as const)
    await inEveryFile(db, (file) =>
      file.updateTable(table).set({ partner_id: null }).where('partner_id', '=', id).where('participant_id', 'is not', null).executeTakeFirst(),
    );
  await db.deleteFrom('partner_shared_summaries').where('contact_id', 'in', db.selectFrom('partner_contacts').select('id').where('partner_id', '=', id)).execute();
  const tables = (await tablesWith(db, 'partner_id')).filter((t) => bare(t) !== 'partners');
  await deleteWhere(db, tables, 'partner_id', id, counts);
  // What was typed about her and not yet saved (her contact notes), whoever typed it: in the same transaction.
  counts.drafts = await deleteDraftsAboutPartner(db, id);
  await db.deleteFrom('partners').where('id', '=', id).execute();
  // What the programme side knows of her contact with the service is written again for the men she was linked to.
  for (const m of new Set(men)) {
    await db.updateTable('participants').set({ partner_contact_status: await partnerContactStatusFromLinks(db, m) }).where('id', '=', m).execute();
  }
  return counts;
}

/** After the deletion has committed: copy the log into the file and empty it, so no older copy of a page is left in the -wal file. */
export async function checkpoint(db: Db): Promise<void> {
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
}
