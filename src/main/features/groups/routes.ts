import type { Handlers } from '../../ipc/context';
import { assertCanOpen } from '../participants/access';
import { todayOf } from '../../clock';
import { calendar, cancelSession, catchUp, createGroup, enrol, enrolmentsFor, groupDetail, leave, listGroups, move, reschedule, sessionChanges, updateGroup, withoutReadyPlan } from './service';

type Routes =
  | 'groups.list'
  | 'groups.get'
  | 'groups.create'
  | 'groups.update'
  | 'groups.enrol'
  | 'enrolments.move'
  | 'enrolments.leave'
  | 'enrolments.forParticipant'
  | 'sessions.calendar'
  | 'sessions.withoutReadyPlan'
  | 'sessions.reschedule'
  | 'sessions.cancel'
  | 'sessions.catchUp'
  | 'sessions.changes';

export const groupHandlers: Handlers<Routes> = {
  'groups.list': (ctx) => listGroups(ctx.db, ctx.user, todayOf(ctx)),
  'groups.get': (ctx, input) => groupDetail(ctx.db, ctx.user, input.id, todayOf(ctx)),
  'groups.create': (ctx, input) => createGroup(ctx, input),
  'groups.update': (ctx, input) => updateGroup(ctx, input),
  'groups.enrol': (ctx, input) => enrol(ctx, input),
  'enrolments.move': (ctx, input) => move(ctx, input),
  'enrolments.leave': (ctx, input) => leave(ctx, input),
  'enrolments.forParticipant': async (ctx, input) => {
    await assertCanOpen(ctx.db, ctx.user, input.participantId);
    return enrolmentsFor(ctx.db, ctx.user, input.participantId);
  },
  'sessions.calendar': (ctx, input) => calendar(ctx.db, ctx.user, input),
  'sessions.withoutReadyPlan': (ctx) => withoutReadyPlan(ctx.db, ctx.user, todayOf(ctx)),
  'sessions.reschedule': (ctx, input) => reschedule(ctx, input),
  'sessions.cancel': (ctx, input) => cancelSession(ctx, input),
  'sessions.catchUp': (ctx, input) => catchUp(ctx, input),
  'sessions.changes': (ctx, input) => sessionChanges(ctx.db, ctx.user, input.sessionId),
};
