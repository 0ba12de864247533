import { todayOf } from '../../clock';
import type { Handlers } from '../../ipc/context';
import { assertCanOpen } from './access';
import {
  addReferral,
  createReferral,
  findDuplicates,
  getParticipantRow,
  getRecord,
  listParticipants,
  restrict,
  searchParticipants,
  setStatus,
  updateDetails,
  updateReferral,
  waitingList,
} from './service';

type Routes =
  | 'participants.findDuplicates'
  | 'participants.create'
  | 'participants.list'
  | 'participants.search'
  | 'participants.waitingList'
  | 'participants.get'
  | 'participants.updateDetails'
  | 'participants.setStatus'
  | 'participants.restrict'
  | 'referrals.add'
  | 'referrals.update';

export const participantHandlers: Handlers<Routes> = {
  'participants.findDuplicates': (ctx, input) => findDuplicates(ctx.db, ctx.user, input),
  'participants.create': (ctx, input) => createReferral(ctx, input),
  'participants.list': (ctx, input) => listParticipants(ctx.db, ctx.user, input),
  'participants.search': (ctx, input) => searchParticipants(ctx.db, ctx.user, input),
  'participants.waitingList': (ctx) => waitingList(ctx.db, ctx.user, todayOf(ctx)),
  'participants.get': async (ctx, input) => {
    // His row is read once: for the access check and for the record.
    const row = await getParticipantRow(ctx.db, input.id);
    await assertCanOpen(ctx.db, ctx.user, input.id, row.restricted === 1);
    const record = await getRecord(ctx.db, ctx.user, input.id, todayOf(ctx), row);
    // Opening a record is audited before the data is returned.
    ctx.audit({ action: 'participants.open', subjectType: 'participant', subjectId: input.id });
    return record;
  },
  'participants.updateDetails': (ctx, input) => updateDetails(ctx, input),
  'participants.setStatus': (ctx, input) => setStatus(ctx, input),
  'participants.restrict': (ctx, input) => restrict(ctx, input),
  'referrals.add': (ctx, input) => addReferral(ctx, input),
  'referrals.update': (ctx, input) => updateReferral(ctx, input),
};
