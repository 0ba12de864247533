import { sql } from 'kysely';
import type { Handlers, ServiceContext } from '../../ipc/context';
import { childFlags } from './child-flags';
import { listConcerns, listSharing, raiseConcern, recordSharing, updateConcern } from './service';
import { exportSharingLog, filterNames, sharingLog } from './sharing-log';

type Routes = 'safeguarding.list' | 'safeguarding.raise' | 'safeguarding.update' | 'safeguarding.childFlags' | 'sharing.list' | 'sharing.record' | 'sharing.log' | 'sharing.exportLog';

/**
 * A read of the whole log. Its counts include her side's entries when the partner side is open, so
 * they go to the partner side's audit chain (issue 13 part 6); the programme's chain keeps that the
 * log was read, and with which filters, without counts.
 */
async function auditLogRead(ctx: ServiceContext, action: 'sharing.log' | 'sharing.exportLog', counts: Record<string, number>, filters: string[]) {
  const open = await sql<{ n: number }>`select count(*) as n from pragma_database_list where name = 'partner'`.execute(ctx.db);
  if (Number(open.rows[0]?.n ?? 0) === 0) {
    ctx.audit({ action, subjectType: 'sharing_log', detail: { ...counts, filters } });
    return;
  }
  ctx.audit({ action, subjectType: 'sharing_log', detail: { filters } });
  ctx.audit({ action, subjectType: 'partner', subjectId: null, detail: { ...counts, filters } });
}

export const safeguardingHandlers: Handlers<Routes> = {
  'safeguarding.list': (ctx, input) => listConcerns(ctx, input),
  'safeguarding.raise': (ctx, input) => raiseConcern(ctx, input),
  'safeguarding.update': (ctx, input) => updateConcern(ctx, input),
  'safeguarding.childFlags': (ctx, input) => childFlags(ctx, input),
  'sharing.list': (ctx, input) => listSharing(ctx, input),
  'sharing.record': (ctx, input) => recordSharing(ctx, input),
  // Reading the whole log names no one record, so the router would not audit it: it records itself,
  // with the filters' names and the number of entries shown (never the entries).
  'sharing.log': async (ctx, input) => {
    const page = await sharingLog(ctx, input);
    const { page: _page, pageSize: _size, ...filters } = input;
    await auditLogRead(ctx, 'sharing.log', { rows: page.entries.length, total: page.total, page: page.page }, filterNames(filters));
    return page;
  },
  'sharing.exportLog': async (ctx, input) => {
    const file = await exportSharingLog(ctx, input);
    await auditLogRead(ctx, 'sharing.exportLog', { rows: file.rows }, filterNames(input));
    return file;
  },
};
