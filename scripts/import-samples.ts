/**
 * Writes the sample spreadsheets under resources/import-samples/ that the tests and the
 * demo use: participants (with referrals), where they have got to, group attendance, consents, partners and staff, each as .xlsx and .csv
 * (the CSVs as older systems write them: semicolons, Windows-1252, d/m/yy dates).
 * Run: npx tsx scripts/import-samples.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import writeXlsxFile from 'write-excel-file/node';

const out = join(import.meta.dirname, '..', 'resources', 'import-samples');
mkdirSync(out, { recursive: true });

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

// Headers as an older system might name them, to show the proposed mapping at work.
const participants = [
  ['Client ref', 'Forename', 'Surname', 'DOB', 'Phone', 'Interpreter', 'Referral source', 'Referring agency', 'Referral date', 'Reason for referral', 'Route'],
  ['P-2025-0101', 'Marek', 'Nowakowski', d('1984-06-02'), '07700 900101', 'Yes', 'Probation', 'National Probation Service', d('2025-11-03'), 'Coercive control of ex-partner', 'Criminal justice'],
  ['', 'Jamal', 'Reeves', d('1990-01-23'), '', 'No', 'Family court / Cafcass', 'Cafcass', d('2026-02-11'), 'Child arrangements order: domestic abuse found', 'Family court'],
  ['', 'Gareth', 'Pryce', '05/07/1979', '07700 900103', 'no', 'Self-referral', '', '14/04/2026', 'Wants to stop shouting at his partner', 'Voluntary'],
  ['P-2025-0104', 'René', 'Lefèvre', 33145, '', 'N', "Children's services", 'Leeds Children’s Social Care', '2026-03-30', 'Child protection plan: emotional abuse', 'Voluntary'],
  ['', 'Thomas', 'Whitfield', d('1972-11-30'), '', 'No', 'Police', 'West Yorkshire Police', '2/5/26', 'Repeat call-outs, no charge', 'Voluntary'],
];

// Where two of them have got to since their referral, in the words a team might use.
const statuses = [
  ['Client ref', 'Stage', 'Date', 'Assessment outcome', 'Exit reason', 'Notes'],
  ['P-2025-0101', 'Assessed', d('2025-12-01'), 'Suitable for group', '', ''],
  ['P-2025-0101', 'On the waiting list', d('2025-12-05'), '', '', ''],
  ['P-2025-0101', 'In a group', d('2026-01-12'), '', '', ''],
  ['P-2025-0104', 'Assessed', '20/04/2026', 'Suitable for one-to-one', '', ''],
  ['P-2025-0104', 'Left', '2026-05-02', '', 'Withdrew', ''],
];

const consents = [
  ['Participant reference', 'Shared with', 'Purpose', 'How given', 'Limits of confidentiality explained', 'Date given', 'Review date'],
  ['P-2025-0101', 'Probation', 'Progress and risk updates to his probation officer', 'Signed', 'Yes', d('2025-11-20'), d('2026-11-20')],
  ['P-2025-0101', 'Partner support service (to contact his partner or ex-partner)', 'Contacting his ex-partner', 'Signed', 'Yes', d('2025-11-20'), d('2027-05-20')],
  ['P-2025-0104', "Children's services", 'Child protection updates', 'Verbal', 'Yes', '15/04/2026', '15/10/2027'],
];

const partners = [
  ['His reference', 'Relationship to him', 'First name', 'Last name', 'Phone', 'Safe times to call', 'Separated on'],
  ['P-2025-0101', 'Ex-partner', 'Agnieszka', 'Nowak', '07700 900201', 'Weekdays 10 to 12', d('2025-08-01')],
  ['P-2025-0104', 'Current partner', 'Chantal', 'Moreau', '', 'Evenings only', ''],
];

// A register kept in a spreadsheet: Marek's first four sessions in a Tuesday group that starts on 13/01/2026
// (the group and his enrolment are set up under Groups first; the tests do that).
const attendance = [
  ['Client ref', 'Group name', 'Date of session', 'Attended', 'Minutes late', 'Reason for absence'],
  ['P-2025-0101', 'Tuesday evening group', d('2026-01-13'), 'Present', '', ''],
  ['P-2025-0101', 'Tuesday evening group', d('2026-01-20'), 'Late', 10, ''],
  ['P-2025-0101', 'Tuesday evening group', d('2026-01-27'), 'Apologies', '', 'Hospital appointment'],
  ['P-2025-0101', 'Tuesday evening group', d('2026-02-03'), 'DNA', '', ''],
];

// Staff as a spreadsheet of the team might list them: roles in the team's own words.
const staff = [
  ['Name', 'Username', 'Role', 'Job title', 'Gender'],
  ['Priya Shah', 'pshah', 'Facilitator', 'Group facilitator', 'Female'],
  ['Owen Pritchard', 'opritchard', 'Group worker', 'Co-facilitator', 'Male'],
  ['Hannah Lewis', 'hlewis', 'Partner support worker', 'Women’s support worker', 'Woman'],
];

function csv(rows: Array<Array<string | number | Date>>): Buffer {
  const text = Papa.unparse(
    rows.map((r) => r.map((c) => (c instanceof Date ? `${c.getUTCDate()}/${c.getUTCMonth() + 1}/${String(c.getUTCFullYear()).slice(2)}` : String(c)))),
    { delimiter: ';' },
  );
  // Windows-1252, as Excel on Windows saves "CSV": one byte per character in this range.
  const bytes = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    bytes[i] = ch === '’' ? 0x92 : ch.charCodeAt(0);
  }
  return bytes;
}

async function main() {
  for (const [name, rows] of Object.entries({ participants, statuses, attendance, consents, partners, staff })) {
    writeFileSync(join(out, `${name}.xlsx`), await writeXlsxFile(rows, { dateFormat: 'dd/mm/yyyy' }).toBuffer());
    writeFileSync(join(out, `${name}.csv`), csv(rows));
  }
  console.log(`Samples written to ${out}`);
}

void main();
