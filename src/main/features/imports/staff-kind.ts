/**
 * Importing staff accounts: each row through staff.create's own schema and the same
 * insert, each new account with a temporary password that must be changed at first
 * log-in, shown once in the import's answer. Only administrators import staff (as only
 * they add staff by hand). Nobody gets partner access from an import: giving the
 * partner key is a manager's own step on the Staff page (staff.grantPartnerAccess).
 */
import { nowIso } from '../../clock';
import type { z } from 'zod';
import { importKindPermission } from '../../../shared/features/imports';
import { staffCreateInput, staffGenderLabels, staffGenders } from '../../../shared/features/staff';
import { can, roleLabels, roles } from '../../../shared/permissions';
import { foldForSearch } from '../../../shared/text';
import { temporaryPassword } from '../../vault/temporary-password';
import { insertStaff } from '../staff/service';
import type { FieldProblem, KindRules } from './kinds';
import { readChoice, readText } from './values';

interface StaffLookups {
  usernames: Set<string>;
  names: Map<string, string>;
  seenUsernames: Map<string, number>;
  seenNames: Map<string, number>;
}

interface SavedStaff {
  id: string;
  username: string;
  fullName: string;
}

const roleExtras: Record<string, (typeof roles)[number]> = {
  admin: 'admin',
  administrator: 'admin',
  'system administrator': 'admin',
  'team manager': 'manager',
  'service manager': 'manager',
  'group facilitator': 'facilitator',
  'group worker': 'facilitator',
  'partner worker': 'partner_worker',
  'partner support': 'partner_worker',
  'partner support worker': 'partner_worker',
  'women s worker': 'partner_worker',
  'womens worker': 'partner_worker',
};
const genderExtras: Record<string, (typeof staffGenders)[number]> = {
  female: 'woman',
  f: 'woman',
  male: 'man',
  m: 'man',
  'non binary': 'non_binary',
  nonbinary: 'non_binary',
};

const staffField = (path: string) => path.split('.').pop() ?? '';

export const staffKind: KindRules = {
  raisesTasks: false,
  allowed: (ctx) =>
    can(ctx.user.role, importKindPermission.staff) ? null : 'Only administrators add staff accounts, so only they can import staff. Ask your administrator.',
  async load(ctx) {
    const rows = await ctx.db.selectFrom('staff').select(['username', 'full_name', 'active']).execute();
    return {
      // Deactivated accounts keep their user names (the audit log names them).
      usernames: new Set(rows.map((r) => r.username.toLowerCase())),
      names: new Map(rows.filter((r) => r.active === 1).map((r) => [foldForSearch(r.full_name), r.username])),
      seenUsernames: new Map(),
      seenNames: new Map(),
    } satisfies StaffLookups;
  },
  checkRow(cells, raw, rowNumber) {
    const l = raw as StaffLookups;
    const problems: FieldProblem[] = [];
    const text = (k: string) => readText(cells[k] ?? null);
    const role = readChoice(cells.role ?? null, roles, roleLabels, roleExtras);
    if (role === null) problems.push({ field: 'role', message: `Not one of the roles. Use one of: ${roles.map((r) => roleLabels[r]).join('; ')}` });
    const gender = readChoice(cells.gender ?? null, staffGenders, staffGenderLabels, genderExtras);
    if (gender === null) problems.push({ field: 'gender', message: `Use one of: ${staffGenders.map((g) => staffGenderLabels[g]).join('; ')}, or leave it empty` });
    const input = { fullName: text('fullName'), username: text('username'), jobTitle: text('jobTitle'), role: role || undefined, gender: gender || null };
    const parsed = staffCreateInput.safeParse(input);
    const reported = new Set(problems.map((p) => p.field));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = staffField(issue.path.map(String).join('.'));
        if (!reported.has(field)) problems.push({ field, message: issue.message });
      }
    }
    const username = parsed.success ? parsed.data.username : input.username.toLowerCase();
    if (username) {
      if (l.usernames.has(username)) problems.push({ field: 'username', message: 'This user name is already taken by an account on record. Choose another, or remove the row if the account exists' });
      else if (l.seenUsernames.has(username)) problems.push({ field: 'username', message: `The same user name is on row ${l.seenUsernames.get(username)}. Each person needs their own` });
      else l.seenUsernames.set(username, rowNumber);
    }
    const name = foldForSearch(input.fullName);
    if (name) {
      const existing = l.names.get(name);
      if (existing) problems.push({ field: 'fullName', message: `Someone with this name already has an account (user name ${existing}). Remove the row if it is the same person` });
      else if (l.seenNames.has(name)) problems.push({ field: 'fullName', message: `The same name is on row ${l.seenNames.get(name)}. Keep one row per person` });
      else l.seenNames.set(name, rowNumber);
    }
    const shown = {
      fullName: input.fullName,
      username,
      role: role ? roleLabels[role] : '',
      jobTitle: input.jobTitle,
      gender: gender ? staffGenderLabels[gender] : '',
    };
    return { input: parsed.success ? parsed.data : null, problems, shown };
  },
  async save(ctx, input) {
    const values = input as z.output<typeof staffCreateInput>;
    const row = await insertStaff(ctx.db, { ...values, mustChangePassword: true }, nowIso(ctx));
    ctx.audit({ action: 'staff.create', subjectType: 'staff', subjectId: row.id, detail: { fields: ['fullName', 'username', 'jobTitle', 'role'] } });
    return { id: row.id, username: row.username, fullName: row.full_name } satisfies SavedStaff;
  },
  async finish(ctx, saved) {
    // The keyring is written last, after every row is in the database (as staff.create does):
    // each account's password opens the database only once the import has committed.
    const temporaryPasswords: Array<{ fullName: string; username: string; temporaryPassword: string }> = [];
    for (const person of saved as SavedStaff[]) {
      const password = temporaryPassword();
      await ctx.backend.vault.setPassword(person.id, person.username, password, ctx.backend.opened!.key);
      temporaryPasswords.push({ fullName: person.fullName, username: person.username, temporaryPassword: password });
    }
    return { temporaryPasswords };
  },
};
