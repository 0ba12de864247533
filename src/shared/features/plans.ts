/** A session plan: prepared from a template or an earlier plan, checked against the session length. */
import { z } from 'zod';
import { activitySchema, type Activity, type Objective } from './programmes';

const text = (label: string, max: number) => z.string().trim().max(max, `${label} is too long (at most ${max} characters)`);

export const planFields = z.object({
  title: text('Title', 200).min(1, 'Enter a title'),
  themeId: z.uuid().nullable().default(null),
  aims: z.array(text('Aim', 500).min(1, 'An aim cannot be empty')).max(20).default([]),
  /** which of the programme's objectives each aim serves: an objective's id, one per aim (null: none chosen) */
  objectiveIds: z.array(z.uuid().nullable()).max(20).default([]),
  /** the free-text objective per aim that plans had before programmes listed their objectives; kept so old plans still show it */
  objectives: z.array(text('Objective', 200)).max(20).default([]),
  activities: z.array(activitySchema).max(40).default([]),
  materials: z.array(z.object({ item: text('Material', 200).min(1, 'Name the material'), ready: z.boolean().default(false) })).max(40).default([]),
  notes: text('Notes for the facilitators', 5000).default(''),
  status: z.enum(['draft', 'ready']).default('draft'),
});

export const planSaveInput = planFields.extend({ sessionId: z.uuid(), version: z.number().int().nullable().default(null) });
export const planStartInput = z.object({
  sessionId: z.uuid(),
  from: z.discriminatedUnion('kind', [z.object({ kind: z.literal('template'), templateId: z.uuid() }), z.object({ kind: z.literal('plan'), sessionId: z.uuid() }), z.object({ kind: z.literal('blank') })]),
});

export interface SessionPlan extends z.output<typeof planFields> {
  sessionId: string;
  version: number;
  totalMinutes: number;
  sessionMinutes: number;
  /** e.g. the activities take longer than the session */
  warnings: string[];
  /** the programme's objectives an aim can serve */
  objectiveChoices: Objective[];
  /** what each aim serves, as read: the linked objective, or the old free text */
  aimObjectives: string[];
  updatedAt: string;
  updatedByName: string | null;
}

export function planMinutes(activities: Array<Pick<Activity, 'minutes'>>): number {
  return activities.reduce((sum, a) => sum + a.minutes, 0);
}
