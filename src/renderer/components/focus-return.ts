/**
 * Closing a dialog puts the keyboard focus back on the button that opened it.
 *
 * Mantine returns the focus only when a Modal's `opened` turns false; most of our dialogs are
 * removed from the page instead (`{open && <FormModal opened …/>}`), which leaves the focus on
 * nothing (the page's body), so a keyboard user starts again from the top of the window. This
 * watches, for the whole window: the last few places the focus was outside a dialog, and the
 * last open dialog going away. When it goes and the focus is left on nothing, it goes back to the most recent of those places still on the page
 * (the opener; or, for a dialog opened from a menu item that has gone, the menu's button).
 */
import { useEffect } from 'react';

const HISTORY = 8;

const inDialog = (el: Element) => Boolean(el.closest('[role="dialog"], [role="alertdialog"], [role="menu"]'));
const usable = (el: HTMLElement) => el.isConnected && !el.closest('[inert], [aria-hidden="true"]') && el.getClientRects().length > 0;

const openDialog = () => document.querySelector('[role="dialog"], [role="alertdialog"]') !== null;

export function useFocusReturn(): void {
  useEffect(() => {
    const recent: HTMLElement[] = [];
    const onFocusIn = (e: FocusEvent) => {
      const el = e.target;
      if (!(el instanceof HTMLElement) || el === document.body || inDialog(el)) return;
      // Focus that lands outside while a dialog is open is not an opener: a Tab pressed before the
      // dialog's own first focus moves it along the page behind (seen in a test that tabs at once).
      if (openDialog()) return;
      const at = recent.indexOf(el);
      if (at >= 0) recent.splice(at, 1);
      recent.push(el);
      if (recent.length > HISTORY) recent.shift();
    };
    let pending: ReturnType<typeof setTimeout> | null = null;
    const restore = () => {
      pending = null;
      const active = document.activeElement;
      if (active && active !== document.body) return;
      // Another dialog still open (a "Discard your changes?" over the form): it holds the focus itself.
      if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      for (let i = recent.length - 1; i >= 0; i--) {
        const el = recent[i]!;
        if (usable(el)) {
          el.focus({ preventScroll: false });
          return;
        }
      }
    };
    // Watches for the last dialog going away (not every change on the page: a mouse user's focus is left alone).
    let hadDialog = openDialog();
    const observer = new MutationObserver(() => {
      const has = openDialog();
      if (hadDialog && !has) {
        if (pending) clearTimeout(pending);
        // After Mantine's own return (and its closing transition) has had its turn.
        pending = setTimeout(restore, 50);
      }
      hadDialog = has;
    });
    document.addEventListener('focusin', onFocusIn);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      observer.disconnect();
      if (pending) clearTimeout(pending);
    };
  }, []);
}
