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

function content(
  data: SubjectData,
  sections: PackSection[],
  receivedOn: string,
  today: string,
  withheld: number,
): ReportContent {
  const blocks: ReportBlock[] = [
    {
      kind: 'paragraph',
      text: `You asked on ${ukDate(receivedOn)} for a copy of the information we hold about you. This document sets out everything our case-management program holds about you on ${ukDate(today)}. The same information is in the file subject-access.json beside this document, in a form a computer can read.`,
    },
    ...(withheld
      ? [
          {
            kind: 'paragraph' as const,
            text: `Some information has been left out because it is about other people or could put someone at risk (UK GDPR and the Data Protection Act 2018, schedule 2, part 3). If you want to know more about this, please contact us.`,
          },
        ]
      : []),
  ];
  for (const s of sections) {
    blocks.push({ kind: 'heading', text: s.title, level: 1 });
    if (s.entries.length === 0) {
      blocks.push({ kind: 'paragraph', text: 'We hold nothing under this heading.' });
      continue;
    }
    for (const e of s.entries) {
      blocks.push({ kind: 'heading', text: e.title, level: 2 });
      if (e.fields.length) blocks.push({ kind: 'facts', rows: e.fields });
    }
  }
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
    content(data, sections, opts.receivedOn, opts.today, opts.withheld),
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
