/** The session plan form and its running total against the session length. */
import type { Session } from '../../../shared/features/groups';
import type { SessionPlan } from '../../../shared/features/plans';
import type { RouteInput } from '../../../shared/api';

export interface ActivityRow {
  title: string;
  minutes: number | string;
  description: string;
  leadId: string | null;
}

export interface AimRow {
  aim: string;
  /** the programme objective it serves */
  objectiveId: string | null;
  /** the free-text objective an older plan gave it, shown until an objective is chosen */
  legacy: string;
}

export interface PlanValues {
  title: string;
  aims: AimRow[];
  activities: ActivityRow[];
  materials: Array<{ item: string; ready: boolean }>;
  notes: string;
  status: 'draft' | 'ready';
}

export function valuesFromPlan(plan: SessionPlan): PlanValues {
  return {
    title: plan.title,
    // A link to an objective since removed from the programme is dropped, so the form offers only real choices.
    aims: plan.aims.map((aim, i) => {
      const id = plan.objectiveIds[i] ?? null;
      return { aim, objectiveId: id && plan.objectiveChoices.some((o) => o.id === id) ? id : null, legacy: id ? '' : (plan.objectives[i] ?? '') };
    }),
    activities: plan.activities.map((a) => ({ title: a.title, minutes: a.minutes, description: a.description, leadId: a.leadId })),
    materials: plan.materials.map((m) => ({ ...m })),
    notes: plan.notes,
    status: plan.status,
  };
}

export const minutesOf = (v: number | string): number => {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) && n > 0 ? Math.round(n) : 0;
};

export function totalMinutes(activities: ReadonlyArray<Pick<ActivityRow, 'minutes'>>): number {
  return activities.reduce((sum, a) => sum + minutesOf(a.minutes), 0);
}

/** How the running total reads: over the session is red, more than half an hour short is orange. */
export function totalState(total: number, sessionMinutes: number): { colour: 'red' | 'orange' | 'teal'; text: string } {
  if (total > sessionMinutes) return { colour: 'red', text: `${total - sessionMinutes} minutes too long: shorten an activity before marking the plan ready.` };
  if (total < sessionMinutes - 30) return { colour: 'orange', text: `${sessionMinutes - total} minutes of the session are not planned yet.` };
  if (total < sessionMinutes) return { colour: 'teal', text: `${sessionMinutes - total} minutes to spare.` };
  return { colour: 'teal', text: 'Fills the session exactly.' };
}

/** The plan as saved: aims with their objectives side by side, empty aims and materials left out. */
export function planInputFrom(values: PlanValues, sessionId: string, version: number | null, themeId: string | null): RouteInput<'plans.save'> {
  const aims = values.aims.filter((a) => a.aim.trim());
  return {
    sessionId,
    version,
    themeId,
    title: values.title,
    aims: aims.map((a) => a.aim.trim()),
    objectiveIds: aims.map((a) => a.objectiveId),
    // The old free text goes once an objective is chosen for that aim.
    objectives: aims.map((a) => (a.objectiveId ? '' : a.legacy)),
    // Every row is sent, so an error on `activities.2.minutes` is the third row on the screen.
    activities: values.activities.map((a) => ({ title: a.title.trim(), minutes: minutesOf(a.minutes), description: a.description.trim(), leadId: a.leadId })),
    materials: values.materials.filter((m) => m.item.trim()).map((m) => ({ item: m.item.trim(), ready: m.ready })),
    notes: values.notes,
    status: values.status,
  };
}

/** Moves item `index` one place up (-1) or down (+1); out of range leaves the list as it is. */
export function moveItem<T>(list: readonly T[], index: number, step: -1 | 1): T[] {
  const to = index + step;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const copy = [...list];
  [copy[index], copy[to]] = [copy[to]!, copy[index]!];
  return copy;
}

/** What the window checks before saving, with the form's paths. */
export function planErrors(values: PlanValues, sessionMinutes: number): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.title.trim()) errors.title = 'Enter a title';
  values.activities.forEach((a, i) => {
    if (!a.title.trim()) errors[`activities.${i}.title`] = 'Name the activity';
    if (minutesOf(a.minutes) < 1) errors[`activities.${i}.minutes`] = 'Minutes';
  });
  if (values.status === 'ready' && totalMinutes(values.activities) > sessionMinutes) {
    errors.status = `The activities take ${totalMinutes(values.activities)} minutes but the session is ${sessionMinutes}. Shorten them, or save as a draft.`;
  }
  return errors;
}

/**
 * Which of the theme's templates fits this session: the first session of a
 * theme gets the first template, the second the second, and so on (counting
 * back over the group's sessions on the same theme). A catch-up gets the first.
 */
export function suggestedTemplateIndex(
  session: Pick<Session, 'id' | 'themeId' | 'catchUpForSessionId'>,
  sessions: ReadonlyArray<Pick<Session, 'id' | 'themeId' | 'catchUpForSessionId'>>,
): number {
  if (session.catchUpForSessionId) return 0;
  const regular = sessions.filter((s) => !s.catchUpForSessionId);
  const at = regular.findIndex((s) => s.id === session.id);
  let n = 0;
  for (let i = at - 1; i >= 0 && regular[i]!.themeId === session.themeId; i--) n++;
  return n;
}
