/**
 * The demo's programme types get objectives, as an organisation would write them, so that session
 * plans link their aims to them and the facilitators' rating of his progress (an outcome measure,
 * one question per objective) has something to rate in the browser host's demo.
 */
import type { RouteInput, RouteName, RouteOutput } from '../../shared/api';

type Exec = <R extends RouteName>(route: R, input: RouteInput<R>) => Promise<RouteOutput<R>>;

const OBJECTIVES = [
  'He recognises the range of his abusive behaviour and its effect on his partner and children',
  'He takes responsibility for his behaviour without blaming, minimising or denying',
  'He uses safe ways to manage conflict and strong feelings (time-outs, his safety plan)',
  'He respects his partner’s freedom and decisions, and parents safely',
];

export async function seedDemoObjectives(exec: Exec): Promise<void> {
  for (const p of await exec('programmes.list', {})) {
    if (p.objectives.length) continue;
    await exec('programmes.save', { ...p, objectives: OBJECTIVES.map((text) => ({ id: null, text })) });
  }
}
