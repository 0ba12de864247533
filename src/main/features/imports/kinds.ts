/**
 * Each kind of import: how a row becomes the input of the route that saves it by hand
 * (participants.create, consents.add, partners.create), checked with that route's own zod
 * schema, and saved through that route's own service, so tasks, the search index, status
 * history and the partner wall behave exactly as for a record typed in.
 */
import type { z } from 'zod';
import { consentAddInput, consentRecipientLabels, consentRecipients } from '../../../shared/features/consents';
import { importKindPermission, type ImportKind, type ImportResult } from '../../../shared/features/imports';
import {
  createReferralInput,
  RESTRICTED_MATCH,
  referralRouteLabels,
  referralRoutes,
  referralSourceLabels,
  referralSources,
} from '../../../shared/features/participants';
import { partnerCreateInput, relationshipLabels, relationships } from '../../../shared/features/partners';
import { can } from '../../../shared/permissions';
import { foldForSearch } from '../../../shared/text';
import type { Db, ServiceContext } from '../../ipc/context';
import { addConsent } from '../consents/service';
import { openableRestricted } from '../participants/access';
import { createReferral, createReferrals } from '../participants/service';
import { createPartner } from '../partners/service';
import { attendanceKind } from './attendance-kind';
import { staffKind } from './staff-kind';
import { statusKind } from './status-kind';
import type { Cell } from './read-file';
import { NameIndex } from './similar-names';
import { readChoice, readDate, readText, readYesNo } from './values';

/** A row by field key (only mapped fields are present). */
export type RowCells = Record<string, Cell>;
export interface FieldProblem {
  field: string;
  message: string;
}
export interface RowResult {
  input: unknown;
  problems: FieldProblem[];
  /** what would be saved, by field key, for the preview */
  shown: Record<string, string>;
  /** a looser match (same date of birth, a name written differently) for the manager to decide on */
  possibleMatch?: { name: string; matchWith: string; why: string };
}

export interface KindRules {
  /** who may import this kind (beyond the route's own permission) */
  allowed(ctx: ServiceContext): string | null;
  /** what the checks need from the database, loaded once */
  load(ctx: ServiceContext): Promise<unknown>;
  checkRow(cells: RowCells, lookups: unknown, rowNumber: number): RowResult;
  /** saves one row inside the import's transaction; what it returns is handed to `finish` */
  save(ctx: ServiceContext, input: unknown, cells: RowCells): Promise<unknown>;
  /** saves a chunk of rows at once (fewer round trips to SQLite); when present it is used instead of `save` */
  saveMany?(ctx: ServiceContext, rows: Array<{ input: unknown; cells: RowCells }>): Promise<void>;
  /** after every row is saved (still inside the transaction): what the result adds */
  finish?(ctx: ServiceContext, saved: unknown[]): Promise<Partial<ImportResult>>;
  /** whether the rows can raise tasks (consent reviews, first contacts): refreshed once after the last row */
  raisesTasks: boolean;
}

const PROBLEM_DATE = 'Cannot read this date. Write it as dd/mm/yyyy (for example 14/03/1985)';

/** A zod issue's path to the import field it came from (the last named step). */
function zodProblems(error: z.ZodError, fieldOf: (path: string) => string): FieldProblem[] {
  return error.issues.map((issue) => ({ field: fieldOf(issue.path.map(String).join('.')), message: issue.message }));
}

function dateCell(cells: RowCells, key: string, problems: FieldProblem[]): string {
  const value = readDate(cells[key] ?? null);
  if (value === null) {
    problems.push({ field: key, message: PROBLEM_DATE });
    return '';
  }
  return value;
}

function choiceCell<T extends string>(cells: RowCells, key: string, choices: readonly T[], labels: Record<T, string>, extra: Record<string, T>, problems: FieldProblem[]): T | '' {
  const value = readChoice(cells[key] ?? null, choices, labels, extra);
  if (value === null) {
    problems.push({ field: key, message: `Not one of the choices. Use one of: ${choices.map((c) => labels[c]).join('; ')}` });
    return '';
  }
  return value;
}

function yesNoCell(cells: RowCells, key: string, problems: FieldProblem[]): boolean {
  const value = readYesNo(cells[key] ?? null);
  if (value === null) {
    problems.push({ field: key, message: 'Write Yes or No' });
    return false;
  }
  return value === true;
}

const ukDate = (iso: string) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
const personKey = (first: string, last: string, dob: string) => `${foldForSearch(`${first} ${last}`)}|${dob}`;

// ---------- participants with referrals ----------

interface Named {
  first: string;
  last: string;
}
interface ParticipantLookups {
  byPerson: Map<string, { reference: string; hidden: boolean }>;
  /** people on record by date of birth, for the looser match */
  byBirth: NameIndex<Named & { reference: string; hidden: boolean }>;
  seenByBirth: NameIndex<Named & { row: number }>;
  references: Set<string>;
  staff: Map<string, string>;
  seenPeople: Map<string, number>;
  seenReferences: Map<string, number>;
}

async function loadPeople(ctx: ServiceContext): Promise<Pick<ParticipantLookups, 'byPerson' | 'byBirth' | 'references'>> {
  const rows = await ctx.db.selectFrom('participants').select(['id', 'reference', 'first_name', 'last_name', 'date_of_birth', 'restricted']).execute();
  const openable = await openableRestricted(ctx.db, ctx.user, rows.filter((r) => r.restricted === 1).map((r) => r.id));
  const byPerson = new Map<string, { reference: string; hidden: boolean }>();
  const byBirth: ParticipantLookups['byBirth'] = new NameIndex();
  for (const r of rows) {
    const hidden = r.restricted === 1 && !openable.has(r.id);
    byPerson.set(personKey(r.first_name, r.last_name, r.date_of_birth), { reference: r.reference, hidden });
    byBirth.add(r.date_of_birth, { first: r.first_name, last: r.last_name, reference: r.reference, hidden });
  }
  return { byPerson, byBirth, references: new Set(rows.map((r) => r.reference)) };
}

async function loadStaff(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('staff').select(['id', 'username', 'full_name']).where('active', '=', 1).execute();
  const map = new Map<string, string>();
  for (const r of rows) {
    map.set(foldForSearch(r.username), r.id);
    map.set(foldForSearch(r.full_name), r.id);
  }
  return map;
}

const sourceExtras: Record<string, (typeof referralSources)[number]> = {
  court: 'family_court_cafcass',
  cafcass: 'family_court_cafcass',
  'family court': 'family_court_cafcass',
  'childrens services': 'childrens_services',
  'children s services': 'childrens_services',
  'social services': 'childrens_services',
  'self referral': 'self',
  'self referred': 'self',
  partner: 'partner',
  'ex partner': 'partner',
  family: 'family_friend',
  friend: 'family_friend',
  professional: 'other_professional',
};
const routeExtras: Record<string, (typeof referralRoutes)[number]> = {
  cj: 'criminal_justice',
  criminal: 'criminal_justice',
  probation: 'criminal_justice',
  family: 'family_court',
  court: 'family_court',
  cafcass: 'family_court',
};

const participantField = (path: string) => {
  const last = path.split('.').pop() ?? '';
  return last === 'keyWorkerId' ? 'keyWorker' : last;
};

/** Someone born the same day whose name looks like this one (see similar-names.ts), on record first, then on earlier rows. */
function looserMatch(l: ParticipantLookups, name: Named, dateOfBirth: string, rowNumber: number, problems: FieldProblem[]): RowResult['possibleMatch'] {
  const full = `${name.first} ${name.last}`;
  let found: RowResult['possibleMatch'];
  const onRecord = l.byBirth.find(dateOfBirth, name);
  // A restricted record is never named to someone who cannot open it: the same words as the form.
  if (onRecord.some((m) => m.person.hidden)) problems.push({ field: 'lastName', message: RESTRICTED_MATCH });
  else if (onRecord[0]) {
    const { person: other, why } = onRecord[0];
    found = { name: full, matchWith: `${other.reference} ${other.first} ${other.last}, already on record`, why: `born the same day, ${why}` };
  } else {
    const earlier = l.seenByBirth.find(dateOfBirth, name).sort((a, b) => a.person.row - b.person.row)[0];
    if (earlier) found = { name: full, matchWith: `row ${earlier.person.row} (${earlier.person.first} ${earlier.person.last})`, why: `born the same day, ${earlier.why}` };
  }
  l.seenByBirth.add(dateOfBirth, { ...name, row: rowNumber });
  return found;
}

const participants: KindRules = {
  raisesTasks: true,
  allowed: (ctx) => (can(ctx.user.role, importKindPermission.participants) ? null : 'Your role cannot add participants.'),
  async load(ctx) {
    const people = await loadPeople(ctx);
    return { ...people, staff: await loadStaff(ctx.db), seenPeople: new Map(), seenByBirth: new NameIndex(), seenReferences: new Map() } satisfies ParticipantLookups;
  },
  checkRow(cells, raw, rowNumber) {
    const l = raw as ParticipantLookups;
    const problems: FieldProblem[] = [];
    const text = (k: string) => readText(cells[k] ?? null);
    const dateOfBirth = dateCell(cells, 'dateOfBirth', problems);
    const receivedOn = dateCell(cells, 'receivedOn', problems);
    const source = choiceCell(cells, 'source', referralSources, referralSourceLabels, sourceExtras, problems);
    const route = choiceCell(cells, 'route', referralRoutes, referralRouteLabels, routeExtras, problems);
    const interpreterNeeded = yesNoCell(cells, 'interpreterNeeded', problems);
    let keyWorkerId: string | null = null;
    if (text('keyWorker')) {
      keyWorkerId = l.staff.get(foldForSearch(text('keyWorker'))) ?? null;
      if (!keyWorkerId) problems.push({ field: 'keyWorker', message: 'No active member of staff has this name or username. Use the name as it appears under Staff' });
    }
    const input = {
      details: {
        firstName: text('firstName'),
        lastName: text('lastName'),
        preferredName: text('preferredName'),
        dateOfBirth,
        gender: text('gender'),
        phone: text('phone'),
        email: text('email'),
        address: text('address'),
        language: text('language') || 'English',
        interpreterNeeded,
        keyWorkerId,
      },
      referral: {
        source: source || undefined,
        agency: text('agency'),
        receivedOn,
        reason: text('reason'),
        route: route || undefined,
        courtReference: text('courtReference'),
      },
      linkToParticipantId: null,
    };
    const parsed = createReferralInput.safeParse(input);
    const reported = new Set(problems.map((p) => p.field));
    if (!parsed.success) for (const p of zodProblems(parsed.error, participantField)) if (!reported.has(p.field)) problems.push(p);
    const reference = text('reference').toUpperCase();
    if (reference) {
      if (!/^P-\d{4}-\d{4,6}$/.test(reference)) problems.push({ field: 'reference', message: 'A reference looks like P-2026-0042. Correct it, or leave it empty for a new one' });
      else if (l.references.has(reference)) problems.push({ field: 'reference', message: 'This reference is already on record: he may already be here. Remove the row if so' });
      else if (l.seenReferences.has(reference)) problems.push({ field: 'reference', message: `The same reference is on row ${l.seenReferences.get(reference)}. Each man needs his own` });
      else l.seenReferences.set(reference, rowNumber);
    }
    let possibleMatch: RowResult['possibleMatch'];
    if (input.details.firstName && input.details.lastName && dateOfBirth) {
      const key = personKey(input.details.firstName, input.details.lastName, dateOfBirth);
      const existing = l.byPerson.get(key);
      if (existing) {
        problems.push({
          field: 'lastName',
          message: existing.hidden
            ? RESTRICTED_MATCH
            : `Possible duplicate of ${existing.reference} (same name and date of birth), already on record. Remove this row if it is the same man`,
        });
      } else if (l.seenPeople.has(key)) {
        problems.push({ field: 'lastName', message: `Same name and date of birth as row ${l.seenPeople.get(key)}. Keep one row per man` });
      } else {
        l.seenPeople.set(key, rowNumber);
        possibleMatch = looserMatch(l, { first: input.details.firstName, last: input.details.lastName }, dateOfBirth, rowNumber, problems);
      }
    }
    const shown = {
      reference: reference || '(new)',
      firstName: input.details.firstName,
      lastName: input.details.lastName,
      dateOfBirth: ukDate(dateOfBirth),
      source: source ? referralSourceLabels[source] : '',
      receivedOn: ukDate(receivedOn),
      route: route ? referralRouteLabels[route] : '',
      reason: input.referral.reason.slice(0, 60),
    };
    return { input: parsed.success ? parsed.data : null, problems, shown, ...(possibleMatch ? { possibleMatch } : {}) };
  },
  async save(ctx, input, cells) {
    const reference = readText(cells.reference ?? null).toUpperCase();
    await createReferral(ctx, input as z.output<typeof createReferralInput>, reference ? { reference, tasksLater: true } : { tasksLater: true });
  },
  async saveMany(ctx, rows) {
    await createReferrals(
      ctx,
      rows.map((row) => {
        const reference = readText(row.cells.reference ?? null).toUpperCase();
        return { input: row.input as z.output<typeof createReferralInput>, ...(reference ? { reference } : {}) };
      }),
    );
  },
};

// ---------- consents ----------

interface ManLookups {
  men: Map<string, { id: string; dateOfBirth: string }>;
  seen: Map<string, number>;
  existing: Set<string>;
}

async function loadMen(db: Db) {
  const rows = await db.selectFrom('participants').select(['id', 'reference', 'date_of_birth']).execute();
  return new Map(rows.map((r) => [r.reference, { id: r.id, dateOfBirth: r.date_of_birth }]));
}

const recipientExtras: Record<string, (typeof consentRecipients)[number]> = {
  cafcass: 'cafcass_court',
  court: 'cafcass_court',
  'family court': 'cafcass_court',
  'childrens services': 'childrens_services',
  'children s services': 'childrens_services',
  'social services': 'childrens_services',
  'partner service': 'partner_service',
  'partner support': 'partner_service',
  'partner support service': 'partner_service',
};

function manOf(cells: RowCells, key: string, men: ManLookups['men'], problems: FieldProblem[]) {
  const reference = readText(cells[key] ?? null).toUpperCase();
  const man = men.get(reference);
  if (!man) problems.push({ field: key, message: reference ? 'No participant has this reference. Import the participants first, or correct the reference' : 'Enter his reference (P-YYYY-NNNN)' });
  return man;
}

const consents: KindRules = {
  raisesTasks: true,
  allowed: (ctx) => (can(ctx.user.role, importKindPermission.consents) ? null : 'Your role cannot record consents.'),
  async load(ctx) {
    const rows = await ctx.db.selectFrom('consents').select(['participant_id', 'recipient', 'given_on']).execute();
    return { men: await loadMen(ctx.db), seen: new Map(), existing: new Set(rows.map((r) => `${r.participant_id}|${r.recipient}|${r.given_on}`)) } satisfies ManLookups;
  },
  checkRow(cells, raw, rowNumber) {
    const l = raw as ManLookups;
    const problems: FieldProblem[] = [];
    const man = manOf(cells, 'reference', l.men, problems);
    const givenOn = dateCell(cells, 'givenOn', problems);
    const reviewOn = dateCell(cells, 'reviewOn', problems);
    const recipient = choiceCell(cells, 'recipient', consentRecipients, consentRecipientLabels, recipientExtras, problems);
    const howGiven = choiceCell(cells, 'howGiven', ['signed', 'verbal'] as const, { signed: 'Signed', verbal: 'Verbal' }, { written: 'signed', spoken: 'verbal' }, problems);
    const confidentialityExplained = yesNoCell(cells, 'confidentialityExplained', problems);
    const input = {
      participantId: man?.id ?? '00000000-0000-4000-8000-000000000000',
      recipient: recipient || undefined,
      recipientName: readText(cells.recipientName ?? null),
      purpose: readText(cells.purpose ?? null),
      confidentialityExplained,
      howGiven: howGiven || undefined,
      givenOn,
      reviewOn,
    };
    const parsed = consentAddInput.safeParse(input);
    const reported = new Set(problems.map((p) => p.field));
    if (!parsed.success) for (const p of zodProblems(parsed.error, (path) => path.split('.').pop() ?? '')) if (!reported.has(p.field)) problems.push(p);
    // The same rule as consents.add: not before his date of birth.
    if (man && givenOn && givenOn < man.dateOfBirth) problems.push({ field: 'givenOn', message: 'The date given cannot be before his date of birth' });
    if (man && recipient && givenOn) {
      const key = `${man.id}|${recipient}|${givenOn}`;
      if (l.existing.has(key)) problems.push({ field: 'givenOn', message: 'This consent (same man, agency and date) is already on record. Remove the row' });
      else if (l.seen.has(key)) problems.push({ field: 'givenOn', message: `The same consent is on row ${l.seen.get(key)}. Keep one` });
      else l.seen.set(key, rowNumber);
    }
    const shown = {
      reference: readText(cells.reference ?? null),
      recipient: recipient ? consentRecipientLabels[recipient] : '',
      purpose: input.purpose.slice(0, 60),
      howGiven: howGiven ? (howGiven === 'signed' ? 'Signed' : 'Verbal') : '',
      confidentialityExplained: confidentialityExplained ? 'Yes' : 'No',
      givenOn: ukDate(givenOn),
      reviewOn: ukDate(reviewOn),
    };
    return { input: parsed.success ? parsed.data : null, problems, shown };
  },
  async save(ctx, input) {
    await addConsent(ctx, input as z.output<typeof consentAddInput>, { tasksLater: true });
  },
};

// ---------- partners (behind the partner wall) ----------

interface PartnerLookups {
  men: ManLookups['men'];
  existing: Set<string>;
  seen: Map<string, number>;
  /**
   * Partners on record for the looser match, keyed `man:<his id>` (linked to the same man) and
   * `born:<date>` (born the same day, whoever she is linked to); earlier rows the same way.
   */
  onRecord: NameIndex<Named & { reference: string; relationship: string; man: string }>;
  earlier: NameIndex<Named & { row: number }>;
}

const partnerKeys = (manId: string | undefined, dateOfBirth: string) => [...(manId ? [`man:${manId}`] : []), ...(dateOfBirth ? [`born:${dateOfBirth}`] : [])];

/**
 * A partner who may already be on record (or on an earlier row) under a name written a little
 * differently: linked to the same man, or born the same day. Only read by someone with partner
 * access (the kind's own rule), and only ever answered by the person importing; never merged.
 */
function partnerLooserMatch(l: PartnerLookups, name: Named, manId: string | undefined, dateOfBirth: string, rowNumber: number): RowResult['possibleMatch'] {
  const full = `${name.first} ${name.last}`;
  const keys = partnerKeys(manId, dateOfBirth);
  let found: RowResult['possibleMatch'];
  for (const key of keys) {
    const match = l.onRecord.find(key, name)[0];
    if (match) {
      const how = key.startsWith('man:') ? `linked to him as ${match.person.relationship}` : `born the same day, linked to ${match.person.man}`;
      found = { name: full, matchWith: `${match.person.reference} ${match.person.first} ${match.person.last}, already on record`, why: `${how}: ${match.why}` };
      break;
    }
  }
  if (!found) {
    for (const key of keys) {
      const match = l.earlier.find(key, name).sort((a, b) => a.person.row - b.person.row)[0];
      if (match) {
        found = { name: full, matchWith: `row ${match.person.row} (${match.person.first} ${match.person.last})`, why: `${key.startsWith('man:') ? 'linked to the same man' : 'born the same day'}: ${match.why}` };
        break;
      }
    }
  }
  for (const key of keys) l.earlier.add(key, { ...name, row: rowNumber });
  return found;
}

const partners: KindRules = {
  raisesTasks: true,
  allowed: (ctx) =>
    can(ctx.user.role, importKindPermission.partners) ? null : 'Only partner support workers and managers may import partners: their records are behind the partner wall.',
  async load(ctx) {
    // Read through the same tables the partner routes use; nothing here is written directly.
    const rows = await ctx.db
      .selectFrom('partners')
      .innerJoin('partner_links', 'partner_links.partner_id', 'partners.id')
      .select(['partners.reference as partnerReference', 'partners.first_name', 'partners.last_name', 'partners.details', 'partner_links.participant_id', 'partner_links.relationship'])
      .execute();
    const men = await loadMen(ctx.db);
    const referenceOf = new Map([...men].map(([reference, man]) => [man.id, reference]));
    const onRecord: PartnerLookups['onRecord'] = new NameIndex();
    for (const r of rows) {
      const person = { first: r.first_name, last: r.last_name, reference: r.partnerReference, relationship: r.relationship === 'ex' ? 'his ex-partner' : 'his partner', man: referenceOf.get(r.participant_id) ?? 'another man' };
      const dateOfBirth = (JSON.parse(r.details) as { dateOfBirth?: string }).dateOfBirth ?? '';
      for (const key of partnerKeys(r.participant_id, dateOfBirth)) onRecord.add(key, person);
    }
    return {
      men,
      seen: new Map(),
      existing: new Set(rows.map((r) => `${r.participant_id}|${foldForSearch(`${r.first_name} ${r.last_name}`)}`)),
      onRecord,
      earlier: new NameIndex(),
    } satisfies PartnerLookups;
  },
  checkRow(cells, raw, rowNumber) {
    const l = raw as PartnerLookups;
    const problems: FieldProblem[] = [];
    const text = (k: string) => readText(cells[k] ?? null);
    const man = manOf(cells, 'participantReference', l.men, problems);
    const relationship = choiceCell(cells, 'relationship', relationships, relationshipLabels, { partner: 'current', current: 'current', ex: 'ex', former: 'ex', 'ex partner': 'ex', 'former partner': 'ex' }, problems);
    const input = {
      details: {
        firstName: text('firstName'),
        lastName: text('lastName'),
        dateOfBirth: dateCell(cells, 'dateOfBirth', problems),
        phone: text('phone'),
        address: text('address'),
        language: text('language') || 'English',
        safeContact: { safeNumber: text('safeNumber'), safeTimes: text('safeTimes') },
      },
      link: {
        participantId: man?.id ?? '00000000-0000-4000-8000-000000000000',
        relationship: relationship || undefined,
        from: dateCell(cells, 'from', problems),
        to: dateCell(cells, 'to', problems),
      },
    };
    const parsed = partnerCreateInput.safeParse(input);
    const reported = new Set(problems.map((p) => p.field));
    if (!parsed.success) for (const p of zodProblems(parsed.error, (path) => path.split('.').pop() ?? '')) if (!reported.has(p.field)) problems.push(p);
    let possibleMatch: RowResult['possibleMatch'];
    if (man && input.details.firstName && input.details.lastName) {
      const key = `${man.id}|${foldForSearch(`${input.details.firstName} ${input.details.lastName}`)}`;
      if (l.existing.has(key)) problems.push({ field: 'lastName', message: 'She is already on record, linked to him. Remove the row' });
      else if (l.seen.has(key)) problems.push({ field: 'lastName', message: `The same partner and man are on row ${l.seen.get(key)}. Keep one` });
      else {
        l.seen.set(key, rowNumber);
        possibleMatch = partnerLooserMatch(l, { first: input.details.firstName, last: input.details.lastName }, man.id, input.details.dateOfBirth, rowNumber);
      }
    }
    const shown = {
      participantReference: text('participantReference'),
      relationship: relationship ? relationshipLabels[relationship] : '',
      firstName: input.details.firstName,
      lastName: input.details.lastName,
      dateOfBirth: ukDate(input.details.dateOfBirth),
    };
    return { input: parsed.success ? parsed.data : null, problems, shown, ...(possibleMatch ? { possibleMatch } : {}) };
  },
  async save(ctx, input) {
    await createPartner(ctx, input as z.output<typeof partnerCreateInput>);
  },
};

export const kindRules: Record<ImportKind, KindRules> = { participants, statuses: statusKind, attendance: attendanceKind, consents, partners, staff: staffKind };
