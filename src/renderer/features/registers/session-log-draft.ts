/**
 * The session log's long text as one draft: each man's note and concern note, and the
 * facilitators' debrief, by man. Attendance marks are not text and are not kept.
 */
import type { RegisterValues } from './register-helpers';

interface SessionLogDraft {
  debrief: string;
  notes: Record<string, { note: string; concernNote: string }>;
}

/** The text to keep: '' when there is none, so an untouched register writes nothing. */
export function sessionLogDraftOf(v: RegisterValues): string {
  const notes: SessionLogDraft['notes'] = {};
  for (const r of v.rows) if (r.note || r.concernNote) notes[r.participantId] = { note: r.note, concernNote: r.concernNote };
  if (!v.debrief && Object.keys(notes).length === 0) return '';
  return JSON.stringify({ debrief: v.debrief, notes } satisfies SessionLogDraft);
}

/** The form with a kept draft's text put back (men no longer expected are left out), or null if it cannot be read. */
export function restoreSessionLog(v: RegisterValues, text: string): RegisterValues | null {
  let draft: SessionLogDraft;
  try {
    draft = JSON.parse(text) as SessionLogDraft;
  } catch {
    return null;
  }
  if (typeof draft !== 'object' || draft === null || typeof draft.notes !== 'object') return null;
  return {
    ...v,
    debrief: typeof draft.debrief === 'string' ? draft.debrief : v.debrief,
    rows: v.rows.map((r) => {
      const kept = draft.notes[r.participantId];
      return kept ? { ...r, note: String(kept.note ?? ''), concernNote: String(kept.concernNote ?? '') } : r;
    }),
  };
}
