/** Programme types, the curriculum library and closure dates: a manager's settings for the groupwork. */
import { z } from 'zod';
import { isoDate } from '../dates';

export const programmeKinds = ['group', 'one_to_one', 'intensive', 'early_intervention'] as const;
export type ProgrammeKind = (typeof programmeKinds)[number];
export const programmeKindLabels: Record<ProgrammeKind, string> = {
  group: 'Group programme',
  one_to_one: 'One-to-one',
  intensive: 'Intensive',
  early_intervention: 'Early intervention',
};

const text = (label: string, max: number) => z.string().trim().max(max, `${label} is too long (at most ${max} characters)`);

/** One of the programme's objectives; a new one has no id until it is saved. Session plans link their aims to them. */
export const objectiveSchema = z.object({
  id: z.uuid().nullable().default(null),
  text: text('Objective', 300).min(1, 'Write the objective, or remove it'),
});
export interface Objective {
  id: string;
  text: string;
}

export const programmeTypeFields = z.object({
  name: text('Name', 80).min(1, 'Enter a name'),
  kind: z.enum(programmeKinds, 'Choose the kind of programme'),
  sessionsCount: z.number('Enter the number of sessions').int('Enter a whole number').min(1, 'At least 1 session').max(60, 'At most 60 sessions'),
  sessionMinutes: z.number('Enter the session length').int('Enter whole minutes').min(30, 'At least 30 minutes').max(480, 'At most 8 hours'),
  /** the curriculum in order: theme ids; sessions run through them, each theme for its number of sessions */
  themeIds: z.array(z.uuid()).max(40).default([]),
  /** completion rule: attended at least this share of the sessions offered, and every required theme */
  minAttendancePercent: z.number().int().min(0).max(100).default(75),
  requiredThemeIds: z.array(z.uuid()).max(40).default([]),
  /** what the programme sets out to achieve; each aim of a session plan serves one */
  objectives: z.array(objectiveSchema).max(30, 'At most 30 objectives').default([]),
  active: z.boolean().default(true),
});
export const programmeTypeInput = programmeTypeFields.extend({ id: z.uuid().nullable().default(null), version: z.number().int().nullable().default(null) });
export type ProgrammeTypeInput = z.input<typeof programmeTypeInput>;

export interface ProgrammeType extends Omit<z.output<typeof programmeTypeFields>, 'objectives'> {
  id: string;
  version: number;
  objectives: Objective[];
}

export const activitySchema = z.object({
  title: text('Activity', 200).min(1, 'Name the activity'),
  minutes: z.number('Enter minutes').int('Whole minutes').min(1, 'At least 1 minute').max(480),
  description: text('Description', 2000).default(''),
  /** who leads this part (a member of staff), in a plan */
  leadId: z.uuid().nullable().default(null),
});
export type Activity = z.output<typeof activitySchema>;

export const templateFields = z.object({
  themeId: z.uuid('Choose a theme'),
  title: text('Title', 200).min(1, 'Enter a title'),
  aims: z.array(text('Aim', 500).min(1)).max(20).default([]),
  activities: z.array(activitySchema).max(40).default([]),
  materials: z.array(text('Material', 200).min(1)).max(40).default([]),
  facilitatorNotes: text('Facilitator notes', 5000).default(''),
});
export const templateInput = templateFields.extend({ id: z.uuid().nullable().default(null), version: z.number().int().nullable().default(null) });

export interface SessionTemplate extends z.output<typeof templateFields> {
  id: string;
  position: number;
  version: number;
}

export const themeInput = z.object({
  id: z.uuid().nullable().default(null),
  version: z.number().int().nullable().default(null),
  name: text('Name', 120).min(1, 'Enter the theme name'),
  description: text('Description', 2000).default(''),
  sessionsCount: z.number().int().min(1, 'At least 1 session').max(12, 'At most 12 sessions').default(3),
});

export interface Theme {
  id: string;
  name: string;
  description: string;
  sessionsCount: number;
  position: number;
  version: number;
  templates: SessionTemplate[];
}

export const reorderInput = z.object({ ids: z.array(z.uuid()).min(1).max(200) });

export const closureInput = z.object({ date: isoDate('Date'), name: text('Name', 120).min(1, 'Say what the closure is') });
export const closureDeleteInput = z.object({ date: isoDate('Date') });
export interface Closure {
  date: string;
  name: string;
}
