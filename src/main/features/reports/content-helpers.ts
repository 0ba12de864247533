/** Small helpers the report builders share: UK dates, free text into paragraphs, the sign-off block. */
import {
  recipientLabels,
  reportTypes,
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
  author: { name: string } | null;
  approver: { name: string; signedOn: string } | null;
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

export function signOff(c: BuildContext): ReportBlock[] {
  const needs = reportTypes[c.type].needsSignOff;
  return [
    { kind: 'heading', text: 'Author and sign-off', level: 2 },
    {
      kind: 'signature',
      rows: [
        { role: 'Author', name: c.author?.name ?? '', date: ukDate(c.asOf) },
        ...(needs
          ? [
              {
                role: 'Signed off by (manager)',
                name: c.approver?.name ?? 'Not yet signed off',
                date: c.approver ? ukDate(c.approver.signedOn) : '',
              },
            ]
          : []),
      ],
    },
  ];
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
