/**
 * "An open concern flags the children": which children on his record, or on
 * hers, are named in an open concern on either side. Concerns name children
 * in free text and the records give children no ids, so they are matched by
 * name (trimmed, any case). Only the record's own children are returned, so a
 * facilitator learns that his child is flagged by a concern the partner
 * service raised, and nothing else about it.
 */
import type { RouteParsed } from '../../../shared/api';
import { flaggedChildren, type ChildFlags } from '../../../shared/features/safeguarding';
import { invalidField, notFound } from '../../app-error';
import type { Db, ServiceContext } from '../../ipc/context';
import { assertSide } from './service';

interface Child {
  name: string;
}

/** The children lists of the open concerns about these men and these partners. */
export async function openConcernChildren(db: Db, participantIds: string[], partnerIds: string[]): Promise<string[][]> {
  if (!participantIds.length && !partnerIds.length) return [];
  const rows = await db
    .selectFrom('safeguarding_concerns')
    .select('data')
    .where('status', '=', 'open')
    .where((eb) =>
      eb.or([
        ...(participantIds.length ? [eb('participant_id', 'in', participantIds)] : []),
        ...(partnerIds.length ? [eb('partner_id', 'in', partnerIds)] : []),
      ]),
    )
    .execute();
  return rows.map((r) => (JSON.parse(r.data) as { children?: string[] }).children ?? []);
}

/** His children named in an open concern about him or about any partner linked to him (either side of the wall). */
export async function childFlagsForParticipant(db: Db, participantId: string): Promise<ChildFlags> {
  const man = await db.selectFrom('participants').select(['details', 'partner_side_children']).where('id', '=', participantId).executeTakeFirst();
  if (!man) throw notFound('That participant');
  const children = ((JSON.parse(man.details) as { children?: Child[] }).children ?? []).map((c) => c.name);
  if (!children.length) return { flagged: [] };
  // With the partner file closed her side cannot be read: his own concerns only (the flag on him still shows hers).
  // His own open concerns, and the children her side last wrote across (never read from her records here).
  const concerns = [...(await openConcernChildren(db, [participantId], [])), JSON.parse(man.partner_side_children) as string[]];
  return { flagged: flaggedChildren(children, concerns) };
}

/** Her children named in an open concern about her or about any man linked to her. */
export async function childFlagsForPartner(db: Db, partnerId: string): Promise<ChildFlags> {
  const her = await db.selectFrom('partners').select('details').where('id', '=', partnerId).executeTakeFirst();
  if (!her) throw notFound('That partner');
  const children = ((JSON.parse(her.details) as { children?: Child[] }).children ?? []).map((c) => c.name);
  if (!children.length) return { flagged: [] };
  const men = await db.selectFrom('partner_links').select('participant_id').where('partner_id', '=', partnerId).execute();
  const concerns = await openConcernChildren(db, men.map((m) => m.participant_id), [partnerId]);
  return { flagged: flaggedChildren(children, concerns) };
}

export async function childFlags(ctx: ServiceContext, input: RouteParsed<'safeguarding.childFlags'>): Promise<ChildFlags> {
  const { db, user } = ctx;
  if (input.participantId) {
    await assertSide(db, user, 'participant', input.participantId, null);
    return childFlagsForParticipant(db, input.participantId);
  }
  if (input.partnerId) {
    await assertSide(db, user, 'partner', null, input.partnerId);
    return childFlagsForPartner(db, input.partnerId);
  }
  throw invalidField('participantId', 'Choose the man or the partner');
}
