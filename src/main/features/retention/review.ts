/**
 * Which records are past their retention date. A man's case closes when he
 * completes or exits (the date of that status); a referral that did not go
 * ahead is timed from its last change; a partner's record from her last
 * contact, and only once every man she is linked to has closed. The longest
 * period that applies wins (children, safeguarding), and a manager's
 * extension moves the date on.
 */
import { addDays } from '../../../shared/dates';
import type {
  RetentionPolicy,
  RetentionReview,
  RetentionReviewRow,
  RetentionRule,
  RetentionSubject,
} from '../../../shared/features/retention';
import type { Db, Session } from '../../ipc/context';
import { openableRestricted } from '../participants/access';
import { addYears, readPolicy } from './policy';

const CLOSED = ['completed', 'exited'];
const NOT_STARTED = ['referred', 'awaiting_assessment', 'assessed'];

const maxDate = (...dates: Array<string | null | undefined>) =>
  dates
    .filter((d): d is string => Boolean(d))
    .map((d) => d.slice(0, 10))
    .sort()
    .at(-1) ?? null;

interface Clock {
  rule: RetentionRule;
  closedOn: string;
}

interface Candidate extends Omit<RetentionReviewRow, 'extended' | 'keepUntil'> {
  baseUntil: string;
}

function hasChildren(details: string): boolean {
  try {
    const children = (JSON.parse(details) as { children?: unknown[] }).children;
    return Array.isArray(children) && children.length > 0;
  } catch {
    return false;
  }
}

function years(policy: RetentionPolicy, rule: RetentionRule, children: boolean, safeguarding: boolean): number {
  if (rule === 'participant_referral') return policy.participantReferral.years;
  const p = rule === 'participant_case' ? policy.participantCase : policy.partner;
  return Math.max(p.years, children ? p.yearsWithChildren : 0, safeguarding ? p.yearsWithSafeguarding : 0);
}

/** Each man's clock: when his case closed (or his referral last changed); null while his case is open. */
async function participantClocks(db: Db): Promise<Map<string, Clock | null>> {
  const [people, statusDates, noteDates, referralDates] = await Promise.all([
    db.selectFrom('participants').select(['id', 'status', 'updated_at']).execute(),
    db
      .selectFrom('status_history')
      .select(['participant_id', 'status'])
      .select((eb) => eb.fn.max('effective_on').as('on'))
      .groupBy(['participant_id', 'status'])
      .execute(),
    db
      .selectFrom('case_notes')
      .select('participant_id')
      .select((eb) => eb.fn.max('updated_at').as('on'))
      .groupBy('participant_id')
      .execute(),
    db
      .selectFrom('referrals')
      .select('participant_id')
      .select((eb) => eb.fn.max('received_on').as('on'))
      .groupBy('participant_id')
      .execute(),
  ]);
  const statusOn = new Map(statusDates.map((r) => [`${r.participant_id}:${r.status}`, r.on as string]));
  const noteOn = new Map(noteDates.map((r) => [r.participant_id, r.on as string]));
  const referralOn = new Map(referralDates.map((r) => [r.participant_id, r.on as string]));
  const clocks = new Map<string, Clock | null>();
  for (const p of people) {
    if (CLOSED.includes(p.status)) {
      clocks.set(p.id, {
        rule: 'participant_case',
        closedOn: statusOn.get(`${p.id}:${p.status}`) ?? p.updated_at.slice(0, 10),
      });
    } else if (NOT_STARTED.includes(p.status)) {
      const last = maxDate(p.updated_at, statusOn.get(`${p.id}:${p.status}`), noteOn.get(p.id), referralOn.get(p.id))!;
      clocks.set(p.id, { rule: 'participant_referral', closedOn: last });
    } else {
      clocks.set(p.id, null);
    }
  }
  return clocks;
}

async function participantCandidates(
  db: Db,
  policy: RetentionPolicy,
  clocks: Map<string, Clock | null>,
): Promise<Candidate[]> {
  const [rows, concerns] = await Promise.all([
    db
      .selectFrom('participants')
      .select(['id', 'reference', 'first_name', 'last_name', 'details', 'child_protection'])
      .where('anonymised_at', 'is', null)
      .execute(),
    db
      .selectFrom('safeguarding_concerns')
      .select(['participant_id', 'kind'])
      .where('participant_id', 'is not', null)
      .execute(),
  ]);
  const concernKinds = new Map<string, Set<string>>();
  for (const c of concerns) {
    if (!concernKinds.has(c.participant_id!)) concernKinds.set(c.participant_id!, new Set());
    concernKinds.get(c.participant_id!)!.add(c.kind);
  }
  const out: Candidate[] = [];
  for (const row of rows) {
    const clock = clocks.get(row.id);
    if (!clock) continue;
    const kinds = concernKinds.get(row.id);
    const children = hasChildren(row.details) || row.child_protection === 1 || Boolean(kinds?.has('child_protection'));
    const safeguarding = Boolean(kinds?.size);
    const longerBecause = [
      ...(children ? ['Children were involved'] : []),
      ...(safeguarding ? ['A safeguarding concern was raised'] : []),
    ];
    out.push({
      subject: 'participant',
      rule: clock.rule,
      id: row.id,
      reference: row.reference,
      name: `${row.first_name} ${row.last_name}`,
      closedOn: clock.closedOn,
      baseUntil: addYears(clock.closedOn, years(policy, clock.rule, children, safeguarding)),
      longerBecause: clock.rule === 'participant_case' ? longerBecause : [],
    });
  }
  return out;
}

async function partnerCandidates(
  db: Db,
  policy: RetentionPolicy,
  clocks: Map<string, Clock | null>,
): Promise<Candidate[]> {
  const [rows, links, contacts, checklists, plans, marac, concerns] = await Promise.all([
    db
      .selectFrom('partners')
      .select(['id', 'reference', 'first_name', 'last_name', 'details', 'updated_at'])
      .where('anonymised_at', 'is', null)
      .execute(),
    db.selectFrom('partner_links').select(['partner_id', 'participant_id']).execute(),
    db
      .selectFrom('partner_contacts')
      .select('partner_id')
      .select((eb) => eb.fn.max('at').as('on'))
      .groupBy('partner_id')
      .execute(),
    db
      .selectFrom('partner_checklists')
      .select('partner_id')
      .select((eb) => eb.fn.max('created_at').as('on'))
      .groupBy('partner_id')
      .execute(),
    db.selectFrom('safety_plans').select(['partner_id', 'updated_at as on']).execute(),
    db
      .selectFrom('marac_referrals')
      .select('partner_id')
      .select((eb) => eb.fn.max('referred_on').as('on'))
      .groupBy('partner_id')
      .execute(),
    db.selectFrom('safeguarding_concerns').select(['partner_id', 'kind']).where('partner_id', 'is not', null).execute(),
  ]);
  const last = new Map<string, string>();
  const bump = (id: string, on: unknown) => {
    const d = maxDate(last.get(id), on as string | null);
    if (d) last.set(id, d);
  };
  for (const list of [contacts, checklists, plans, marac]) for (const r of list) bump(r.partner_id, r.on);
  const linked = new Map<string, string[]>();
  for (const l of links) linked.set(l.partner_id, [...(linked.get(l.partner_id) ?? []), l.participant_id]);
  const maracIds = new Set(marac.map((m) => m.partner_id));
  const concernKinds = new Map<string, Set<string>>();
  for (const c of concerns) {
    if (!concernKinds.has(c.partner_id!)) concernKinds.set(c.partner_id!, new Set());
    concernKinds.get(c.partner_id!)!.add(c.kind);
  }
  const out: Candidate[] = [];
  for (const row of rows) {
    const men = (linked.get(row.id) ?? []).map((id) => clocks.get(id));
    // A man still on the programme keeps her record open: the partner service runs beside his case.
    if (men.some((c) => c === null)) continue;
    const closedOn = maxDate(row.updated_at, last.get(row.id), ...men.map((c) => c?.closedOn))!;
    const kinds = concernKinds.get(row.id);
    const children = hasChildren(row.details) || Boolean(kinds?.has('child_protection'));
    const safeguarding = Boolean(kinds?.size) || maracIds.has(row.id);
    out.push({
      subject: 'partner',
      rule: 'partner',
      id: row.id,
      reference: row.reference,
      name: `${row.first_name} ${row.last_name}`,
      closedOn,
      baseUntil: addYears(closedOn, years(policy, 'partner', children, safeguarding)),
      longerBecause: [
        ...(children ? ['Children were involved'] : []),
        ...(safeguarding ? ['A safeguarding concern or MARAC referral'] : []),
      ],
    });
  }
  return out;
}

/** Every record with its retention date (extensions applied); the review shows those past it. */
export async function retentionDates(db: Db, includePartners: boolean): Promise<RetentionReviewRow[]> {
  const policy = await readPolicy(db);
  const clocks = await participantClocks(db);
  const candidates = [
    ...(await participantCandidates(db, policy, clocks)),
    ...(includePartners ? await partnerCandidates(db, policy, clocks) : []),
  ];
  const holds = await db
    .selectFrom('retention_holds')
    .leftJoin('staff', 'staff.id', 'retention_holds.decided_by')
    .select(['subject', 'record_id', 'keep_until', 'reason', 'decided_at', 'staff.full_name'])
    .orderBy('decided_at', 'asc')
    .execute();
  const latestHold = new Map(holds.map((h) => [`${h.subject}:${h.record_id}`, h]));
  return candidates.map(({ baseUntil, ...c }) => {
    const hold = latestHold.get(`${c.subject}:${c.id}`);
    const extended =
      hold && hold.keep_until > baseUntil
        ? { until: hold.keep_until, reason: hold.reason, byName: hold.full_name, on: hold.decided_at.slice(0, 10) }
        : null;
    return { ...c, keepUntil: extended ? extended.until : baseUntil, extended };
  });
}

export async function retentionReview(db: Db, session: Session, today: string): Promise<RetentionReview> {
  const all = await retentionDates(db, true);
  // A restricted record shows only its reference to managers not named on it.
  const restricted = await db.selectFrom('participants').select('id').where('restricted', '=', 1).execute();
  const openable = await openableRestricted(
    db,
    session,
    restricted.map((r) => r.id),
  );
  const hidden = new Set(restricted.map((r) => r.id).filter((id) => !openable.has(id)));
  for (const row of all) if (row.subject === 'participant' && hidden.has(row.id)) row.name = 'Restricted record';
  const due = all
    .filter((r) => r.keepUntil <= today)
    .sort((a, b) => a.keepUntil.localeCompare(b.keepUntil) || a.reference.localeCompare(b.reference));
  const soon = addDays(today, 90);
  const anonymised = await db
    .selectFrom('participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('anonymised_at', 'is not', null)
    .executeTakeFirstOrThrow();
  const anonymisedPartners = await db
    .selectFrom('partners')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('anonymised_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return {
    due,
    dueSoon: all.filter((r) => r.keepUntil > today && r.keepUntil <= soon).length,
    anonymised: Number(anonymised.n) + Number(anonymisedPartners.n),
  };
}

/** The one record's row if it is past its date; throws a clear refusal otherwise. */
export async function dueRow(
  db: Db,
  subject: RetentionSubject,
  id: string,
  today: string,
): Promise<RetentionReviewRow | null> {
  const all = await retentionDates(db, subject === 'partner');
  return all.find((r) => r.subject === subject && r.id === id && r.keepUntil <= today) ?? null;
}
