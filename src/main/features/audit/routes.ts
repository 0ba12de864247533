import type { Kysely } from 'kysely';
import { verifyAudit } from '../../audit/audit';
import type { Database } from '../../db/schema';
import type { Handlers } from '../../ipc/context';
import { listAudit } from './service';

export const auditHandlers: Handlers<'audit.list' | 'audit.verify'> = {
  'audit.list': (ctx, input) => listAudit(ctx.db, input),
  'audit.verify': async (ctx) => {
    const result = await verifyAudit(ctx.db as Kysely<Database>);
    await ctx.backend.recordAudit({
      actorId: ctx.user.staffId,
      actorRole: ctx.user.role,
      action: 'audit.verify',
      route: 'audit.verify',
      outcome: 'ok',
      detail: { checked: result.checked, intact: result.ok, firstBroken: result.firstBroken?.seq ?? null },
    });
    return result;
  },
};
