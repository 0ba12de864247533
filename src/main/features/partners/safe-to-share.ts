/**
 * Items a partner worker has marked safe to share in his reports: a short
 * summary written on a contact-log entry, with who marked it and when. The
 * summary is the only thing that crosses the wall; her notes never do.
 */
import { nowIso } from '../../clock';
import type { RouteParsed } from '../../../shared/api';
import { todayInLondon } from '../../../shared/dates';
import { partnerDetailsSchema } from '../../../shared/features/partners';
import { invalidField, notFound } from '../../app-error';
import type { Db, ServiceContext } from '../../ipc/context';
import { getPartnerRecord } from './service';
import { crossSharedSummary } from './wall';

/** Her name and contact details must not be in what goes to him: a cheap guard against the obvious slip. */
function identifying(details: string): string[] {
  const d = partnerDetailsSchema.parse(JSON.parse(details));
  const digits = (v: string) => v.replace(/\D/g, '');
  return [d.firstName, d.lastName, d.email, d.address, d.safeContact.codeWord, d.safeContact.nameToGive, digits(d.phone), digits(d.safeContact.safeNumber)]
    // Stryker disable next-line MethodExpression: the schema has trimmed every field already (see stryker.config.mjs)
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v.length >= 3);
}

async function contactOf(db: Db, partnerId: string, contactId: string) {
  const row = await db.selectFrom('partner_contacts').select(['id', 'share_summary', 'at']).where('id', '=', contactId).where('partner_id', '=', partnerId).executeTakeFirst();
  if (!row) throw notFound('That contact');
  return row;
}

export async function shareContact(ctx: ServiceContext, input: RouteParsed<'partners.shareContact'>) {
  const { db, user } = ctx;
  const partner = await db.selectFrom('partners').select(['id', 'details']).where('id', '=', input.partnerId).executeTakeFirst();
  if (!partner) throw notFound('That partner');
  const contact = await contactOf(db, partner.id, input.contactId);
  const lower = input.summary.toLowerCase();
  const lowerDigits = input.summary.replace(/\D/g, '');
  if (identifying(partner.details).some((v) => (/^\d+$/.test(v) ? lowerDigits.includes(v) : lower.includes(v)))) {
    throw invalidField('summary', 'The summary names her or gives her contact details. Leave out her name, address, numbers and code word.');
  }
  await db.updateTable('partner_contacts').set({ share_summary: input.summary, shared_by: user.staffId, shared_at: nowIso(ctx) }).where('id', '=', contact.id).execute();
  // Written across the wall now, for his reports: the programme side never reads her contact log.
  await crossSharedSummary(db, partner.id, contact.id, contact.at, input.summary);
  ctx.audit({ action: contact.share_summary ? 'partners.changeShared' : 'partners.shareContact', subjectType: 'partner', subjectId: partner.id, detail: { fields: ['summary'], contactId: contact.id } });
  return getPartnerRecord(db, user, partner.id);
}

export async function unshareContact(ctx: ServiceContext, input: RouteParsed<'partners.unshareContact'>) {
  const { db, user } = ctx;
  const contact = await contactOf(db, input.partnerId, input.contactId);
  await db.updateTable('partner_contacts').set({ share_summary: '', shared_by: null, shared_at: null }).where('id', '=', contact.id).execute();
  await crossSharedSummary(db, input.partnerId, contact.id, contact.at, '');
  ctx.audit({ action: 'partners.unshareContact', subjectType: 'partner', subjectId: input.partnerId, detail: { fields: ['summary'], contactId: contact.id } });
  return getPartnerRecord(db, user, input.partnerId);
}

/**
 * For reports about him: the summaries marked safe to share on contacts with
 * any partner or ex-partner of his, oldest first. Dates and summaries only.
 */
export async function sharedForReports(db: Db, participantId: string): Promise<Array<{ on: string; summary: string }>> {
  // Read from what the partner side wrote across (migration 0015), so a report drafted on the programme side works with the partner file closed.
  const rows = await db
    .selectFrom('partner_shared_summaries')
    .select(['at', 'summary'])
    .where('participant_id', '=', participantId)
    .orderBy('at')
    .orderBy('contact_id')
    .execute();
  return rows.map((r) => ({ on: todayInLondon(new Date(r.at)), summary: r.summary }));
}
