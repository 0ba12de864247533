/** Men at known points of their programme, their partners, and measures recorded through the router. */
import { addDays } from '../../../src/shared/dates';
import { call } from '../helpers';
import { referralInput, today, type World } from '../participants/fixtures';

export { today };

/** A man referred 400 days ago, assessed, and (as asked) started and ended on the given days ago. */
export async function man(w: World, name: string, opts: { startedDaysAgo?: number; endedDaysAgo?: number } = {}): Promise<string> {
  await w.loginAs('manager');
  const { id } = await call(w.backend, 'participants.create', referralInput({ firstName: name, lastName: 'Outcome', aliases: [] }, { receivedOn: addDays(today, -400), reportDueDate: '' }));
  const set = async (status: 'assessed' | 'active' | 'exited', effectiveOn: string) => {
    const r = await call(w.backend, 'participants.get', { id });
    await call(w.backend, 'participants.setStatus', { id, version: r.version, status, outcome: status === 'assessed' ? 'suitable_group' : null, exitReason: status === 'exited' ? 'withdrew' : null, effectiveOn });
  };
  await set('assessed', addDays(today, -390));
  if (opts.startedDaysAgo !== undefined) await set('active', addDays(today, -opts.startedDaysAgo));
  if (opts.endedDaysAgo !== undefined) await set('exited', addDays(today, -opts.endedDaysAgo));
  return id;
}

export async function partnerOf(w: World, participantId: string, first: string, note = ''): Promise<string> {
  await w.loginAs('partner_worker');
  const { id } = await call(w.backend, 'partners.create', {
    details: {
      firstName: first,
      lastName: 'Outcome',
      phone: '07700 900111',
      address: '1 Test Street',
      safeContact: { safeNumber: '07700 900111', safeTimes: 'Weekdays', messageAllowed: 'no', nameToGive: 'Sam', codeWord: '', notes: note },
      consentToService: true,
      workerId: w.accounts.partner_worker.id,
    },
    link: { participantId, relationship: 'current', from: '2018-01-01', to: '' },
  });
  return id;
}

/** His own view with every answer the same value (1 to 5). */
export const his = (v: number | null) => ({ acknowledgement: v, responsibility: v, motivation: v, own_view: v });
/** Her answers: abuse of each kind at `abuse` (0–3), her safety, space for action at `space` (0–3). */
export const hers = (abuse: number, safety: number, space: number) => ({
  physical: abuse,
  sexual: abuse,
  harassment: abuse,
  controlling: abuse,
  safety,
  children: 0,
  injuries: 0,
  police: 0,
  see_people: space,
  go_out: space,
  decide: space,
  parenting: null,
});
