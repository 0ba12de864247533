import type { Handlers } from '../../ipc/context';
import { listConcerns, listSharing, raiseConcern, recordSharing, updateConcern } from './service';

export const safeguardingHandlers: Handlers<'safeguarding.list' | 'safeguarding.raise' | 'safeguarding.update' | 'sharing.list' | 'sharing.record'> = {
  'safeguarding.list': (ctx, input) => listConcerns(ctx, input),
  'safeguarding.raise': (ctx, input) => raiseConcern(ctx, input),
  'safeguarding.update': (ctx, input) => updateConcern(ctx, input),
  'sharing.list': (ctx, input) => listSharing(ctx, input),
  'sharing.record': (ctx, input) => recordSharing(ctx, input),
};
