/**
 * A report's free text (the facilitators' observations and the other sections) as one
 * draft, kept as it is typed so that auto-lock or a crash never loses it. Only the
 * sections that differ from the saved report are kept, so an untouched report writes nothing.
 */

/** The text to keep: '' when every section is as saved. */
export function reportDraftOf(saved: Record<string, string>, current: Record<string, string>): string {
  const changed: Record<string, string> = {};
  for (const [key, text] of Object.entries(current)) if (text !== (saved[key] ?? '')) changed[key] = text;
  return Object.keys(changed).length === 0 ? '' : JSON.stringify(changed);
}

/** The sections with a kept draft put back (sections this report no longer has are left out), or null if it cannot be read. */
export function restoreReportDraft(current: Record<string, string>, text: string): Record<string, string> | null {
  let kept: unknown;
  try {
    kept = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof kept !== 'object' || kept === null) return null;
  const out = { ...current };
  for (const [key, value] of Object.entries(kept as Record<string, unknown>)) if (key in out && typeof value === 'string') out[key] = value;
  return out;
}
