import { notifications } from '@mantine/notifications';
import { apiErrorOf } from './form-errors';

export function notifySuccess(message: string, title?: string): void {
  notifications.show({ color: 'green', title, message, autoClose: 5000 });
}

/** Shows a back-end refusal (e.g. "This is the only active administrator...") as it is written. */
export function notifyError(err: unknown, title = 'That did not work'): void {
  const error = apiErrorOf(err);
  if (error.code === 'LOCKED') return; // the lock screen says it all
  notifications.show({ color: 'red', title, message: error.message, autoClose: 12000 });
}
