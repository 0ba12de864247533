import type { Handlers } from '../../ipc/context';
import { getVisibleSessionRow } from '../groups/service';
import { getPlan, savePlan, startPlan } from './service';

export const planHandlers: Handlers<'plans.get' | 'plans.start' | 'plans.save'> = {
  // A catch-up or one-to-one session about a man on a restricted record opens only for staff named on it.
  'plans.get': async (ctx, input) => {
    await getVisibleSessionRow(ctx.db, ctx.user, input.sessionId);
    return getPlan(ctx.db, input.sessionId);
  },
  'plans.start': async (ctx, input) => {
    await getVisibleSessionRow(ctx.db, ctx.user, input.sessionId);
    return startPlan(ctx, input);
  },
  'plans.save': async (ctx, input) => {
    await getVisibleSessionRow(ctx.db, ctx.user, input.sessionId);
    return savePlan(ctx, input);
  },
};
