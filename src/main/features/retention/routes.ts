import { randomUUID } from 'node:crypto';
import { BACKUP_NOTE, type RetentionOutcome, type RetentionSubject } from '../../../shared/features/retention';
import { AppError, notFound } from '../../app-error';
import type { Db, Handlers, ServiceContext, Session } from '../../ipc/context';
import { nowIso, todayOf } from '../../clock';
import { assertCanOpen } from '../participants/access';
import { anonymiseParticipant, anonymisePartner } from './anonymise';
import { checkpoint, deleteParticipant, deletePartner } from './erase';
import { readPolicy, writePolicy } from './policy';
import { dueRow, retentionReview } from './review';

type Routes =
  | 'retention.policy'
  | 'retention.setPolicy'
  | 'retention.review'
  | 'retention.extend'
  | 'retention.anonymise'
  | 'retention.delete';

async function exists(db: Db, session: Session, subject: RetentionSubject, id: string) {
  const row =
    subject === 'participant'
      ? await db
          .selectFrom('participants')
          .select(['reference', 'anonymised_at'])
          .where('id', '=', id)
          .executeTakeFirst()
      : await db.selectFrom('partners').select(['reference', 'anonymised_at']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(subject === 'participant' ? 'That participant' : 'That partner');
  // A restricted record is decided by the staff named on it.
  if (subject === 'participant') await assertCanOpen(db, session, id);
  return row;
}

/** Anonymising and deleting are only for records past their date (on the back end's clock's day): the policy, not a hurry, decides. */
async function assertDue(db: Db, session: Session, subject: RetentionSubject, id: string, today: string) {
  const row = await exists(db, session, subject, id);
  if (row.anonymised_at) throw new AppError('CONFLICT', 'This record has already been anonymised.');
  const due = await dueRow(db, subject, id, today);
  if (!due)
    throw new AppError(
      'CONFLICT',
      'This record is not past its retention date, so it cannot be anonymised or deleted yet.',
    );
  return { ...row, rule: due.rule };
}

/**
 * Her side's rows about him that anonymising or deleting him changed (her outcome notes, her tasks,
 * concerns and sharing entries about him): counted in her side's chain, under the partner key (an
 * entry about a partner goes there), and never in his entry, which an administrator can read.
 */
function auditHerSide(ctx: ServiceContext, action: 'retention.anonymise' | 'retention.delete', participantId: string, herSide: Record<string, number> | null) {
  const counts = Object.fromEntries(Object.entries(herSide ?? {}).filter(([, n]) => n > 0));
  if (Object.keys(counts).length)
    ctx.audit({ action, subjectType: 'partner', subjectId: null, detail: { participantId, counts } });
}

// The audit entries name the record by its id and the rule that applied, never by anything that identified the person.
export const retentionHandlers: Handlers<Routes> = {
  'retention.policy': (ctx) => readPolicy(ctx.db),
  'retention.setPolicy': async (ctx, input) => {
    const changed = await writePolicy(ctx.db, input, ctx.user.staffId, nowIso(ctx));
    ctx.audit({ action: 'retention.setPolicy', subjectType: 'settings', detail: { fields: changed } });
    return readPolicy(ctx.db);
  },
  // A list like the participants list (which is not audited either); each decision on it is.
  'retention.review': (ctx) => retentionReview(ctx.db, ctx.user, todayOf(ctx)),
  'retention.extend': async (ctx, input): Promise<RetentionOutcome> => {
    await exists(ctx.db, ctx.user, input.subject, input.id);
    const now = nowIso(ctx);
    await ctx.db
      .insertInto('retention_holds')
      .values({
        id: randomUUID(),
        subject: input.subject,
        record_id: input.id,
        keep_until: input.keepUntil,
        reason: input.reason,
        decided_by: ctx.user.staffId,
        decided_at: now,
      })
      .execute();
    ctx.audit({
      action: 'retention.extend',
      subjectType: input.subject,
      subjectId: input.id,
      detail: { fields: ['keepUntil', 'reason'], keepUntil: input.keepUntil },
    });
    return { subject: input.subject, id: input.id, action: 'extended', backupNote: '' };
  },
  'retention.anonymise': async (ctx, input): Promise<RetentionOutcome> => {
    const { rule } = await assertDue(ctx.db, ctx.user, input.subject, input.id, todayOf(ctx));
    const now = nowIso(ctx);
    const done = input.subject === 'participant' ? await anonymiseParticipant(ctx.db, input.id, now) : { counts: await anonymisePartner(ctx.db, input.id, now), herSide: null };
    ctx.audit({
      action: 'retention.anonymise',
      subjectType: input.subject,
      subjectId: input.id,
      detail: { rule, counts: done.counts },
    });
    auditHerSide(ctx, 'retention.anonymise', input.id, done.herSide);
    ctx.afterCommit(() => checkpoint(ctx.backend.requireDb()));
    return { subject: input.subject, id: input.id, action: 'anonymised', backupNote: BACKUP_NOTE };
  },
  'retention.delete': async (ctx, input): Promise<RetentionOutcome> => {
    const row = await assertDue(ctx.db, ctx.user, input.subject, input.id, todayOf(ctx));
    if (input.confirmation.toUpperCase() !== row.reference.toUpperCase()) {
      throw new AppError('VALIDATION', `Type the record's reference, ${row.reference}, to confirm the deletion.`, {
        fields: { confirmation: `Type ${row.reference} to confirm` },
      });
    }
    const done =
      input.subject === 'participant'
        ? await deleteParticipant(ctx.db, input.id)
        : { counts: await deletePartner(ctx.db, input.id), herSide: null };
    ctx.audit({
      action: 'retention.delete',
      subjectType: input.subject,
      subjectId: input.id,
      detail: { rule: row.rule, counts: done.counts },
    });
    auditHerSide(ctx, 'retention.delete', input.id, done.herSide);
    ctx.afterCommit(() => checkpoint(ctx.backend.requireDb()));
    return { subject: input.subject, id: input.id, action: 'deleted', backupNote: BACKUP_NOTE };
  },
};
