import type { Handlers } from '../../ipc/context';
import { childFlags } from './child-flags';
import { listConcerns, listSharing, raiseConcern, recordSharing, updateConcern } from './service';
import { exportSharingLog, filterNames, sharingLog } from './sharing-log';

type Routes = 'safeguarding.list' | 'safeguarding.raise' | 'safeguarding.update' | 'safeguarding.childFlags' | 'sharing.list' | 'sharing.record' | 'sharing.log' | 'sharing.exportLog';

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
    ctx.audit({ action: 'sharing.log', subjectType: 'sharing_log', detail: { rows: page.entries.length, total: page.total, page: page.page, filters: filterNames(filters) } });
    return page;
  },
  'sharing.exportLog': async (ctx, input) => {
    const file = await exportSharingLog(ctx, input);
    ctx.audit({ action: 'sharing.exportLog', subjectType: 'sharing_log', detail: { rows: file.rows, filters: filterNames(input) } });
    return file;
  },
};
