/** Warnings from the back end, grouped by kind so that 26 clashes read as one problem, with dates the UK way. */
import type { Warning } from '../../shared/features/groups';

const headings: Record<string, string> = {
  facilitator_clash: 'A facilitator is already booked at that time',
  venue_clash: 'The venue is already booked at that time',
  closure: 'A closure date',
  over_capacity: 'More men than places',
  other_group: 'Already on another group',
};

export interface WarningGroup {
  code: string;
  heading: string | null;
  messages: string[];
}

/** 2026-12-01 → 01/12/2026 inside a message. */
export function ukDatesIn(message: string): string {
  return message.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3/$2/$1');
}

export function groupWarnings(warnings: readonly Warning[]): WarningGroup[] {
  const groups: WarningGroup[] = [];
  for (const w of warnings) {
    let g = groups.find((x) => x.code === w.code);
    if (!g) {
      g = { code: w.code, heading: headings[w.code] ?? null, messages: [] };
      groups.push(g);
    }
    const text = ukDatesIn(w.message);
    if (!g.messages.includes(text)) g.messages.push(text);
  }
  // A kind with one message needs no heading.
  return groups.map((g) => (g.messages.length === 1 ? { ...g, heading: null } : g));
}
