/** Small helpers the report builders share: UK dates, free text into paragraphs, the sign-off block. */
import {
  recipientLabels,
  reportTypes,
  type LetterMarking,
  type Recipient,
  type ReportBlock,
  type ReportType,
} from '../../../shared/features/reports';
import { fillWording, isWorded, shippedWording } from '../../../shared/features/report-wording';

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
  /** the organisation's wording of this type's standard paragraphs (report-wording.ts); absent: the program's own (version 1) */
  wording?: Record<string, string>;
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

/**
 * One of the type's standard paragraphs in the organisation's wording (the
 * version the report uses), with its placeholder filled in; empty when an
 * optional paragraph was left out.
 */
export function standard(c: BuildContext, key: string): string {
  const text = c.wording?.[key] ?? (isWorded(c.type) ? shippedWording[c.type][key] : undefined) ?? '';
  return fillWording(text, c.organisationName).trim();
}

/** The declaration the author makes: the usual statement of truth for the court, a plainer one for other agencies. */
export const declaration = (c: BuildContext): string => standard(c, 'declaration');

/** The introduction under his details, when the organisation's wording has one. */
export function introduction(c: BuildContext): ReportBlock[] {
  const text = standard(c, 'introduction');
  return text ? [{ kind: 'paragraph', text }] : [];
}

/** The confidentiality statement, in small type at the very end. */
export const confidentiality = (c: BuildContext): ReportBlock => ({ kind: 'paragraph', small: true, text: standard(c, 'confidentiality') });

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
