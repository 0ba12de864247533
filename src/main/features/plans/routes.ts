import type { Handlers } from '../../ipc/context';
import { getPlan, savePlan, startPlan } from './service';

export const planHandlers: Handlers<'plans.get' | 'plans.start' | 'plans.save'> = {
  'plans.get': (ctx, input) => getPlan(ctx.db, input.sessionId),
  'plans.start': (ctx, input) => startPlan(ctx, input),
  'plans.save': (ctx, input) => savePlan(ctx, input),
};
