/**
 * Drafts of long text, saved as it is typed and given back to the same person.
 *
 * The database is encrypted already; each draft is encrypted again under the
 * author's personal key (derived from their own key pair at log-in, see
 * vault.ts), so no one else, even with the database key, reads what they have
 * not yet chosen to save. A partner-side draft is given back only while the
 * author's role has partner access, and lives in the partner file (under the
 * partner key as well), so nothing of hers is in the programme database. Drafts older than a setting are removed at
 * each log-in.
 */
import { sql } from 'kysely';
import { can } from '../../../shared/permissions';
import { partnerDraftKinds, type Draft, type DraftKind } from '../../../shared/features/drafts';
import type { RouteParsed } from '../../../shared/api';
import { AppError } from '../../app-error';
import type { Db, ServiceContext } from '../../ipc/context';
import { decrypt, encrypt, type Box } from '../../vault/crypto';
import { fileFor, partnerAttached } from '../partners/shared-rows';

interface Place {
  kind: DraftKind;
  about: string;
  field: string;
}

const placeOf = (p: Place) => `${p.kind}:${p.about}:${p.field}`;
const sideOf = (kind: DraftKind) => (partnerDraftKinds.includes(kind) ? 'partner' : 'programme');
/** The box is bound to its author and place: a box copied to another row does not open. */
const aadOf = (staffId: string, place: string) => `draft:${staffId}:${place}`;

/** The person's key, and whether their role may hold a draft of this kind; null when there is nothing to do. */
function keyFor(ctx: ServiceContext, kind: DraftKind): Buffer | null {
  const key = ctx.backend.personalKey;
  if (!key) return null;
  if (sideOf(kind) === 'partner' && !can(ctx.user.role, 'partners.view')) return null;
  if (sideOf(kind) === 'programme' && !can(ctx.user.role, 'participants.view')) return null;
  return key;
}

/**
 * The file a draft of this kind lives in: a partner-side draft in the partner file (upgrade 4,
 * db/partner-schema.ts; or, in a folder not yet converted, the programme database that still holds
 * her tables), never the programme database of a converted folder. Without the partner side: none.
 */
async function fileOf(ctx: ServiceContext, kind: DraftKind): Promise<Db | null> {
  if (sideOf(kind) === 'programme') return ctx.db;
  try {
    return await fileFor(ctx.db, true);
  } catch {
    return null;
  }
}

export async function getDraft(ctx: ServiceContext, input: RouteParsed<'drafts.get'>): Promise<Draft | null> {
  const key = keyFor(ctx, input.kind);
  const db = key && (await fileOf(ctx, input.kind));
  if (!key || !db) return null;
  const place = placeOf(input);
  const row = await db.selectFrom('drafts').select(['box', 'saved_at']).where('staff_id', '=', ctx.user.staffId).where('place', '=', place).executeTakeFirst();
  if (!row) return null;
  const text = decrypt(key, JSON.parse(row.box) as Box, aadOf(ctx.user.staffId, place));
  // Unreadable (their key pair was replaced by a password reset): it can never be read again.
  if (text === null) {
    await db.deleteFrom('drafts').where('staff_id', '=', ctx.user.staffId).where('place', '=', place).execute();
    return null;
  }
  return { text: text.toString('utf8'), savedAt: row.saved_at };
}

/**
 * Keeps the text (one statement, so it is whole or not at all). Not audited:
 * it is the person's own unsent typing, written every few seconds; what they
 * save in the end is audited as usual. An empty text removes the draft.
 */
export async function saveDraft(ctx: ServiceContext, input: RouteParsed<'drafts.save'>): Promise<{ savedAt: string } | null> {
  const key = keyFor(ctx, input.kind);
  if (!key) {
    if (!ctx.backend.personalKey) return null;
    throw new AppError('FORBIDDEN', 'Your role does not allow this. Ask a manager or administrator if you need it.');
  }
  const place = placeOf(input);
  if (input.text.trim() === '') {
    await discardDraft(ctx, input);
    return null;
  }
  // Her side's draft goes behind the wall or nowhere (fileFor refuses plainly without the partner side).
  const db = sideOf(input.kind) === 'partner' ? await fileFor(ctx.db, true) : ctx.db;
  const savedAt = new Date(ctx.backend.now()).toISOString();
  const box = JSON.stringify(encrypt(key, Buffer.from(input.text, 'utf8'), aadOf(ctx.user.staffId, place)));
  await db
    .insertInto('drafts')
    .values({ staff_id: ctx.user.staffId, place, side: sideOf(input.kind), box, saved_at: savedAt })
    .onConflict((oc) => oc.columns(['staff_id', 'place']).doUpdateSet({ box, saved_at: savedAt }))
    .execute();
  return { savedAt };
}

export async function discardDraft(ctx: ServiceContext, input: Place): Promise<null> {
  const db = await fileOf(ctx, input.kind);
  if (!db) return null;
  await db.deleteFrom('drafts').where('staff_id', '=', ctx.user.staffId).where('place', '=', placeOf(input)).execute();
  return null;
}

/** Removes everyone's drafts last saved more than `days` days ago. */
export async function removeOldDrafts(db: Db, days: number, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  await db.deleteFrom('drafts').where('saved_at', '<', cutoff).execute();
  // Her side's drafts, while the partner side is open (a holder's log-in).
  if (await partnerHoldsDrafts(db)) await db.withSchema('partner').deleteFrom('drafts').where('saved_at', '<', cutoff).execute();
}

async function partnerHoldsDrafts(db: Db): Promise<boolean> {
  if (!(await partnerAttached(db))) return false;
  const r = await sql<{ n: number }>`select count(*) as n from partner.sqlite_master where type = 'table' and name = 'drafts'`.execute(db);
  return Number(r.rows[0]?.n ?? 0) > 0;
}
