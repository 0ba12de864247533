/**
 * Demo groupwork: two running groups (one closed, one rolling) with plans and
 * several weeks of registers, and a one-to-one case. Used by the demo and,
 * scaled up, by the benchmark.
 */
import { addDays, todayInLondon } from '../../shared/dates';
import type { Attendance } from '../../shared/features/registers';
import type { Exec } from './participants';
import { seeded } from './participants';

type Rng = ReturnType<typeof seeded>;

const NOTES = [
  'Engaged well; gave an honest example from last week.',
  'Quiet tonight; took part when asked.',
  'Challenged another member respectfully.',
  'Minimised at first, then took responsibility for his part.',
  'Talked about time-outs working at home.',
];

export interface GroupStory {
  programmeTypeId: string;
  name: string;
  venue: string;
  weekday: number;
  startTime: string;
  startDate: string;
  facilitatorIds: string[];
  intake: 'closed' | 'rolling';
  participantIds: string[];
  /** take registers for sessions up to this date */
  registersUntil: string;
  plans: boolean;
}

function attendanceFor(rng: Rng): Attendance {
  const r = rng.next();
  if (r < 0.72) return 'present';
  if (r < 0.8) return 'late';
  if (r < 0.84) return 'left_early';
  if (r < 0.93) return 'absent_reason';
  return 'absent_no_reason';
}

/** Creates one group with its enrolments, registers for past sessions and (optionally) plans. Returns the group id. */
export async function createGroupStory(exec: Exec, rng: Rng, story: GroupStory): Promise<string> {
  const created = await exec('groups.create', {
    programmeTypeId: story.programmeTypeId,
    name: story.name,
    venue: story.venue,
    weekday: story.weekday,
    startTime: story.startTime,
    startDate: story.startDate,
    facilitatorIds: story.facilitatorIds,
    capacity: Math.max(10, story.participantIds.length),
    intake: story.intake,
    confirm: true,
  });
  if (!created.saved) throw new Error('demo group not saved');
  const groupId = created.group.id;
  if (story.participantIds.length) {
    await exec('groups.enrol', { groupId, participantIds: story.participantIds, overrideReason: 'Demo data', confirm: true });
  }
  const detail = await exec('groups.get', { id: groupId });
  const curriculum = story.plans ? await exec('curriculum.list', {}) : [];
  for (const session of detail.sessions) {
    if (story.plans && session.themeId && session.date <= addDays(story.registersUntil, 14)) {
      const template = curriculum.find((t) => t.id === session.themeId)?.templates[(session.number - 1) % 3];
      if (template) {
        const plan = await exec('plans.start', { sessionId: session.id, from: { kind: 'template', templateId: template.id } });
        if (session.date <= story.registersUntil || rng.chance(0.5)) {
          // Each aim linked to one of the programme's objectives, as a facilitator would.
          const objectiveIds = plan.aims.map((_, n) => plan.objectiveChoices[(session.number + n) % Math.max(1, plan.objectiveChoices.length)]?.id ?? null);
          await exec('plans.save', { ...plan, objectiveIds, materials: plan.materials.map((m) => ({ ...m, ready: true })), status: 'ready' });
        }
      }
    }
    if (session.date > story.registersUntil) continue;
    await exec('registers.save', {
      sessionId: session.id,
      version: 0,
      entries: story.participantIds.map((participantId) => {
        const attendance = attendanceFor(rng);
        const came = attendance === 'present' || attendance === 'late' || attendance === 'left_early';
        return {
          participantId,
          attendance,
          lateMinutes: attendance === 'late' ? rng.int(5, 30) : null,
          leftEarlyMinutes: attendance === 'left_early' ? rng.int(10, 60) : null,
          absenceReason: attendance === 'absent_reason' ? rng.pick(['Working late', 'Unwell', 'Childcare', 'Hospital appointment']) : '',
          participation: came ? rng.int(2, 5) : null,
          note: came ? rng.pick(NOTES) : '',
        };
      }),
      debrief: 'Session ran to plan. Check in with the quieter members next week.',
    });
  }
  return groupId;
}

/** The demo's groupwork, on top of the demo participants. */
export async function seedDemoGroups(exec: Exec, facilitatorIds: string[]): Promise<void> {
  const rng = seeded(77);
  const today = todayInLondon();
  const programmes = await exec('programmes.list', {});
  const group = programmes.find((p) => p.kind === 'group')!;
  const oneToOne = programmes.find((p) => p.kind === 'one_to_one')!;
  const active = (await exec('participants.list', { status: 'active', pageSize: 200 })).rows.filter((r) => r.canOpen).map((r) => r.id);
  const [a, b] = [active.slice(0, Math.ceil(active.length / 2) - 1), active.slice(Math.ceil(active.length / 2) - 1, active.length - 1)];
  await createGroupStory(exec, rng, { programmeTypeId: group.id, name: 'Tuesday evening group', venue: 'Community Centre, Room 2', weekday: 2, startTime: '18:30', startDate: addDays(today, -42), facilitatorIds, intake: 'closed', participantIds: a, registersUntil: addDays(today, -1), plans: true });
  await createGroupStory(exec, rng, { programmeTypeId: group.id, name: 'Thursday rolling group', venue: 'Community Centre, Room 1', weekday: 4, startTime: '18:00', startDate: addDays(today, -28), facilitatorIds: [...facilitatorIds].reverse(), intake: 'rolling', participantIds: b, registersUntil: addDays(today, -1), plans: true });
  const solo = active.at(-1);
  if (solo) {
    const created = await exec('groups.create', { programmeTypeId: oneToOne.id, name: 'One-to-one work', venue: 'Office, interview room', weekday: 3, startTime: '11:00', startDate: addDays(today, -21), facilitatorIds: [facilitatorIds[0]!], capacity: 1, intake: 'closed', participantId: solo, interpreterNeeded: true, confirm: true });
    if (created.saved) {
      const sessions = (await exec('groups.get', { id: created.group.id })).sessions.filter((s) => s.date < today);
      for (const s of sessions) {
        await exec('registers.save', { sessionId: s.id, version: 0, entries: [{ participantId: solo, attendance: 'present', participation: rng.int(3, 5), note: rng.pick(NOTES) }], interpreterPresent: true, interpreterName: 'Interpreter (Polish)', debrief: 'Good session with the interpreter.' });
      }
    }
  }
}
