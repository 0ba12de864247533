/** Small helpers the report builders share: UK dates, free text into paragraphs, the sign-off block. */
import {
  recipientLabels,
  reportTypes,
  type LetterMarking,
  type Recipient,
  type ReportBlock,
  type ReportType,
} from '../../../shared/features/reports';

export interface BuildContext {
  type: ReportType;
  periodFrom: string;
  periodTo: string;
  recipient: Recipient | null;
  recipientName: string;
  sections: Record<string, string>;
  /** the date the report is dated (its generation date, or today for a draft) */
  asOf: string;
  organisationName: string;
  /** how the reader reaches the author and approver: the organisation's telephone and address */
  organisationContact: string;
  author: { name: string; jobTitle: string } | null;
  approver: { name: string; jobTitle: string; signedOn: string; sameAsAuthor: boolean } | null;
  /** where a letter of this type carries the protective marking (the setting); absent: every page */
  letterMarking?: LetterMarking;
}

/** YYYY-MM-DD as dd/mm/yyyy; empty stays empty. */
export function ukDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

export const period = (c: BuildContext) => `${ukDate(c.periodFrom)} to ${ukDate(c.periodTo)}`;

export const inPeriod = (c: BuildContext, date: string) =>
  (!c.periodFrom || date >= c.periodFrom) && (!c.periodTo || date <= c.periodTo);

export function recipientText(c: BuildContext): string {
  if (!c.recipient) return '';
  return c.recipient === 'other'
    ? c.recipientName
    : c.recipientName
      ? `${recipientLabels[c.recipient]} (${c.recipientName})`
      : recipientLabels[c.recipient];
}

/** Free text into paragraphs: a blank line starts a new one. */
export function freeText(text: string | undefined, numbered: boolean, whenEmpty: string): ReportBlock[] {
  const parts = (text ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return [{ kind: 'paragraph', text: whenEmpty, numbered }];
  return parts.map((p) => ({ kind: 'paragraph', text: p, numbered }));
}

const COURT_TYPES = new Set<ReportType>(['court_mid', 'court_end']);

/** The declaration the author makes: the usual statement of truth for the court, a plainer one for other agencies. */
export function declaration(c: BuildContext): string {
  if (COURT_TYPES.has(c.type))
    return `I confirm that the contents of this report are true to the best of my knowledge and belief, that it was prepared from the records ${c.organisationName || 'the organisation'} holds about him at the date of the report, and that I understand it is for the court.`;
  return `The contents of this report are true to the best of the author’s knowledge and belief, and were prepared from the records ${c.organisationName || 'the organisation'} holds about him at the date of the report.`;
}

const nameAndTitle = (p: { name: string; jobTitle: string } | null, empty: string) =>
  p ? [p.name, p.jobTitle].filter(Boolean).join(', ') : empty;

/** The declaration, who wrote it and who signed it off (names and job titles), and how to contact them. */
export function signOff(c: BuildContext): ReportBlock[] {
  const needs = reportTypes[c.type].needsSignOff;
  const out: ReportBlock[] = [{ kind: 'heading', text: 'Declaration and sign-off', level: 2, keepPrevious: true }];
  if (needs) out.push({ kind: 'paragraph', text: declaration(c), keepWithNext: true });
  if (c.organisationContact)
    out.push({
      kind: 'paragraph',
      text: `Contact for the author and the manager who signed it off: ${c.organisationContact}.`,
      keepWithNext: true,
    });
  if (needs && c.approver?.sameAsAuthor)
    out.push({
      kind: 'paragraph',
      bold: true,
      keepWithNext: true,
      text: 'This report was signed off by the person who wrote it: the organisation has one manager and has allowed this in its settings.',
    });
  out.push({
    kind: 'signature',
    rows: [
      { role: 'Author', name: nameAndTitle(c.author, ''), date: ukDate(c.asOf) },
      ...(needs
        ? [
            {
              role: 'Signed off by (manager)',
              name: nameAndTitle(c.approver, 'Not yet signed off'),
              date: c.approver ? ukDate(c.approver.signedOn) : '',
            },
          ]
        : []),
    ],
  });
  return out;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
