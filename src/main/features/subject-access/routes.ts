import { todayOf } from '../../clock';
import type { Handlers } from '../../ipc/context';
import { listRequests, logRequest, producePack, reviewRequest } from './service';

type Routes = 'subjectAccess.list' | 'subjectAccess.log' | 'subjectAccess.review' | 'subjectAccess.produce';

export const subjectAccessHandlers: Handlers<Routes> = {
  'subjectAccess.list': (ctx, input) => listRequests(ctx.db, ctx.user, input, todayOf(ctx)),
  'subjectAccess.log': (ctx, input) => logRequest(ctx, input),
  'subjectAccess.review': (ctx, input) => reviewRequest(ctx, input.requestId),
  'subjectAccess.produce': (ctx, input) => producePack(ctx, input),
};
