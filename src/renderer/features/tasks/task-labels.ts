/** Who a task is for, and whether this person may mark it done. */
import type { SessionInfo } from '../../../shared/features/auth';
import type { Task, TaskKind } from '../../../shared/features/tasks';
import { roleLabels, type Role } from '../../../shared/permissions';

const rolePlural: Record<Role, string> = {
  admin: 'All administrators',
  manager: 'All managers',
  facilitator: 'All facilitators',
  partner_worker: 'All partner support workers',
};

export function assigneeText(task: Pick<Task, 'assigneeName' | 'assigneeRole' | 'assigneeId'>): string {
  if (task.assigneeId) return task.assigneeName ?? 'A former member of staff';
  if (task.assigneeRole) return rolePlural[task.assigneeRole];
  return 'Nobody';
}

export function roleChoiceLabel(role: Role): string {
  return `${rolePlural[role]} (${roleLabels[role].toLowerCase()} role)`;
}

/** Tasks for this person or their role; managers may complete anyone's. The back end decides in the end. */
export function canComplete(
  task: Pick<Task, 'assigneeId' | 'assigneeRole' | 'status'>,
  session: Pick<SessionInfo, 'staffId' | 'role'>,
): boolean {
  if (task.status !== 'open') return false;
  if (session.role === 'manager') return true;
  return task.assigneeId === session.staffId || (!task.assigneeId && task.assigneeRole === session.role);
}

/** "Due today", "Due tomorrow", "3 days overdue", "Due in 5 days". */
export function dueText(dueOn: string, today: string): string {
  const days = Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (days === 0) return 'Due today';
  if (days === 1) return 'Due tomorrow';
  if (days === -1) return '1 day overdue';
  if (days < 0) return `${-days} days overdue`;
  return `Due in ${days} days`;
}

/** Where the thing to do is, for a task that closes by itself when it is done. */
export const placeToDo: Partial<Record<TaskKind, { tab: string; what: string; herRecord?: true }>> = {
  review_due: { tab: 'risk', what: 'record the risk review on his Risk tab' },
  consent_expiring: { tab: 'consent', what: 'review the consent on his Consent tab' },
  report_due: { tab: 'reports', what: 'write and sign off the report on his Reports tab' },
  outcome_due: { tab: 'outcomes', what: 'record the measures on his Outcomes tab' },
  partner_outcome_due: { tab: 'outcomes', what: 'record her measures on the Outcomes tab of her record', herRecord: true },
};

/** Where a task's "Done" goes: his record's tab, or hers for a task about her. */
export function placeLink(task: Pick<Task, 'kind' | 'participantId' | 'partnerId'>): string | null {
  const place = placeToDo[task.kind];
  if (!place) return null;
  if (place.herRecord) return task.partnerId ? `/partners/${task.partnerId}/${place.tab}` : null;
  return task.participantId ? `/participants/${task.participantId}/${place.tab}` : null;
}

/** A task closed by hand (not by the program) can be opened again by whoever could close it. */
export function canReopen(task: Pick<Task, 'assigneeId' | 'assigneeRole' | 'status' | 'doneByName'>, session: Pick<SessionInfo, 'staffId' | 'role'>): boolean {
  if (task.status !== 'done' || !task.doneByName) return false;
  return canComplete({ ...task, status: 'open' }, session);
}
