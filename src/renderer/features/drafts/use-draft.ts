/**
 * Keeps long text as it is typed, in the encrypted database under its author's
 * own key (never in the window's storage), and puts it back when the same
 * person returns to the same form: after auto-lock, a crash or a closed window.
 *
 * At most one write per 2 seconds of typing; whatever is waiting is written at
 * once before the window locks or logs out (see `flushDrafts`), and when the
 * form goes away.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { DraftKind } from '../../../shared/features/drafts';
import { call } from '../../app/api';

export const DRAFT_WRITE_INTERVAL_MS = 2_000;

const pending = new Set<() => Promise<void>>();

/** Writes every draft still waiting for its turn; called before the window locks or logs out. */
export async function flushDrafts(): Promise<void> {
  await Promise.all([...pending].map((flush) => flush().catch(() => undefined)));
}

export interface DraftPlace {
  kind: DraftKind;
  /** the record it is about: the man, the session, the note being edited, the partner */
  about: string;
  field?: string;
}

/**
 * `text` is the field's current value; `restore` puts a kept draft back into the form.
 * Returns when the draft was restored (to say so), and `discard` for after a save or a chosen discard.
 */
export function useDraft(place: DraftPlace | null, text: string, restore: (text: string) => void) {
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const key = place ? `${place.kind}:${place.about}:${place.field ?? 'text'}` : null;
  const placeRef = useRef(place);
  const restoreRef = useRef(restore);
  const state = useRef({ loaded: false, saved: '', latest: text, lastWrite: 0, timer: null as ReturnType<typeof setTimeout> | null, done: false });
  // What the form held before any typing: with no draft kept, that is what counts as saved.
  const [initial] = useState(text);
  // The latest values for the effects and timers below (layout effects run before them).
  useLayoutEffect(() => {
    placeRef.current = place;
    restoreRef.current = restore;
    state.current.latest = text;
  });

  const write = useCallback(async () => {
    const s = state.current;
    const p = placeRef.current;
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
    if (!p || s.done || !s.loaded || s.latest === s.saved) return;
    const value = s.latest;
    s.lastWrite = Date.now();
    s.saved = value;
    await call('drafts.save', { kind: p.kind, about: p.about, field: p.field ?? 'text', text: value });
  }, []);

  // Load once per place: a kept draft comes back into the form.
  useEffect(() => {
    const p = placeRef.current;
    if (!p || !key) return;
    let live = true;
    state.current.loaded = false;
    state.current.done = false;
    call('drafts.get', { kind: p.kind, about: p.about, field: p.field ?? 'text' })
      .then((draft) => {
        if (!live) return;
        state.current.loaded = true;
        if (draft && draft.text !== state.current.latest) {
          state.current.saved = draft.text;
          restoreRef.current(draft.text);
          setRestoredAt(draft.savedAt);
        } else {
          state.current.saved = draft?.text ?? initial;
          // Typed while the draft was being looked up: keep it now.
          if (state.current.latest !== state.current.saved) void write().catch(() => undefined);
        }
      })
      .catch(() => {
        if (live) state.current.loaded = true;
      });
    return () => {
      live = false;
    };
    // `initial` and `write` do not change for a place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  // Typing: at most one write per interval, the latest text each time.
  useEffect(() => {
    const s = state.current;
    if (!s.loaded || s.done || text === s.saved || s.timer) return;
    const wait = Math.max(0, DRAFT_WRITE_INTERVAL_MS - (Date.now() - s.lastWrite));
    s.timer = setTimeout(() => void write().catch(() => undefined), wait);
  }, [text, write]);

  // Before a lock or log-out, and when the form goes away, what is waiting is written at once.
  useEffect(() => {
    const flush = () => write();
    pending.add(flush);
    return () => {
      pending.delete(flush);
      void flush().catch(() => undefined);
    };
  }, [write]);

  const discard = useCallback(async () => {
    const s = state.current;
    const p = placeRef.current;
    s.done = true;
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
    if (p) await call('drafts.discard', { kind: p.kind, about: p.about, field: p.field ?? 'text' }).catch(() => undefined);
  }, []);

  return { restoredAt, discard };
}
