import type { Handlers } from '../../ipc/context';
import { assertCanOpen } from '../participants/access';
import { attendanceSummary, getRegister, registerVersion, saveRegister } from './service';
import { todayOf } from '../../clock';

export const registerHandlers: Handlers<'registers.get' | 'registers.save' | 'registers.version' | 'attendance.summary'> = {
  'registers.get': (ctx, input) => getRegister(ctx.db, ctx.user, input.sessionId),
  'registers.save': (ctx, input) => saveRegister(ctx, input),
  'registers.version': (ctx, input) => registerVersion(ctx, input),
  'attendance.summary': async (ctx, input) => {
    await assertCanOpen(ctx.db, ctx.user, input.participantId);
    return attendanceSummary(ctx.db, input.participantId, todayOf(ctx));
  },
};
