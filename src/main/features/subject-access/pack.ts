/**
 * The subject access pack: a Word document built with the shared report
 * blocks, the same data as JSON for a machine, and a short read-me, in one zip.
 */
import type { ReportBlock, ReportContent } from '../../../shared/features/reports';
import { ukDate } from '../../export/csv';
import { renderDocx, sha256, type Letterhead } from '../../reports/render';
import { zip } from '../../reports/zip';
import type { PackSection, SubjectData } from './collect';

export interface BuiltPack {
  bytes: Buffer;
  sha256: string;
  fileName: string;
}

/** What the partner service section says whether or not it holds anything, so the words themselves tell nothing. */
export const PARTNER_SERVICE_STATEMENT =
  'We do not say in this pack whether our partner support service holds information about a partner or ex-partner of yours. What that service holds belongs to the person it supports, and saying whether it exists could put them at risk (Data Protection Act 2018, schedule 2, part 3, paragraph 16: protection of the rights of others).';

const ICO =
  'the Information Commissioner’s Office (ICO), Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF; telephone 0303 123 1113; ico.org.uk/make-a-complaint';

/** The sections UK GDPR article 15 asks for besides the data itself. */
function article15(data: SubjectData, letterhead: Letterhead, withheld: number): ReportBlock[] {
  const d = data.disclosure;
  const us = letterhead.name;
  const contact = [letterhead.address.replace(/\n/g, ', '), letterhead.phone && `telephone ${letterhead.phone}`]
    .filter(Boolean)
    .join('; ');
  const list = (items: string[], none: string): ReportBlock[] =>
    items.length ? items.map((t) => ({ kind: 'paragraph', text: `• ${t}` })) : [{ kind: 'paragraph', text: none }];
  return [
    { kind: 'heading', text: 'About this information (UK GDPR article 15)', level: 1 },
    { kind: 'heading', text: 'Why we hold it', level: 2 },
    {
      kind: 'paragraph',
      text: `${us} holds this information to run its domestic abuse perpetrator programme with you: to assess whether the programme suits you; to run your group and one-to-one sessions and record your attendance; to assess and manage risk and keep your partner or ex-partner and any children safe (safeguarding); to report to the court, Cafcass, probation or children’s services where they referred you, you agreed, or the law requires or allows it; and to write to you about your appointments. You are also counted, never named, in figures we give our funders.`,
    },
    { kind: 'heading', text: 'Who it has been given to', level: 2 },
    {
      kind: 'paragraph',
      text: `Staff of ${us} who work on the programme see your record. Outside ${us}, your information has been given to, or you agreed it may be given to:`,
    },
    ...list(
      d.recipients,
      'No one outside us: we have no record of sharing your information with another organisation.',
    ),
    { kind: 'heading', text: 'How long we keep it', level: 2 },
    {
      kind: 'paragraph',
      text: `We keep your record for ${d.retentionYears} years after your time on the programme ends (${d.retentionWhy}). A referral that does not go ahead is kept for ${d.referralYears} years. After that your record is deleted, or made anonymous so that it only counts in figures.`,
    },
    { kind: 'heading', text: 'Where it came from', level: 2 },
    {
      kind: 'paragraph',
      text: 'Most of it comes from you and from what our staff saw and wrote down in your sessions. The rest came from:',
    },
    ...list(d.sources, 'No one else: everything here came from you or our staff.'),
    {
      kind: 'paragraph',
      text: 'Some of what we know about risk may come from other people who told us about risk to themselves or to children. Where telling you would identify them, it is withheld (see “Information withheld”).',
    },
    { kind: 'heading', text: 'Information withheld', level: 2 },
    {
      kind: 'paragraph',
      text: withheld
        ? 'Some information has been withheld. Each withheld item is marked “withheld” in its place above, with the reason. We have not left anything out without saying so, except as set out under “Partner service”.'
        : 'Nothing about you has been withheld, except as set out under “Partner service”.',
    },
    { kind: 'heading', text: 'No decisions by computer', level: 2 },
    { kind: 'paragraph', text: 'No decision about you is made by a computer alone.' },
    { kind: 'heading', text: 'Your rights', level: 2 },
    {
      kind: 'paragraph',
      text: 'You have the right to ask us: to correct anything that is wrong or incomplete (rectification); to delete your information (erasure); to limit how we use it (restriction); and to stop using it (objection). Some of these rights are limited where we must keep information to protect others, or where a court or probation order requires it: we will tell you if that is why we cannot do what you ask. Where you gave consent to share, you may withdraw it at any time.',
    },
    {
      kind: 'paragraph',
      keepWithNext: true,
      text: `To use any of these rights, contact ${us}${contact ? `: ${contact}` : ''}.`,
    },
    {
      kind: 'paragraph',
      text: `If you are unhappy with how we have used your information or answered this request, you can complain to ${ICO}.`,
    },
  ];
}

function content(
  data: SubjectData,
  sections: PackSection[],
  receivedOn: string,
  today: string,
  withheld: number,
  letterhead: Letterhead,
): ReportContent {
  const blocks: ReportBlock[] = [
    {
      kind: 'paragraph',
      text: `You asked on ${ukDate(receivedOn)} for a copy of the information we hold about you. This document sets out everything our case-management program holds about you on ${ukDate(today)}, then (at the end) why we hold it, who it has been given to, how long we keep it, where it came from and your rights. The same information is in the file subject-access.json beside this document, in a form a computer can read.`,
    },
  ];
  for (const s of sections) {
    blocks.push({ kind: 'heading', text: s.title, level: 1 });
    if (s.key === 'partners' && !s.entries.length) {
      blocks.push({ kind: 'paragraph', text: PARTNER_SERVICE_STATEMENT });
      continue;
    }
    // Said whether or not the partner service raised any: its concerns are covered by the statement under "Partner service".
    const partnerSide: ReportBlock[] =
      s.key === 'safeguarding'
        ? [
            {
              kind: 'paragraph',
              text: 'Any concern raised by our partner support service is covered under “Partner service” below.',
            },
          ]
        : [];
    if (s.entries.length === 0) {
      blocks.push({ kind: 'paragraph', text: 'We hold nothing under this heading.' }, ...partnerSide);
      continue;
    }
    for (const e of s.entries) {
      blocks.push({ kind: 'heading', text: e.withheld ? `${e.title}: withheld` : e.title, level: 2 });
      if (e.withheld) blocks.push({ kind: 'paragraph', text: e.withheld });
      else if (e.fields.length) blocks.push({ kind: 'facts', rows: e.fields });
    }
    blocks.push(...partnerSide);
  }
  blocks.push(...article15(data, letterhead, withheld));
  return {
    title: 'Your information: subject access',
    subtitle: `Reference ${data.reference}`,
    blocks,
    landscape: false,
    warnings: [],
  };
}

export async function buildPack(
  data: SubjectData,
  sections: PackSection[],
  opts: {
    letterhead: Letterhead;
    receivedOn: string;
    today: string;
    producedAt: string;
    released: number;
    withheld: number;
  },
): Promise<BuiltPack> {
  const docx = await renderDocx(
    content(data, sections, opts.receivedOn, opts.today, opts.withheld, opts.letterhead),
    opts.letterhead,
    { reportType: 'subject_access', typeLabel: 'Subject access' },
    opts.producedAt,
  );
  const json = {
    format: 'dvpp-subject-access/1',
    reference: data.reference,
    requestReceivedOn: opts.receivedOn,
    producedOn: opts.today,
    organisation: opts.letterhead.name,
    itemsWithheld: opts.withheld,
    about: {
      sources: data.disclosure.sources,
      recipients: data.disclosure.recipients,
      retentionYearsAfterTheCaseEnds: data.disclosure.retentionYears,
      retentionYearsForAReferralThatDidNotGoAhead: data.disclosure.referralYears,
      partnerService: PARTNER_SERVICE_STATEMENT,
    },
    sections: Object.fromEntries(
      sections.map((s) => [s.key, { title: s.title, entries: s.entries.map((e) => e.data) }]),
    ),
  };
  const readme = [
    `Subject access pack, reference ${data.reference}, produced ${ukDate(opts.today)} by ${opts.letterhead.name}.`,
    '',
    'subject-access.docx  the information we hold about you, to read or print',
    'subject-access.json  the same information in a form a computer can read (JSON, UTF-8)',
    '',
  ].join('\r\n');
  const bytes = zip(
    [
      ['subject-access.docx', docx.bytes],
      ['subject-access.json', JSON.stringify(json, null, 2)],
      ['read-me.txt', readme],
    ],
    ['subject-access.docx'],
  );
  return { bytes, sha256: sha256(bytes), fileName: `subject-access-${data.reference}-${opts.today}.zip` };
}
