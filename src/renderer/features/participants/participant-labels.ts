/** How a participant's status, flags and search hits are shown: words and colours, no React. */
import { ageOn } from '../../../shared/dates';
import {
  assessmentOutcomeLabels,
  exitReasonLabels,
  flagLabels,
  flagNames,
  statusLabels,
  type AssessmentOutcome,
  type ExitReason,
  type Flag,
  type ReferralRoute,
  type ReferralSource,
  type SearchHit,
  type Status,
} from '../../../shared/features/participants';

export const statusColours: Record<Status, string> = {
  referred: 'blue',
  awaiting_assessment: 'cyan',
  assessed: 'violet',
  waiting_list: 'yellow',
  active: 'green',
  completed: 'teal',
  exited: 'gray',
};

/** Safety flags first: they are the ones staff must not miss. */
export const flagColours: Record<Flag, string> = {
  child_protection: 'red',
  safeguarding: 'orange',
  high_risk: 'red',
  interpreter: 'blue',
  restricted: 'dark',
  high_profile: 'grape',
};

export function sortFlags(flags: readonly Flag[]): Flag[] {
  return flagNames.filter((f) => flags.includes(f));
}

export function flagText(flag: Flag): string {
  return flagLabels[flag];
}

/** "Assessed: suitable for group", "Exited: withdrew", "Waiting list". */
export function statusText(status: Status, outcome?: AssessmentOutcome | null, exitReason?: ExitReason | null): string {
  if (status === 'assessed' && outcome)
    return `${statusLabels.assessed}: ${assessmentOutcomeLabels[outcome].toLowerCase()}`;
  if (status === 'exited' && exitReason) return `${statusLabels.exited}: ${exitReasonLabels[exitReason].toLowerCase()}`;
  return statusLabels[status];
}

/** Whole years on `today`, or null for a date that is not a date. */
export function ageText(dateOfBirth: string | null | undefined, today: string): string | null {
  if (!dateOfBirth || !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) return null;
  const age = ageOn(dateOfBirth, today);
  return age >= 0 ? String(age) : null;
}

/** Whether a date of birth (YYYY-MM-DD) makes him under 18 today. False for an empty or unfinished date. */
export function isUnder18(dateOfBirth: string, today: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth) || dateOfBirth > today) return false;
  return ageOn(dateOfBirth, today) < 18;
}

export const matchedOnLabels: Record<SearchHit['matchedOn'], string> = {
  name: 'name',
  alias: 'alias',
  reference: 'reference',
  note: 'case note',
};

/** The usual route for a referral source, to fill in the route when the source is chosen. */
export const usualRoute: Record<ReferralSource, ReferralRoute> = {
  family_court_cafcass: 'family_court',
  probation: 'criminal_justice',
  police: 'criminal_justice',
  childrens_services: 'voluntary',
  other_professional: 'voluntary',
  partner: 'voluntary',
  family_friend: 'voluntary',
  self: 'voluntary',
};

export function daysText(days: number): string {
  return `${days} day${days === 1 ? '' : 's'}`;
}
