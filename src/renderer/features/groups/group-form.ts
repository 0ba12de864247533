/** The new-group and edit-group forms: values on the screen, and the input the back end takes. */
import type { FormErrors } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { groupCreateInput, groupUpdateInput, type Group } from '../../../shared/features/groups';
import type { RouteInput } from '../../../shared/api';

export interface GroupValues {
  programmeTypeId: string | null;
  name: string;
  venue: string;
  weekday: string | null;
  startTime: string;
  startDate: string;
  facilitator1: string | null;
  facilitator2: string | null;
  capacity: number | string;
  intake: 'closed' | 'rolling';
  participantId: string | null;
  interpreterNeeded: boolean;
}

export const emptyGroupValues: GroupValues = {
  programmeTypeId: null,
  name: '',
  venue: '',
  weekday: null,
  startTime: '18:30',
  startDate: '',
  facilitator1: null,
  facilitator2: null,
  capacity: 10,
  intake: 'closed',
  participantId: null,
  interpreterNeeded: false,
};

export function facilitatorIdsOf(v: Pick<GroupValues, 'facilitator1' | 'facilitator2'>): string[] {
  return [v.facilitator1, v.facilitator2].filter((x): x is string => Boolean(x));
}

export function createInputOf(v: GroupValues, oneToOne: boolean, confirm = false): RouteInput<'groups.create'> {
  return {
    programmeTypeId: v.programmeTypeId ?? '',
    name: v.name,
    venue: v.venue,
    weekday: Number(v.weekday),
    startTime: v.startTime.slice(0, 5),
    startDate: v.startDate,
    facilitatorIds: oneToOne ? facilitatorIdsOf(v).slice(0, 1) : facilitatorIdsOf(v),
    capacity: oneToOne ? 1 : Number(v.capacity),
    intake: v.intake,
    participantId: oneToOne ? v.participantId : null,
    interpreterNeeded: v.interpreterNeeded,
    confirm,
  };
}

export function updateInputOf(v: GroupValues, group: Pick<Group, 'id' | 'version' | 'kind'>, confirm = false): RouteInput<'groups.update'> {
  const oneToOne = group.kind === 'one_to_one';
  return {
    id: group.id,
    version: group.version,
    name: v.name,
    venue: v.venue,
    facilitatorIds: oneToOne ? facilitatorIdsOf(v).slice(0, 1) : facilitatorIdsOf(v),
    capacity: oneToOne ? 1 : Number(v.capacity),
    intake: v.intake,
    interpreterNeeded: v.interpreterNeeded,
    confirm,
  };
}

/** The back end's paths on the screen's fields. */
export const groupFieldOf: Record<string, string> = { facilitatorIds: 'facilitator1', weekday: 'weekday' };

const checkCreate = zod4Resolver(groupCreateInput, { errorPriority: 'first' });
const checkUpdate = zod4Resolver(groupUpdateInput, { errorPriority: 'first' });

function rename(errors: FormErrors): FormErrors {
  const out: FormErrors = {};
  for (const [path, message] of Object.entries(errors)) out[groupFieldOf[path.split('.')[0]!] ?? path] = message;
  return out;
}

export function validateNewGroup(v: GroupValues, oneToOne: boolean): FormErrors {
  const errors = rename(checkCreate(createInputOf(v, oneToOne) as unknown as Record<string, unknown>));
  if (!v.weekday) errors.weekday = 'Choose the day';
  if (oneToOne && !v.participantId) errors.participantId = 'Choose the man this one-to-one work is for';
  if (v.facilitator1 && v.facilitator1 === v.facilitator2) errors.facilitator2 = 'Choose two different people';
  return errors;
}

export function validateGroupUpdate(v: GroupValues, group: Pick<Group, 'id' | 'version' | 'kind'>): FormErrors {
  const errors = rename(checkUpdate(updateInputOf(v, group) as unknown as Record<string, unknown>));
  if (v.facilitator1 && v.facilitator1 === v.facilitator2) errors.facilitator2 = 'Choose two different people';
  return errors;
}
