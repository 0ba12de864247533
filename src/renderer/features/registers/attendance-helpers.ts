/** Small rules for his attendance summary. */
import type { Enrolment } from '../../../shared/features/groups';
import type { AttendanceSummary } from '../../../shared/features/registers';

/** Never rounded up, so 74.5% does not show as the 75% a completion rule asks for. */
export function percentOf(part: number, whole: number): number {
  return whole > 0 ? Math.floor((part * 100) / whole) : 0;
}

/**
 * The address of a session in his summary. The summary names the group but
 * not its id, so the group is found among his enrolments by name (a catch-up
 * is "<group> (catch-up)"); when two of his groups share a name, no link.
 */
export function sessionLinkFor(session: AttendanceSummary['sessions'][number], enrolments: ReadonlyArray<Pick<Enrolment, 'groupId' | 'groupName'>>): string | null {
  const name = session.groupName.replace(/ \(catch-up\)$/, '');
  const ids = [...new Set(enrolments.filter((e) => e.groupName === name).map((e) => e.groupId))];
  return ids.length === 1 ? `/groups/${ids[0]}/sessions/${session.sessionId}` : null;
}
