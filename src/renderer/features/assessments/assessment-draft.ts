/**
 * An assessment's long text (the evidence for each question, the notes on exclusion
 * factors and the reason for the decision) as one draft, kept as it is typed so that
 * auto-lock or a crash never loses it. Ratings and ticks are not text and are not kept.
 * Only what differs from the form as it was opened is kept, so an untouched form writes nothing.
 */

export interface AssessmentText {
  evidence: Record<string, string>;
  exclusionNotes: string;
  decisionReason: string;
}

interface Kept {
  evidence?: Record<string, string>;
  exclusionNotes?: string;
  decisionReason?: string;
}

/** The text to keep: '' when nothing differs from `opened`. */
export function assessmentDraftOf(opened: AssessmentText, now: AssessmentText): string {
  const kept: Kept = {};
  const evidence: Record<string, string> = {};
  for (const [key, text] of Object.entries(now.evidence)) if (text !== (opened.evidence[key] ?? '')) evidence[key] = text;
  if (Object.keys(evidence).length) kept.evidence = evidence;
  if (now.exclusionNotes !== opened.exclusionNotes) kept.exclusionNotes = now.exclusionNotes;
  if (now.decisionReason !== opened.decisionReason) kept.decisionReason = now.decisionReason;
  return Object.keys(kept).length === 0 ? '' : JSON.stringify(kept);
}

/** The form's text with a kept draft put back (questions this form does not have are left out), or null if it cannot be read. */
export function restoreAssessmentDraft(now: AssessmentText, text: string): AssessmentText | null {
  let kept: Kept;
  try {
    kept = JSON.parse(text) as Kept;
  } catch {
    return null;
  }
  if (typeof kept !== 'object' || kept === null) return null;
  const evidence = { ...now.evidence };
  for (const [key, value] of Object.entries(kept.evidence ?? {})) if (key in evidence && typeof value === 'string') evidence[key] = value;
  return {
    evidence,
    exclusionNotes: typeof kept.exclusionNotes === 'string' ? kept.exclusionNotes : now.exclusionNotes,
    decisionReason: typeof kept.decisionReason === 'string' ? kept.decisionReason : now.decisionReason,
  };
}
