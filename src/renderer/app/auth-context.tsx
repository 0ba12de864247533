/**
 * Who is logged in, and the actions that change it. The state comes from
 * `auth.status`, fetched once at start and again after every log-in, lock,
 * log-out or password change (no polling).
 */
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SessionInfo, VaultState } from '../../shared/features/auth';
import { call, onLocked } from './api';
import { apiErrorOf } from './form-errors';
import { queryClient } from './query-client';
import { flushDrafts } from '../features/drafts/use-draft';

export interface AuthContextValue {
  /** null until the first answer */
  status: VaultState | null;
  /** set when the back end could not be asked at all */
  statusError: string | null;
  /** true from the moment a lock or log-out starts: the app's screens are taken down before anything else happens */
  closing: boolean;
  refresh: () => Promise<void>;
  /** Locks the program: the back end closes the database, the window forgets everything it held. */
  lock: () => Promise<void>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

type StatusResult = { status: VaultState } | { error: string };

async function fetchStatus(): Promise<StatusResult> {
  try {
    return { status: await call('auth.status', {}) };
  } catch (err) {
    return { error: apiErrorOf(err).message };
  }
}

/** Forgets everything the window holds about cases and people. */
export function clearWindowData(): void {
  queryClient.clear();
  modals.closeAll();
  notifications.clean();
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<VaultState | null>(null);
  const [statusError, setStatusError] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const latest = useRef(0);
  const closingRef = useRef(false);

  const apply = useCallback((ticket: number, result: StatusResult) => {
    // An older answer that arrives after a newer one is ignored.
    if (ticket !== latest.current) return;
    if ('status' in result) {
      setStatus(result.status);
      setStatusError(null);
    } else {
      setStatusError(result.error);
    }
  }, []);

  const refresh = useCallback(async () => {
    const ticket = ++latest.current;
    apply(ticket, await fetchStatus());
  }, [apply]);

  /**
   * Takes the app's screens down first (so nothing on them asks the back end for more),
   * then runs `close` (auth.lock / auth.logout), forgets the window's data and asks who is logged in now.
   */
  const closeSession = useCallback(
    async (close: () => Promise<unknown>) => {
      if (closingRef.current) return;
      closingRef.current = true;
      // Text typed in the last moments is written to its draft before the database closes.
      await flushDrafts();
      setClosing(true);
      try {
        await close().catch(() => {
          // Already locked (for example by the back end's own timer): the status below says so.
        });
        clearWindowData();
        await refresh();
      } finally {
        closingRef.current = false;
        setClosing(false);
      }
    },
    [refresh],
  );

  const lock = useCallback(() => closeSession(() => call('auth.lock', {})), [closeSession]);

  const logout = useCallback(
    () =>
      closeSession(async () => {
        try {
          await call('auth.logout', {});
        } finally {
          // The next person starts on the home page, not where this one left off.
          window.location.hash = '#/';
        }
      }),
    [closeSession],
  );

  useEffect(() => {
    const ticket = ++latest.current;
    void fetchStatus().then((result) => apply(ticket, result));
    // Any call answered "locked" (the back end's back-stop timer) or "change your password first".
    return onLocked(() => {
      void closeSession(async () => undefined);
    });
  }, [apply, closeSession]);

  const value = useMemo(
    () => ({ status, statusError, closing, refresh, lock, logout }),
    [status, statusError, closing, refresh, lock, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside AuthProvider');
  return value;
}

/** The logged-in person; only for screens shown while unlocked. */
export function useSession(): SessionInfo {
  const { status } = useAuth();
  if (status?.state !== 'unlocked') throw new Error('useSession used while the program is not unlocked');
  return status.session;
}
