/**
 * Demo partner support service: partners for most men, contact logs,
 * checklists across the risk range, a safety plan, a MARAC referral and an
 * open safeguarding concern. Every name is invented.
 */
import { addDays, todayInLondon } from '../../shared/dates';
import { CURRENT_CHECKLIST, checklistForms } from '../../shared/features/partners';
import type { Exec } from './participants';
import { seeded } from './participants';

type Rng = ReturnType<typeof seeded>;
const FIRST = ['Amira', 'Beth', 'Chloe', 'Dorota', 'Ellie', 'Fatima', 'Grace', 'Hannah', 'Ioana', 'Jade', 'Kerry', 'Leah', 'Marta', 'Niamh', 'Olivia', 'Priya', 'Rachel', 'Siobhán', 'Tanya', 'Zoë'];
const LAST = ['Morgan', 'Hughes', 'Kaur', 'Lewis', 'Nowak', 'Price', 'Reid', 'Shah', 'Walsh', 'Young'];

export interface PartnerStoryOptions {
  workerId: string;
  contacts: number;
  today?: string;
}

/** One partner for a man, with her contact log and a checklist at a chosen score. Returns her id. */
export async function createPartnerStory(exec: Exec, rng: Rng, participantId: string, score: number, o: PartnerStoryOptions): Promise<string> {
  const today = o.today ?? todayInLondon();
  const { id } = await exec('partners.create', {
    details: {
      firstName: rng.pick(FIRST),
      lastName: rng.pick(LAST),
      phone: `07700 8${String(rng.int(0, 99999)).padStart(5, '0')}`,
      safeContact: { safeNumber: 'Mobile only', safeTimes: rng.pick(['Weekdays 10:00 to 12:00', 'After 19:00', 'School hours']), messageAllowed: rng.pick(['no', 'ask'] as const), nameToGive: 'Sam from the health centre', codeWord: rng.pick(['sunflower', 'blue door', 'Tuesday']), notes: '' },
      consentToService: rng.chance(0.85),
      consentToSharing: rng.chance(0.5),
      workerId: o.workerId,
      children: rng.chance(0.6) ? [{ name: 'Child A', dateOfBirth: addDays(today, -rng.int(365, 12 * 365)), livesWith: 'Mother' }] : [],
    },
    link: { participantId, relationship: rng.pick(['current', 'ex', 'ex'] as const), from: addDays(today, -rng.int(400, 4000)), to: '' },
  });
  for (let c = 0; c < o.contacts; c++) {
    const at = new Date(`${addDays(today, -(o.contacts - c) * 9)}T10:30:00Z`).toISOString();
    await exec('partners.logContact', {
      partnerId: id,
      at,
      method: rng.pick(['phone', 'phone', 'text', 'in_person'] as const),
      outcome: c === 0 ? 'no_answer' : rng.pick(['spoke', 'spoke', 'message_left', 'no_answer'] as const),
      notes: rng.pick(['Talked through the safety plan.', 'She said things are calmer.', 'No answer; will try at the safe time.', 'She asked about the programme dates.']),
      nextContactDue: c === o.contacts - 1 ? addDays(today, rng.int(1, 21)) : '',
    });
  }
  const form = checklistForms[CURRENT_CHECKLIST]!;
  const order = [...form.questions].sort(() => rng.next() - 0.5);
  const answers = Object.fromEntries(order.map((q, i) => [q.key, i < score ? ('yes' as const) : rng.chance(0.2) ? ('not_known' as const) : ('no' as const)]));
  await exec('partners.saveChecklist', { partnerId: id, formVersion: CURRENT_CHECKLIST, answers, completedOn: addDays(today, -rng.int(1, 30)) });
  return id;
}

/** `historical`: men whose cases closed long before they were entered, whose alerts need no contact now. */
export async function seedDemoPartners(exec: Exec, workerId: string, historical: string[] = []): Promise<void> {
  const rng = seeded(99);
  const today = todayInLondon();
  const men = (await exec('participants.list', { pageSize: 200, sort: 'reference' })).rows.filter((r) => r.canOpen && r.status !== 'referred');
  const scores = [3, 6, 9, 11, 14, 16, 18, 5, 8, 12, 2, 15];
  let high: string | null = null;
  for (const [i, man] of men.entries()) {
    if (i % 6 === 5) continue; // some men have no partner on record yet
    const score = scores[i % scores.length]!;
    const id = await createPartnerStory(exec, rng, man.id, score, { workerId, contacts: rng.int(1, 4), today });
    if (score >= 14 && !high) high = id;
  }
  if (high) {
    await exec('partners.saveSafetyPlan', {
      partnerId: high,
      version: 0,
      sections: { safe_contacts: 'Her sister; the IDVA; 999 in an emergency.', leaving_plan: 'Bag with documents kept at her sister’s.', children: 'School knows who may collect them.', technology: 'New phone; location sharing off.', at_home: 'Locks changed; a doorbell camera.', at_work: 'Reception has his photograph.' },
      reviewOn: addDays(today, 28),
    });
    await exec('partners.saveReferral', { partnerId: high, kind: 'marac', referredOn: addDays(today, -7), reasons: ['high_risk_score'], meetingDates: [addDays(today, 7)], actions: 'Weekly contact from the partner service; share any change in his attendance at once.', outcome: '' });
    await exec('safeguarding.raise', { partnerId: high, kind: 'child_protection', raisedOn: addDays(today, -3), what: 'She said the children saw him push her at the handover.', children: ['Child A'], actions: { discussedWithManager: true, childrensServicesReferral: true, childrensServicesReference: 'CS-2026-0412' } });
  }
  // The long-closed demo case left the programme years ago and was entered after the event: its
  // alerts ("he has left the programme on 2010-01-15") would head the worker's list. She would close them at once.
  const mine = await exec('tasks.list', { scope: 'mine', pageSize: 200 });
  for (const task of mine.tasks.filter((t) => t.kind === 'partner_alert' && t.participantId && historical.includes(t.participantId))) {
    await exec('tasks.complete', { id: task.id, note: 'Historical case, entered after the event: nothing to do now.' });
  }
}
