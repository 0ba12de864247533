/**
 * Outcome measures for the demo and the benchmark's ten-year data set: for every man who started,
 * his own view and the facilitators' rating at each point already due, and for every partner of
 * his, her answers at the same points, most showing some change for the better, a few declined or
 * not reachable. Written straight to the tables in the caller's transaction (the points follow
 * the same rules as the routes: nothing after today, follow-ups after his ending); her rows need
 * the partner side open.
 */
import { randomUUID } from 'node:crypto';
import { addDays } from '../../shared/dates';
import type { Db } from '../ipc/context';
import { journeysFor } from '../features/outcomes/due';
import { allPoints, dueOn } from '../features/outcomes/journey';
import { scoreColumns } from '../features/outcomes/stored-scores';
import type { seeded } from './participants';

type Rng = ReturnType<typeof seeded>;
const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

function hisAnswers(rng: Rng, step: number): Record<string, number> {
  const v = () => clamp(rng.int(1, 3) + (step > 0 ? rng.int(0, step + 1) : 0), 1, 5);
  return { acknowledgement: v(), responsibility: v(), motivation: v(), own_view: v() };
}

function herAnswers(rng: Rng, step: number): Record<string, number | null> {
  const freq = () => clamp(rng.int(1, 3) - (step > 0 ? rng.int(0, step + 1) : 0), 0, 3);
  const free = () => clamp(rng.int(0, 2) + (step > 0 ? rng.int(0, step) : 0), 0, 3);
  return {
    physical: freq(),
    sexual: clamp(freq() - 1, 0, 3),
    harassment: freq(),
    controlling: freq(),
    safety: clamp(rng.int(2, 6) + (step > 0 ? rng.int(0, step * 2) : 0), 0, 10),
    children: rng.chance(0.3) ? null : rng.chance(step > 0 ? 0.15 : 0.45) ? 1 : 0,
    injuries: rng.chance(step > 0 ? 0.05 : 0.25) ? 1 : 0,
    police: step > 0 ? (rng.chance(0.1) ? 1 : 0) : rng.int(0, 3),
    see_people: free(),
    go_out: free(),
    decide: free(),
    parenting: rng.chance(0.4) ? null : free(),
  };
}

export async function seedOutcomeMeasures(db: Db, rng: Rng, today: string, o: { partnerSide: boolean; staffId: string | null }): Promise<{ his: number; hers: number }> {
  const men = await db.selectFrom('participants').select(['id', 'reference', 'status', 'key_worker_id']).where('anonymised_at', 'is', null).where('status', 'in', ['active', 'completed', 'exited']).execute();
  const journeys = (await journeysFor(db, men)).filter((j) => j.startedOn);
  const points = await allPoints(db);
  const at = new Date().toISOString();
  const status = () => (rng.chance(0.04) ? 'declined' : rng.chance(0.04) ? 'not_reachable' : 'recorded');
  let his = 0;
  let hers = 0;
  const partnersOf = new Map<string, string[]>();
  if (o.partnerSide) {
    for (let i = 0; i < journeys.length; i += 500) {
      const links = await db.selectFrom('partner_links').select(['partner_id', 'participant_id']).where('participant_id', 'in', journeys.slice(i, i + 500).map((j) => j.participantId)).execute();
      for (const l of links) partnersOf.set(l.participant_id, [...(partnersOf.get(l.participant_id) ?? []), l.partner_id]);
    }
  }
  for (const j of journeys) {
    for (const [step, point] of points.entries()) {
      const due = dueOn(j, point, null);
      if (!due || due > today || (point === 'mid' && j.endedOn && due > j.endedOn)) continue;
      const recordedOn = point === 'baseline' ? due : addDays(due, rng.int(0, 10)) > today ? due : addDays(due, rng.int(0, 10));
      const base = { participant_id: j.participantId, point, form_version: 1, recorded_on: recordedOn, note: '', created_at: at, created_by: o.staffId };
      const s = point === 'baseline' ? 'recorded' : status();
      const hisOwn = s === 'recorded' ? hisAnswers(rng, step) : {};
      await db.insertInto('outcome_records').values({ ...base, id: randomUUID(), set_name: 'participant', status: s, answers: JSON.stringify(hisOwn), ...scoreColumns('his', 'participant', s, hisOwn) }).execute();
      his += 1;
      if (j.objectives.length) {
        const rating = Object.fromEntries(j.objectives.map((ob) => [ob.id, clamp(rng.int(1, 3) + rng.int(0, step), 1, 5)]));
        await db.insertInto('outcome_records').values({ ...base, id: randomUUID(), set_name: 'rating', status: 'recorded', answers: JSON.stringify(rating), ...scoreColumns('his', 'rating', 'recorded', rating) }).execute();
        his += 1;
      }
      for (const partnerId of partnersOf.get(j.participantId) ?? []) {
        const hs = point === 'baseline' ? 'recorded' : status();
        const herOwn = hs === 'recorded' ? herAnswers(rng, step) : {};
        await db.insertInto('partner_outcomes').values({ ...base, id: randomUUID(), partner_id: partnerId, status: hs, answers: JSON.stringify(herOwn), ...scoreColumns('hers', 'partner', hs, herOwn) }).execute();
        hers += 1;
      }
    }
  }
  return { his, hers };
}
