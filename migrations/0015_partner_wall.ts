import { sql, type Kysely } from 'kysely';

/**
 * What crosses the partner wall into the programme database, written by the partner side at the
 * moment it changes (the partner side's own tables move into partner.db under their own key at
 * the first log-in after the update: see src/main/features/partners/partner-side.ts).
 *
 * - `partner_shared_summaries`: a contact summary a partner worker marked safe to go in his
 *   reports, one row per man she is linked to; removed when she unmarks it.
 * - `participants.partner_side_flag`: 1 while an open concern on a linked partner's side flags
 *   him; his own flag is his own open concerns or this.
 * - `participants.partner_side_children`: JSON list of the children named in open concerns on a
 *   linked partner's side, so his children can be flagged without reading her records.
 * - `participants.partner_contact_status`: whether the partner service is in contact (the best
 *   status over the partners linked to him); null when no partner is linked.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('partner_shared_summaries')
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('partner_shared_summaries_pk', ['contact_id', 'participant_id'])
    .execute();
  await db.schema.createIndex('partner_shared_summaries_man').on('partner_shared_summaries').columns(['participant_id', 'at']).execute();
  await db.schema.alterTable('participants').addColumn('partner_side_flag', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('participants').addColumn('partner_contact_status', 'text').execute();
  await db.schema.alterTable('participants').addColumn('partner_side_children', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  // What an existing folder already shares, flags and knows crosses now, while the partner tables are still in this file.
  await sql`insert into partner_shared_summaries (contact_id, participant_id, at, summary)
    select distinct c.id, l.participant_id, c.at, c.share_summary from partner_contacts c join partner_links l on l.partner_id = c.partner_id
    where c.share_summary != ''`.execute(db);
  await sql`update participants set partner_side_flag = 1 where id in (
    select l.participant_id from partner_links l join safeguarding_concerns c on c.partner_id = l.partner_id and c.status = 'open')`.execute(db);
  await sql`update participants set partner_contact_status = (
      select case when sum(p.contact_status = 'in_contact') > 0 then 'in_contact' when sum(p.contact_status = 'declined') > 0 then 'declined'
        when sum(p.contact_status = 'unable') > 0 then 'unable' else 'not_attempted' end
      from partner_links l join partners p on p.id = l.partner_id where l.participant_id = participants.id)
    where id in (select participant_id from partner_links)`.execute(db);
  await sql`update participants set partner_side_children = coalesce((
      select json_group_array(j.value) from partner_links l join safeguarding_concerns c on c.partner_id = l.partner_id and c.status = 'open',
        json_each(coalesce(json_extract(c.data, '$.children'), '[]')) j
      where l.participant_id = participants.id), '[]')`.execute(db);
}
