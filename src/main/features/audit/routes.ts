import type { Kysely } from 'kysely';
import { verifyAudit } from '../../audit/audit';
import type { Database } from '../../db/schema';
import type { Handlers } from '../../ipc/context';
import { exportAudit, listAudit } from './service';

export const auditHandlers: Handlers<'audit.list' | 'audit.verify' | 'audit.export'> = {
  'audit.list': (ctx, input) => listAudit(ctx.db, input, ctx.user.role),
  'audit.export': async (ctx, input) => {
    const result = await exportAudit(ctx.db, input, ctx.user.role);
    // An export is a disclosure of the log itself: recorded, with the filters used (never the rows).
    ctx.audit({ action: 'audit.export', subjectType: 'audit', detail: { rows: result.rows, filters: Object.keys(input) } });
    return result;
  },
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
