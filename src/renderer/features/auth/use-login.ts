/** Logging in (from the log-in or the lock screen): one plain error, and a countdown when the back end asks to wait. */
import { useState } from 'react';
import { call } from '../../app/api';
import { apiErrorOf } from '../../app/form-errors';
import { useRetryCountdown } from './use-retry-countdown';

export function useLogin(onLoggedIn: () => Promise<void> | void) {
  const [error, setError] = useState<string | null>(null);
  const countdown = useRetryCountdown();

  const login = async (username: string, password: string): Promise<boolean> => {
    setError(null);
    try {
      await call('auth.login', { username, password });
      await onLoggedIn();
      return true;
    } catch (err) {
      const e = apiErrorOf(err);
      // The database or key file turned out damaged: the back end now reports a problem, and the problem screen (with restore) takes over.
      if (e.code === 'VAULT') {
        await onLoggedIn();
        return false;
      }
      countdown.start(e.retryAfter);
      // While the wait runs the countdown says it all; otherwise the back end's plain message.
      setError(e.code === 'RATE_LIMITED' ? null : e.message);
      return false;
    }
  };

  return { login, error, countdown };
}
