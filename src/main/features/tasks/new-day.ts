import type { Db } from '../../ipc/context';
import { refreshBackupReminder } from '../backups/store';
import { raiseOutcomeTasks } from '../outcomes/due';
import { refreshTasksFor } from './service';

/**
 * Dates move on, whether the program was closed overnight or left open on a
 * shared workstation: raise the tasks the new day calls for (consent and risk
 * reviews, reports due, the backup reminder). Run at every log-in and unlock,
 * and by the back end's watch when the date changes under an open session.
 */
export async function raiseTasksForToday(db: Db, today: string): Promise<void> {
  await refreshTasksFor(db, undefined, today);
  await refreshBackupReminder(db, today);
  await raiseOutcomeTasks(db, today);
}
