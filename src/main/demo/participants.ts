/**
 * Made-up participants for the demo and the benchmark: a realistic spread
 * across every status, with referrals, assessments, risk, consent, notes,
 * goals and tasks. Deterministic for a given seed. Every name is invented.
 */
import type { RouteInput, RouteName, RouteOutput } from '../../shared/api';
import { CURRENT_ASSESSMENT_FORM } from '../../shared/features/assessments';
import { addDays } from '../../shared/dates';
import type { ExitReason, ReferralRoute, ReferralSource, Status } from '../../shared/features/participants';

export type Exec = <R extends RouteName>(route: R, input: RouteInput<R>) => Promise<RouteOutput<R>>;

const FIRST = ['Liam', 'José', 'Seán', 'Ciarán', 'Mohammed', 'Tomás', 'Łukasz', 'Daniel', 'Ryan', 'Kwame', 'Darren', 'Björn', 'Arjun', 'Craig', 'Jamal', 'Gareth', 'Piotr', 'Callum', 'Imran', 'Dylan', 'Marcus', 'Rhys', 'Stefan', 'Ahmed', 'Lee', 'Wayne', 'Kieran', 'Nathan', 'Olu', 'Andrei'];
const LAST = ["O'Brien", 'Smith', 'Nowak', 'Khan', 'Jones', 'Müller', 'Patel', 'Williams', "O'Neill", 'Kowalski', 'Ahmed', 'Taylor', 'Davies', 'Évans', 'Murphy', 'Okafor', 'Brown', 'McCarthy', 'Hughes', 'Wilson', 'Begum', 'Popescu', 'Roberts', 'Singh', 'Thompson'];
const ALIASES = ['Zoë', 'Big Mo', 'Tommo', 'Jay', 'Dazza', 'Kev'];
const LANGUAGES = ['English', 'English', 'English', 'English', 'Polish', 'Urdu', 'Romanian', 'Arabic'];
const SOURCES: ReferralSource[] = ['family_court_cafcass', 'family_court_cafcass', 'probation', 'probation', 'childrens_services', 'police', 'other_professional', 'partner', 'family_friend', 'self'];
const ROUTE_FOR: Record<ReferralSource, ReferralRoute> = {
  family_court_cafcass: 'family_court',
  probation: 'criminal_justice',
  police: 'criminal_justice',
  childrens_services: 'voluntary',
  other_professional: 'voluntary',
  partner: 'voluntary',
  family_friend: 'voluntary',
  self: 'voluntary',
};
const REASONS = [
  'Child arrangements proceedings: findings of domestic abuse.',
  'Community order with a requirement to attend a programme.',
  'Child in need plan: concerns about the home.',
  'Police call-outs to the home; he asked for help.',
  'Self-referral after his partner left; wants to change.',
];
const NOTES = [
  'Phoned to confirm the next appointment; he was polite and engaged.',
  'Met at the office. Talked about the incident in March and what he would do differently.',
  "Spoke with his probation officer about attendance.",
  'Left a voicemail; no reply yet.',
  'He talked about his children and said he misses bedtimes with them.',
  "Children's social worker called for an update.",
];
const STATUS_SPREAD: Status[] = ['referred', 'awaiting_assessment', 'assessed', 'assessed', 'waiting_list', 'waiting_list', 'active', 'active', 'active', 'completed', 'completed', 'exited'];
const EXITS: ExitReason[] = ['withdrew', 'deselected_attendance', 'deselected_conduct', 'moved_away', 'custody', 'other'];

/** A small seeded random generator (mulberry32): the same seed gives the same people. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof seeded>;

export interface StoryOptions {
  today: string;
  /** how far back referrals go, in days */
  spanDays: number;
  notes: number;
  manualTasks: number;
  staff: { facilitators: string[]; managers: string[] };
}

/** Creates one participant's story through `exec` (the router for the demo; the services directly for the benchmark). */
export async function createStory(exec: Exec, rng: Rng, index: number, o: StoryOptions): Promise<string> {
  const status = index < STATUS_SPREAD.length ? STATUS_SPREAD[index]! : rng.pick(STATUS_SPREAD);
  const source = rng.pick(SOURCES);
  const receivedOn = addDays(o.today, -rng.int(status === 'referred' ? 1 : 30, Math.max(o.spanDays, 31)));
  const dateOfBirth = addDays(receivedOn, -rng.int(20 * 365, 55 * 365));
  const language = rng.pick(LANGUAGES);
  const keyWorker = rng.pick(o.staff.facilitators);
  const { id } = await exec('participants.create', {
    details: {
      firstName: rng.pick(FIRST),
      lastName: rng.pick(LAST),
      aliases: rng.chance(0.15) ? [rng.pick(ALIASES)] : [],
      dateOfBirth,
      gender: 'Man',
      pronouns: 'he/him',
      phone: `07700 9${String(rng.int(0, 99999)).padStart(5, '0')}`,
      safeToContact: rng.pick(['yes', 'yes', 'check_first'] as const),
      language,
      interpreterNeeded: language !== 'English' && rng.chance(0.6),
      highProfile: rng.chance(0.02),
      childProtection: rng.chance(0.15),
      keyWorkerId: keyWorker,
      children: rng.chance(0.7) ? [{ name: 'Child A', dateOfBirth: addDays(o.today, -rng.int(365, 15 * 365)), livesWith: 'Mother' }] : [],
    },
    referral: {
      source,
      agency: source === 'probation' ? 'Probation Service' : source === 'family_court_cafcass' ? 'Cafcass' : '',
      contactName: source === 'self' ? '' : 'Named contact',
      receivedOn,
      reason: rng.pick(REASONS),
      route: ROUTE_FOR[source],
      courtReference: source === 'family_court_cafcass' ? `ZW${rng.int(10, 26)}C${String(rng.int(1, 9999)).padStart(5, '0')}` : '',
      reportDueDate: source === 'family_court_cafcass' ? addDays(receivedOn, rng.int(60, 200)) : '',
    },
  });

  const started = receivedOn;
  if (status === 'referred') return id;
  const record = async () => exec('participants.get', { id });
  const moveTo = async (next: Status, extra: Partial<RouteInput<'participants.setStatus'>> = {}) => {
    const r = await record();
    await exec('participants.setStatus', { id, version: r.version, status: next, effectiveOn: extra.effectiveOn ?? o.today, ...extra });
  };
  if (status === 'awaiting_assessment') {
    await moveTo('awaiting_assessment', { effectiveOn: addDays(started, 1) });
    return id;
  }
  const meeting = addDays(started, rng.int(3, 20));
  const assessedOn = meeting < o.today ? meeting : o.today;
  // A completed 'suitable' assessment puts him on the waiting list at once, so men still 'assessed' were found not suitable or deferred.
  const picked = status === 'assessed' ? rng.pick(['suitable_group', 'suitable_one_to_one', 'not_suitable', 'deferred'] as const) : null;
  const decision = picked ? (picked === 'not_suitable' ? 'not_suitable' : 'deferred') : rng.chance(0.8) ? 'suitable_group' : 'suitable_one_to_one';
  await exec('assessments.save', {
    participantId: id,
    formVersion: CURRENT_ASSESSMENT_FORM,
    ratings: {
      acknowledges: { rating: rng.int(1, 4), evidence: 'Described the incidents in his own words.' },
      responsibility: { rating: rng.int(1, 4), evidence: 'Some blaming of his ex-partner, less by the second meeting.' },
      motivated: { rating: rng.int(2, 4), evidence: 'Wants to see his children safely.' },
    },
    exclusionFactors: decision === 'not_suitable' ? ['denial'] : [],
    consentObtained: true,
    decision,
    decisionReason: decision === 'not_suitable' ? 'Denies any abusive behaviour.' : decision === 'deferred' ? 'Wait until his alcohol treatment ends.' : 'Meets the criteria.',
    assessorId: keyWorker,
    meetingDates: [assessedOn],
    complete: true,
  });
  const riskCount = rng.int(1, 3);
  for (let r = 0; r < riskCount; r++) {
    const on = addDays(assessedOn, r * 60) < o.today ? addDays(assessedOn, r * 60) : o.today;
    await exec('risk.add', {
      participantId: id,
      level: rng.pick(['low', 'medium', 'medium', 'high'] as const),
      reasons: 'Structured professional judgement after the assessment meetings.',
      redFlags: rng.chance(0.3) ? [rng.pick(['separation', 'child_contact_dispute', 'stalking', 'strangulation'] as const)] : [],
      assessorId: keyWorker,
      assessedOn: on,
      nextReviewOn: addDays(on, rng.int(30, 120)),
    });
  }
  for (const recipient of ['probation', 'childrens_services', 'partner_service'] as const) {
    if (recipient === 'probation' && source !== 'probation') continue;
    await exec('consents.add', {
      participantId: id,
      recipient,
      purpose: 'Sharing attendance, participation and risk with the agencies protecting his family.',
      confidentialityExplained: true,
      howGiven: rng.pick(['signed', 'verbal'] as const),
      givenOn: assessedOn,
      reviewOn: addDays(assessedOn, rng.int(180, 400)),
    });
  }
  const notes = o.notes + (rng.chance(0.2) ? 1 : 0);
  for (let n = 0; n < notes; n++) {
    await exec('notes.add', { participantId: id, noteType: rng.pick(['phone_call', 'meeting', 'agency_contact', 'other'] as const), occurredOn: addDays(assessedOn, Math.min(n * 7, Math.max(0, daysUntil(assessedOn, o.today)))), body: rng.pick(NOTES) });
  }
  await exec('goals.add', { participantId: id, kind: 'goal', text: 'Notice the warning signs and take time out before he becomes abusive.', setOn: assessedOn });
  for (let t = 0; t < o.manualTasks; t++) {
    await exec('tasks.add', { participantId: id, title: rng.pick(['Chase GP letter', 'Book one-to-one', 'Update probation', 'Send appointment letter']), assigneeId: keyWorker, dueOn: addDays(o.today, rng.int(-20, 40)) });
  }
  if (status === 'assessed') return id;
  if (decision === 'not_suitable') return id;
  // Suitable: the completed assessment has already put him on the waiting list, from the day he was assessed.
  if (status === 'waiting_list') return id;
  await moveTo('active', { effectiveOn: addDays(assessedOn, Math.min(30, daysUntil(assessedOn, o.today))) });
  if (status === 'active') return id;
  if (status === 'completed') await moveTo('completed');
  else await moveTo('exited', { exitReason: rng.pick(EXITS), reason: 'See case notes.' });
  return id;
}

function daysUntil(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
}

/**
 * A high-profile man whose record the manager has restricted to herself and one
 * facilitator, so the demo shows what a restricted record looks like from both
 * sides. His surname sorts after every other demo man's, so lists that pick
 * "the first man" are not changed by him. Run as the manager: whoever
 * restricts a record stays named on it.
 */
export async function seedRestrictedCase(exec: Exec, today: string, facilitatorId: string): Promise<string> {
  const receivedOn = addDays(today, -150);
  const { id } = await exec('participants.create', {
    details: {
      firstName: 'Jordan',
      lastName: 'Wyatt',
      aliases: [],
      dateOfBirth: '1986-11-04',
      gender: 'Man',
      pronouns: 'he/him',
      phone: '07700 900777',
      safeToContact: 'check_first',
      contactNote: 'Use his solicitor’s office number only. Local press have shown interest.',
      highProfile: true,
      keyWorkerId: facilitatorId,
    },
    referral: { source: 'probation', agency: 'Probation Service', contactName: 'Named contact', receivedOn, reason: 'Community order with a programme requirement.', route: 'criminal_justice' },
  });
  const meeting = addDays(receivedOn, 14);
  await exec('assessments.save', {
    participantId: id,
    formVersion: CURRENT_ASSESSMENT_FORM,
    ratings: {
      acknowledges: { rating: 3, evidence: 'Accepts what the court found.' },
      responsibility: { rating: 2, evidence: 'Worries more about his reputation than about his family.' },
      motivated: { rating: 3, evidence: 'Wants to keep contact with his children.' },
    },
    consentObtained: true,
    decision: 'suitable_one_to_one',
    decisionReason: 'One-to-one work: his public profile would make group work unsafe for others.',
    assessorId: facilitatorId,
    meetingDates: [meeting],
    complete: true,
  });
  await exec('risk.add', { participantId: id, level: 'medium', reasons: 'Structured professional judgement after the assessment meeting.', redFlags: ['separation'], assessorId: facilitatorId, assessedOn: meeting, nextReviewOn: addDays(today, 60) });
  await exec('consents.add', { participantId: id, recipient: 'probation', purpose: 'Sharing attendance, participation and risk with probation.', confidentialityExplained: true, howGiven: 'signed', givenOn: meeting, reviewOn: addDays(meeting, 365) });
  await exec('notes.add', { participantId: id, noteType: 'meeting', occurredOn: addDays(meeting, 7), body: 'Agreed one-to-one sessions at the office outside group hours.' });
  let record = await exec('participants.get', { id });
  record = await exec('participants.setStatus', { id, version: record.version, status: 'active', effectiveOn: addDays(meeting, 21) });
  await exec('participants.restrict', { id, version: record.version, restricted: true, staffIds: [facilitatorId], reason: 'High-profile: named staff only.' });
  return id;
}
