/**
 * Who may call each route, written out by hand from DESIGN.md section 4 ("Roles",
 * "The partner wall") and the README, never read from `can()` or the matrix: a wrong
 * entry in src/shared/permissions.ts, or a route in api.ts pointed at the wrong
 * permission, now fails here. Every route is listed (a new route fails until it is
 * added) and the real router is asked as every role, the administrator included.
 *
 *   A administrator: staff accounts, backups, settings, updates, the audit log; never case records
 *   M manager: all case records (both sides of the partner wall), reports, sign-off, audit, data protection
 *   F facilitator: participants, groups, session plans, registers; draft reports; not the partner side
 *   P partner support worker: the partner service, the men's records they need to find her, no reports
 *
 *   'public': callable before log-in (set-up, log-in, restore on a new computer)
 *   'session': anyone logged in (their own tasks, drafts, settings they see, the staff directory)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { api, type RouteName } from '../../../src/shared/api';
import { can, roleDescriptions, roleLabels, roles } from '../../../src/shared/permissions';
import { ADMIN, addStaff, call, setUpAndLogIn, switchTo, tempDir } from '../helpers';
import { sample } from './sample-input';

type Who = 'public' | 'session' | string; // a string of role letters: A M F P

const expected: Record<RouteName, Who> = {
  // log-in and the vault
  'auth.status': 'public',
  'auth.setup': 'public',
  'auth.login': 'public',
  'auth.recover': 'public',
  'auth.logout': 'session',
  'auth.lock': 'session',
  'auth.touch': 'session',
  'auth.changePassword': 'session',
  'auth.replaceRecoveryKey': 'A',
  // Giving someone the partner key takes a manager who holds it: never an administrator alone (issue 13).
  'staff.grantPartnerAccess': 'M',
  // staff accounts: administrators; managers see who is on the team
  'staff.list': 'AM',
  'staff.create': 'A',
  'staff.update': 'A',
  'staff.resetPassword': 'A',
  'staff.deactivate': 'A',
  'staff.reactivate': 'A',
  'staff.directory': 'session',
  // settings
  'settings.get': 'session',
  'settings.update': 'A',
  'settings.setLogo': 'A',
  // backups and updates: administrators only; restore is also offered before anyone is set up
  'backups.status': 'A',
  'backups.setPassphrase': 'A',
  'backups.updateSettings': 'A',
  'backups.pickFolder': 'A',
  'backups.start': 'A',
  'backups.checkDatabase': 'A',
  'backups.targets': 'public',
  'backups.pickFile': 'public',
  'backups.list': 'public',
  'backups.inspect': 'public',
  'backups.restore': 'public',
  'backups.cancelRestore': 'public',
  'backups.job': 'public',
  'updates.status': 'A',
  'updates.check': 'A',
  'updates.start': 'A',
  // the audit log: managers view, filter and verify it; administrators too (README "Audit log")
  'audit.list': 'AM',
  'audit.verify': 'AM',
  'audit.export': 'AM',
  // his case record: people doing the work; administrators run the system, not cases
  'participants.findDuplicates': 'MF',
  'participants.create': 'MF',
  'participants.list': 'MFP',
  'participants.search': 'MFP',
  'participants.waitingList': 'MFP',
  'participants.get': 'MFP',
  'participants.updateDetails': 'MF',
  'participants.setStatus': 'MF',
  'participants.restrict': 'M',
  'referrals.add': 'MF',
  'referrals.update': 'MF',
  'assessments.save': 'MF',
  'risk.add': 'MF',
  'consents.add': 'MF',
  'consents.update': 'MF',
  'consents.withdraw': 'MF',
  // his case notes: not for the partner side; earlier versions for managers
  'notes.list': 'MF',
  'notes.add': 'MF',
  'notes.update': 'MF',
  'notes.history': 'M',
  'drafts.get': 'session',
  'drafts.save': 'session',
  'drafts.discard': 'session',
  'goals.add': 'MF',
  'goals.update': 'MF',
  'tasks.list': 'session',
  'tasks.add': 'session',
  'tasks.complete': 'session',
  'tasks.reopen': 'session',
  // programmes, curriculum and groups: facilitators see them, managers set them up
  'programmes.list': 'MF',
  'programmes.save': 'M',
  'programmes.attendanceRules': 'MF',
  'programmes.setAttendanceRules': 'M',
  'curriculum.list': 'MF',
  'curriculum.saveTheme': 'M',
  'curriculum.saveTemplate': 'M',
  'curriculum.reorderThemes': 'M',
  'curriculum.reorderTemplates': 'M',
  'closures.list': 'MF',
  'closures.add': 'M',
  'closures.remove': 'M',
  'groups.list': 'MF',
  'groups.get': 'MF',
  'groups.create': 'M',
  'groups.update': 'M',
  'groups.enrol': 'M',
  'enrolments.move': 'M',
  'enrolments.leave': 'M',
  'enrolments.forParticipant': 'MFP',
  // sessions, plans and registers: facilitators run them
  'sessions.calendar': 'MF',
  'sessions.withoutReadyPlan': 'MF',
  'sessions.reschedule': 'MF',
  'sessions.cancel': 'MF',
  'sessions.catchUp': 'MF',
  'sessions.changes': 'MF',
  'plans.get': 'MF',
  'plans.start': 'MF',
  'plans.save': 'MF',
  'registers.get': 'MF',
  'registers.save': 'MF',
  'registers.version': 'MF',
  'attendance.summary': 'MFP',
  // the partner wall: partner workers and managers only
  'partners.list': 'MP',
  // The partner worker's day: alerts grouped by the woman concerned.
  'partners.today': 'MP',
  'partners.search': 'MP',
  'partners.forParticipant': 'MP',
  'partners.get': 'MP',
  'partners.create': 'MP',
  'partners.update': 'MP',
  'partners.link': 'MP',
  'partners.updateLink': 'MP',
  // only the partner worker judges what of hers is safe to go in his reports
  'partners.shareContact': 'P',
  'partners.unshareContact': 'P',
  'partners.checklistForms': 'MP',
  // the organisation's licensed wording of the checklist is a manager's decision
  'partners.saveChecklistWording': 'M',
  'partners.logContact': 'MP',
  'partners.saveChecklist': 'MP',
  'partners.saveSafetyPlan': 'MP',
  'partners.saveReferral': 'MP',
  // the programme side tells the partner service of a new partner without seeing her record
  'participants.newPartnerDisclosed': 'MF',
  // safeguarding: either side raises concerns and records disclosures
  'safeguarding.list': 'MFP',
  // The sample input is about him (participantId): a partner worker sees that a concern about him
  // exists but never raises, changes or logs sharing on his side (issue 13's review); her own side's
  // concerns are hers (tests/main/safeguarding/sides.test.ts).
  'safeguarding.raise': 'MF',
  'safeguarding.update': 'MFP',
  'sharing.list': 'MFP',
  'sharing.record': 'MF',
  'safeguarding.childFlags': 'MFP',
  // the organisation-wide sharing log: the data protection lead, a manager
  'sharing.log': 'M',
  'sharing.exportLog': 'M',
  // CSV exports: personal data leaving the database, managers only; funders' figures are a manager's
  'exports.participants': 'M',
  'exports.waitingList': 'M',
  'exports.tasks': 'M',
  'exports.figures': 'M',
  // retention: the policy is a setting (administrators too); decisions on records are a manager's
  'retention.policy': 'AM',
  'retention.setPolicy': 'AM',
  'retention.review': 'M',
  'retention.extend': 'M',
  'retention.anonymise': 'M',
  'retention.delete': 'M',
  // subject access: managers
  'subjectAccess.list': 'M',
  'subjectAccess.log': 'M',
  'subjectAccess.review': 'M',
  'subjectAccess.produce': 'M',
  // reports: facilitators draft and print, managers sign off; partner workers have none
  'reports.list': 'MF',
  'reports.get': 'MF',
  'reports.create': 'MF',
  'reports.update': 'MF',
  'reports.signOff': 'M',
  'reports.choosePlace': 'MF',
  'reports.generate': 'MF',
  'reports.regenerate': 'MF',
  // Recording that a produced report was sent (the date and how): whoever may produce it.
  'reports.markSent': 'MF',
  // The organisation's standard wording of reports: managers only.
  'reports.wording': 'M',
  'reports.saveWording': 'M',
  // Importing records from a spreadsheet: managers only (an administrator runs the system, not the
  // cases; a partner spreadsheet needs partner access too, which the service checks).
  'imports.check': 'AM',
  'imports.run': 'AM',
  'imports.progress': 'AM',
  'imports.saveMapping': 'AM',
  'imports.template': 'AM',
  // outcome measures (issue 18): his side for the people who work with him, hers behind the wall, the page a manager's
  'outcomes.overview': 'MF',
  'outcomes.record': 'MF',
  'outcomes.partnerOverview': 'MP',
  'outcomes.recordPartner': 'MP',
  'outcomes.summary': 'M',
  'outcomes.dashboard': 'M',
  'outcomes.followUps': 'session',
  'outcomes.setFollowUps': 'M',
  'outcomes.forms': 'session',
  'outcomes.saveWording': 'M',
  'outcomes.packCsv': 'M',
};

const NIL = '00000000-0000-4000-8000-000000000000';
/** Inputs the generic sample cannot guess (cross-field rules); every value still matches nothing real. */
const overrides: Partial<Record<RouteName, Record<string, unknown>>> = {
  'settings.update': { autoLockMinutes: 10 },
  'backups.setPassphrase': { passphrase: 'four quite random words here', confirm: 'four quite random words here' },
  'backups.inspect': { passphrase: 'not the passphrase at all' },
  'participants.create': { details: { firstName: 'Nobody', lastName: 'Atall', dateOfBirth: '1980-01-01' } },
  'participants.updateDetails': { details: { firstName: 'Nobody', lastName: 'Atall', dateOfBirth: '1980-01-01' } },
  'risk.add': { assessedOn: '2026-01-05', nextReviewOn: '2026-04-05' },
  'consents.add': { confidentialityExplained: true, givenOn: '2026-01-05', reviewOn: '2026-04-05' },
  'consents.update': { confidentialityExplained: true, givenOn: '2026-01-05', reviewOn: '2026-04-05' },
  'tasks.add': { assigneeRole: 'manager' },
  'partners.saveChecklistWording': { labels: Array.from({ length: 24 }, (_, i) => `Question ${i + 1}`) },
  'partners.saveSafetyPlan': { sections: { safe_contacts: 'Ring the office first.' } },
  'safeguarding.raise': { participantId: NIL },
  'sharing.record': { participantId: NIL, consentId: NIL },
  'retention.extend': { keepUntil: '2099-01-01' },
  'reports.create': { participantId: NIL, periodFrom: '2026-01-05', periodTo: '2026-02-05' },
  'outcomes.record': { set: 'participant', partnerId: null, point: 'baseline' },
  'outcomes.recordPartner': { set: 'partner', partnerId: NIL, point: 'baseline' },
  // his set's wording, open to every session; her set's is refused to roles outside the wall (tests/main/outcomes/wording-and-suppression.test.ts)
  'outcomes.forms': { set: 'participant' },
  'reports.saveWording': { type: 'letter_end', basedOn: 1, paragraphs: { completed: 'Well done.', exited: 'Call us.', signOff: 'Yours,' } },
};

const letter = { admin: 'A', manager: 'M', facilitator: 'F', partner_worker: 'P' } as const;
type Role = keyof typeof letter;
const allRoles = Object.keys(letter) as Role[];

function inputFor(route: RouteName): unknown {
  const base = sample(api[route].input, route) as Record<string, unknown>;
  const over = overrides[route] ?? {};
  const merged: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    merged[k] = v && typeof v === 'object' && !Array.isArray(v) && typeof base[k] === 'object' ? { ...(base[k] as object), ...v } : v;
  }
  return merged;
}

let backend: Backend;
let cleanup: () => void;
const logins: Record<Role, { username: string; password: string }> = {
  admin: { username: ADMIN.username, password: ADMIN.password },
} as Record<Role, { username: string; password: string }>;

async function loginAs(role: Role) {
  if (backend.session) await call(backend, 'auth.logout', {});
  await call(backend, 'auth.login', logins[role]);
}

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  ({ backend } = await setUpAndLogIn(t.dir));
  const ids: Partial<Record<Role, string>> = {};
  for (const role of ['manager', 'facilitator', 'partner_worker'] as const) {
    const username = role.replace('_', '');
    const created = await addStaff(backend, username, role);
    ids[role] = created.staff.id;
    const password = await switchTo(backend, username, created.temporaryPassword, 'a long enough test password');
    logins[role] = { username, password };
    await loginAs('admin');
  }
  // The partner key is given to a partner worker by a manager who holds it, never by the administrator (issue 13).
  await loginAs('manager');
  await call(backend, 'staff.grantPartnerAccess', { id: ids.partner_worker! });
}, 120_000);
afterAll(async () => {
  await backend.shutdown();
  cleanup();
});

// Routes that, when allowed, would start real work outside the database or wait on a person.
const notRunWhenAllowed = new Set<RouteName>(['backups.start', 'updates.start', 'backups.pickFolder', 'reports.choosePlace']);
// Allowed at the router to administrators and managers; the service then refuses by the kind of
// import (staff for administrators, case records for managers): tests/main/imports/staff.test.ts.
const byKindWhenAllowed = new Set<RouteName>(['imports.check', 'imports.run']);

describe('who may call each route, from the design rather than the matrix', () => {
  it('lists every route the program has, and no route it lacks', () => {
    expect(Object.keys(expected).sort()).toEqual(Object.keys(api).sort());
  });

  it('keeps the public and any-logged-in routes as the design says', () => {
    for (const route of Object.keys(expected) as RouteName[]) {
      const who = expected[route];
      if (who === 'public' || who === 'session') expect(api[route].access, route).toBe(who);
      else expect(['public', 'session'], route).not.toContain(api[route].access);
    }
  });

  it('every sample input passes its route’s validation, so the permission check decides', () => {
    for (const route of Object.keys(api) as RouteName[]) {
      if (expected[route] === 'public') continue;
      const parsed = api[route].input.safeParse(inputFor(route));
      expect(parsed.success ? 'valid' : JSON.stringify(parsed.error.issues), route).toBe('valid');
    }
  });

  for (const role of allRoles) {
    it(`the router lets ${role} call exactly the routes in the table`, async () => {
      await loginAs(role);
      const wrong: string[] = [];
      for (const route of Object.keys(expected) as RouteName[]) {
        const who = expected[route];
        if (who === 'public' || api[route].vault) continue;
        const allowed = who === 'session' || who.includes(letter[role]);
        if (allowed && (notRunWhenAllowed.has(route) || byKindWhenAllowed.has(route))) continue;
        const result = await backend.invoke(route, inputFor(route), { verified: true });
        const refused = !result.ok && result.error.code === 'FORBIDDEN';
        if (route === 'drafts.save') continue; // by the side of the wall: the draft tests below
        if (allowed === refused) wrong.push(`${route}: ${allowed ? 'refused' : 'allowed'} (${result.ok ? 'ok' : result.error.code})`);
        // a lock, log-out or restriction on the way would make every later answer meaningless
        expect(backend.session?.role, route).toBe(role);
      }
      expect(wrong, `${role}: routes the router answers differently from the table`).toEqual([]);
    }, 240_000);
  }

  // drafts.* are open to anyone logged in at the router; the draft service then refuses by the
  // side of the wall the form is on (DESIGN.md section 4, README "Nothing typed is lost").
  const draftSides: Array<[kind: 'contact-note' | 'case-note' | 'session-log', who: string]> = [
    ['contact-note', 'MP'],
    ['case-note', 'MFP'],
    ['session-log', 'MFP'],
  ];
  for (const [kind, who] of draftSides) {
    it(`keeps a ${kind} draft for ${who} only`, async () => {
      for (const role of allRoles) {
        await loginAs(role);
        const result = await backend.invoke('drafts.save', { kind, about: NIL, text: 'typed so far' }, { verified: true });
        const refused = !result.ok && result.error.code === 'FORBIDDEN';
        expect(refused, `${role} ${kind}`).toBe(!who.includes(letter[role]));
      }
    });
  }

  it('names the four roles in plain words, as the staff screens show them', () => {
    expect(roles).toEqual(['admin', 'manager', 'facilitator', 'partner_worker']);
    expect(roleLabels).toEqual({ admin: 'Administrator', manager: 'Manager', facilitator: 'Facilitator', partner_worker: 'Partner support worker' });
    expect(roleDescriptions).toEqual({
      admin: 'Staff accounts, backups and settings',
      manager: 'All case records, reports and the audit log',
      facilitator: 'Participants, groups, session plans and registers',
      partner_worker: 'The partner support service',
    });
    // nobody (a locked window) is allowed nothing
    expect(can(null, 'participants.view')).toBe(false);
    expect(can(undefined, 'staff.view')).toBe(false);
  });

  it('records each refusal in the audit log against the role that tried', async () => {
    await loginAs('facilitator');
    const result = await backend.invoke('partners.list', inputFor('partners.list'), { verified: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await loginAs('manager');
    const page = await call(backend, 'audit.list', { action: 'partners.list', outcome: 'refused' });
    expect(page.entries.some((e) => e.actorRole === 'facilitator')).toBe(true);
  });
});
