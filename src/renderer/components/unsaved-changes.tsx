/**
 * Nothing typed is lost without asking: Back, a menu link, Escape, the dialog's
 * close button or Cancel, with unsaved changes, first asks "Discard your changes?".
 *
 * Forms say they have unsaved work with `useUnsavedChangesPrompt(dirty)` (a page)
 * or by being in a `FormModal` (a dialog). One guard in the shell blocks leaving
 * the page while any of them is dirty: react-router keeps only one blocker, so
 * there is exactly one, and it asks about them all.
 */
import { Button, Modal, Text, type ButtonProps, type ModalProps } from '@mantine/core';
import { modals } from '@mantine/modals';
import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useBlocker } from 'react-router';

// ---- the forms with unsaved work, now ------------------------------------------------------

const dirtyForms = new Map<string, string>();
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const snapshot = () => dirtyForms.size;

/** Marks this page or dialog as holding unsaved work while `dirty` (for example a register half filled in). */
export function useUnsavedChangesPrompt(dirty: boolean, what = 'your changes') {
  const id = useId();
  useEffect(() => {
    if (!dirty) return;
    dirtyForms.set(id, what);
    notify();
    return () => {
      dirtyForms.delete(id);
      notify();
    };
  }, [dirty, id, what]);
}

function describe(): string {
  const whats = [...new Set(dirtyForms.values())];
  return whats.length === 1 ? whats[0]! : 'your changes';
}

/** Asks "Discard your changes?"; `discard` runs only if they choose to. */
export function confirmDiscard(discard: () => void, what = 'your changes', onKeep?: () => void) {
  let decided = false;
  modals.openConfirmModal({
    title: 'Discard your changes?',
    children: <Text size="sm">You have not saved {what}. If you go on, what you typed is lost.</Text>,
    labels: { confirm: 'Discard changes', cancel: 'Keep editing' },
    confirmProps: { color: 'red' },
    // The dialog underneath must not also take this Escape.
    zIndex: 400,
    onConfirm: () => {
      decided = true;
      discard();
    },
    onClose: () => {
      if (!decided) onKeep?.();
    },
  });
}

let savedAndLeaving = false;

/**
 * Goes on to another page straight after a form was saved (for example to the report just
 * started): what was typed is safe, so the guard lets this one navigation through. The dialog's
 * own "unsaved" mark is cleared only when it closes, a moment after.
 */
export function leaveAfterSaving(go: () => unknown): void {
  savedAndLeaving = true;
  try {
    void go();
  } finally {
    setTimeout(() => {
      savedAndLeaving = false;
    }, 0);
  }
}

/** Mounted once in the shell: asks before leaving the page while any form holds unsaved work. */
export function UnsavedChangesGuard() {
  const count = useSyncExternalStore(subscribe, snapshot);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => count > 0 && !savedAndLeaving && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    confirmDiscard(
      () => {
        // The forms are going: their drafts are no longer wanted either.
        discardListeners.forEach((l) => l());
        blocker.proceed();
      },
      describe(),
      () => blocker.reset(),
    );
  }, [blocker]);
  return null;
}

// ---- a dialog with a form --------------------------------------------------------------------

const discardListeners = new Set<() => void>();

/** Runs `fn` when the person has chosen to discard their changes to leave the page (to drop a draft). */
export function useOnDiscardForLeaving(fn: () => void) {
  const ref = useRef(fn);
  useEffect(() => {
    ref.current = fn;
  }, [fn]);
  useEffect(() => {
    const l = () => ref.current();
    discardListeners.add(l);
    return () => {
      discardListeners.delete(l);
    };
  }, []);
}

const GuardedCloseContext = createContext<(() => void) | null>(null);

/** Inside a FormModal: the close that asks first (FormFooter's Cancel uses it). */
export function useGuardedClose(): (() => void) | null {
  return useContext(GuardedCloseContext);
}

/**
 * A Mantine Modal that asks "Discard your changes?" before closing with unsaved
 * changes, whether by Escape, the close button, a click outside or Cancel.
 * `onDiscard` runs when they discard (for example to drop the saved draft).
 */
export function FormModal({ dirty, what, onClose, onDiscard, children, ...props }: ModalProps & { dirty: boolean; what?: string; onDiscard?: () => void }) {
  const [asking, setAsking] = useState(false);
  useUnsavedChangesPrompt(dirty, what);
  useOnDiscardForLeaving(() => {
    if (dirty) onDiscard?.();
  });
  const requestClose = useCallback(() => {
    if (!dirty) {
      onClose();
      return;
    }
    setAsking(true);
    confirmDiscard(
      () => {
        setAsking(false);
        onDiscard?.();
        onClose();
      },
      what,
      () => setAsking(false),
    );
  }, [dirty, onClose, onDiscard, what]);
  return (
    <Modal {...props} onClose={requestClose} closeOnEscape={!asking && props.closeOnEscape !== false}>
      <GuardedCloseContext.Provider value={requestClose}>{children}</GuardedCloseContext.Provider>
    </Modal>
  );
}

/** Cancel in a dialog's own buttons: inside a FormModal it asks "Discard your changes?" like Escape does. */
export function CancelButton({ onCancel, children = 'Cancel', ...props }: ButtonProps & { onCancel: () => void; children?: ReactNode }) {
  const guardedClose = useGuardedClose();
  return (
    <Button variant="default" {...props} onClick={guardedClose ?? onCancel}>
      {children}
    </Button>
  );
}
