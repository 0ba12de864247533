/**
 * Decides which screen shows, from the back end's `auth.status`:
 * set-up, problem, log-in (or recovery), lock, forced password change, or the app.
 */
import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { VaultState } from '../../shared/features/auth';
import { AuthFrame } from '../features/auth/auth-frame';
import { ForcedChangePasswordPage } from '../features/auth/forced-change-password-page';
import { LockPage } from '../features/auth/lock-page';
import { LoginPage } from '../features/auth/login-page';
import { ProblemPage } from '../features/auth/problem-page';
import { RecoverPage } from '../features/auth/recover-page';
import { SetupPage } from '../features/auth/setup-page';
import { FirstRunRestorePage } from '../features/backups/first-run-restore-page';
import { useAuth } from './auth-context';
import { useIdleLock } from './idle-lock';
import { AppRouter } from './router';

type View = 'default' | 'login' | 'recover' | 'restore';

export function AuthGate() {
  const { status, statusError, closing, refresh, lock, logout } = useAuth();
  // The chosen view belongs to one answer from auth.status: a new answer starts again from its default screen.
  const [chosen, setChosen] = useState<{ for: VaultState | null; view: View }>({ for: null, view: 'default' });
  const view: View = chosen.for === status ? chosen.view : 'default';
  const show = (next: View) => setChosen({ for: status, view: next });

  const session = status?.state === 'unlocked' ? status.session : null;
  useIdleLock(session !== null && !closing, session?.autoLockMinutes ?? 10, () => void lock());

  if (closing) {
    // Nothing from the app stays on screen while it locks.
    return (
      <Center mih="100vh" bg="gray.0">
        <Loader aria-label="Locking" />
      </Center>
    );
  }

  if (statusError && !status) {
    return (
      <AuthFrame title="The program is not responding">
        <Stack>
          <Text>{statusError}</Text>
          <Button onClick={() => void refresh()}>Try again</Button>
        </Stack>
      </AuthFrame>
    );
  }
  if (!status) {
    return (
      <Center mih="100vh">
        <Stack align="center" gap="xs">
          <Loader aria-label="Opening the program" />
          <Text c="dimmed">Opening the program…</Text>
        </Stack>
      </Center>
    );
  }

  switch (status.state) {
    case 'needs-setup':
      if (view === 'restore') return <FirstRunRestorePage onDone={() => void refresh()} onBack={() => show('default')} />;
      return <SetupPage onDone={() => void refresh()} onRestore={() => show('restore')} />;
    case 'problem':
      if (view === 'restore') return <FirstRunRestorePage keepsOld onDone={() => void refresh()} onBack={() => show('default')} />;
      return (
        <ProblemPage
          message={status.message}
          engine={status.cause === 'engine'}
          onCheckAgain={refresh}
          onRestore={() => show('restore')}
        />
      );
    case 'locked': {
      if (view === 'recover') return <RecoverPage onRecovered={refresh} onBack={() => show('login')} />;
      const lockedUser = status.lockedUser;
      if (lockedUser && view === 'default') {
        return (
          <LockPage
            lockedUser={lockedUser}
            organisation={status.organisationName}
            onUnlocked={refresh}
            onSwitchUser={() => {
              // Someone else: they start on the home page, not where the last person was.
              window.location.hash = '#/';
              show('login');
            }}
          />
        );
      }
      return (
        <LoginPage
          onLoggedIn={refresh}
          onUseRecoveryKey={() => show('recover')}
          organisation={status.organisationName}
          notice={lockedUser ? 'Log in with your own user name and password.' : undefined}
          onBack={lockedUser ? { label: `Back to unlock as ${lockedUser.fullName}`, action: () => show('default') } : undefined}
        />
      );
    }
    case 'unlocked':
      if (status.session.mustChangePassword) {
        return <ForcedChangePasswordPage session={status.session} onChanged={refresh} onLogout={logout} />;
      }
      return <AppRouter />;
  }
}
