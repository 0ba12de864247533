import type { Handlers } from '../../ipc/context';
import { nowIso } from '../../clock';
import { AppError } from '../../app-error';
import { holdsPartnerKey } from '../../vault/partner-key';
import { temporaryPassword } from '../../vault/temporary-password';
import { grantPartnerKey, hasPartnerAccess, revokePartnerKey } from '../partners/partner-side';
import {
  assertAnotherAdmin,
  assertUsernameFree,
  getStaffRow,
  insertStaff,
  listStaff,
  toStaffMember,
} from './service';
import type { Role } from '../../../shared/permissions';

type StaffRoutes =
  | 'staff.directory'
  | 'staff.list'
  | 'staff.create'
  | 'staff.update'
  | 'staff.resetPassword'
  | 'staff.deactivate'
  | 'staff.reactivate'
  | 'staff.grantPartnerAccess';

export const staffHandlers: Handlers<StaffRoutes> = {
  'staff.list': async (ctx) => {
    // Whether each person holds the partner key, so the staff page says who already has partner access.
    const keyring = ctx.backend.vault.read();
    return (await listStaff(ctx.db)).map((m) => ({ ...m, partnerAccess: holdsPartnerKey(keyring, m.id) }));
  },

  'staff.directory': async (ctx) => {
    const rows = await ctx.db.selectFrom('staff').select(['id', 'full_name', 'role']).where('active', '=', 1).orderBy('full_name').execute();
    return rows.map((r) => ({ id: r.id, fullName: r.full_name, role: r.role as Role }));
  },

  'staff.create': async (ctx, input) => {
    const row = await insertStaff(ctx.db, { ...input, mustChangePassword: true }, nowIso(ctx));
    const password = temporaryPassword();
    // The keyring is written last, after every database check has passed.
    await ctx.backend.vault.setPassword(row.id, row.username, password, ctx.backend.opened!.key);
    ctx.audit({
      action: 'staff.create',
      subjectType: 'staff',
      subjectId: row.id,
      detail: { fields: ['fullName', 'username', 'jobTitle', 'role'] },
    });
    return { staff: toStaffMember(row), temporaryPassword: password };
  },

  'staff.update': async (ctx, input) => {
    const before = await getStaffRow(ctx.db, input.id);
    await assertUsernameFree(ctx.db, input.username, input.id);
    if (before.role === 'admin' && input.role !== 'admin' && before.active === 1) {
      await assertAnotherAdmin(ctx.db, input.id, 'This is the only active administrator. Make someone else an administrator first.');
    }
    const changes = {
      full_name: input.fullName,
      username: input.username,
      job_title: input.jobTitle || null,
      role: input.role,
      gender: input.gender,
    };
    const fields = (Object.keys(changes) as Array<keyof typeof changes>).filter((k) => before[k] !== changes[k]);
    await ctx.db
      .updateTable('staff')
      .set({ ...changes, updated_at: nowIso(ctx) })
      .where('id', '=', input.id)
      .execute();
    if (before.username !== input.username && before.active === 1) {
      await ctx.backend.vault.renameUser(input.id, input.username);
    }
    // Moved out of a partner role: their partner key goes now, and the key is changed at the next holder's log-in.
    if (hasPartnerAccess(before.role) && !hasPartnerAccess(input.role)) revokePartnerKey(ctx.backend, input.id);
    ctx.audit({ action: 'staff.update', subjectType: 'staff', subjectId: input.id, detail: { fields } });
    if (ctx.user.staffId === input.id) {
      ctx.backend.session = { ...ctx.user, fullName: input.fullName, username: input.username, role: input.role };
    }
    return toStaffMember(await getStaffRow(ctx.db, input.id));
  },

  'staff.resetPassword': async (ctx, input) => {
    const row = await getStaffRow(ctx.db, input.id);
    if (row.active !== 1) throw new AppError('CONFLICT', 'This account is deactivated. Reactivate it instead.');
    if (row.id === ctx.user.staffId) {
      throw new AppError('CONFLICT', 'To change your own password, use "Change my password".');
    }
    await ctx.db
      .updateTable('staff')
      .set({ must_change_password: 1, updated_at: nowIso(ctx) })
      .where('id', '=', row.id)
      .execute();
    const password = temporaryPassword();
    await ctx.backend.vault.setPassword(row.id, row.username, password, ctx.backend.opened!.key);
    ctx.audit({ action: 'staff.resetPassword', subjectType: 'staff', subjectId: row.id, detail: { fields: ['password'] } });
    return { staff: toStaffMember({ ...row, must_change_password: 1 }), temporaryPassword: password };
  },

  'staff.deactivate': async (ctx, input) => {
    const row = await getStaffRow(ctx.db, input.id);
    if (row.id === ctx.user.staffId) throw new AppError('CONFLICT', 'You cannot deactivate your own account.');
    if (row.active !== 1) throw new AppError('CONFLICT', 'This account is already deactivated.');
    if (row.role === 'admin') {
      await assertAnotherAdmin(ctx.db, row.id, 'This is the only active administrator and cannot be deactivated.');
    }
    const now = nowIso(ctx);
    await ctx.db
      .updateTable('staff')
      .set({ active: 0, deactivated_at: now, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    ctx.audit({ action: 'staff.deactivate', subjectType: 'staff', subjectId: row.id, detail: { fields: ['active'] } });
    // Re-keying cannot run inside a transaction: it runs once the deactivation has committed.
    // Until it finishes, the log-in check on `active` already keeps the person out.
    // Their partner key goes with their entry; the partner key itself is changed at the next holder's log-in.
    revokePartnerKey(ctx.backend, row.id);
    ctx.afterCommit(() => rekeyWithout(ctx.backend, row.id));
    return toStaffMember({ ...row, active: 0, deactivated_at: now });
  },

  'staff.grantPartnerAccess': async (ctx, input) => {
    const row = await getStaffRow(ctx.db, input.id);
    grantPartnerKey(ctx.backend, row);
    ctx.audit({ action: 'staff.grantPartnerAccess', subjectType: 'staff', subjectId: row.id, detail: { fields: ['partnerKey'] } });
    return toStaffMember(row);
  },

  'staff.reactivate': async (ctx, input) => {
    const row = await getStaffRow(ctx.db, input.id);
    if (row.active === 1) throw new AppError('CONFLICT', 'This account is already active.');
    await assertUsernameFree(ctx.db, row.username, row.id);
    await ctx.db
      .updateTable('staff')
      .set({ active: 1, deactivated_at: null, must_change_password: 1, updated_at: nowIso(ctx) })
      .where('id', '=', row.id)
      .execute();
    const password = temporaryPassword();
    await ctx.backend.vault.setPassword(row.id, row.username, password, ctx.backend.opened!.key);
    ctx.audit({ action: 'staff.reactivate', subjectType: 'staff', subjectId: row.id, detail: { fields: ['active', 'password'] } });
    return { staff: toStaffMember({ ...row, active: 1, must_change_password: 1, deactivated_at: null }), temporaryPassword: password };
  },
};

/** Removes a person's key and changes the database key, so the key they held no longer opens the file. */
export async function rekeyWithout(backend: import('../../backend').Backend, staffId: string): Promise<void> {
  const opened = backend.opened;
  if (!opened) throw new AppError('LOCKED', 'The program is locked. Please log in again.');
  const newKey = await backend.vault.removeAndRekey(staffId, async (key) => {
    // On the one connection, in its turn (no transaction may be open across a rekey).
    await opened.db.connection().execute(() => opened.raw.rekey(key));
  });
  opened.key.fill(0);
  opened.key = newKey;
  await backend.recordAudit({
    actorId: backend.session?.staffId ?? null,
    actorRole: backend.session?.role ?? null,
    action: 'vault.rekey',
    subjectType: 'staff',
    subjectId: staffId,
    detail: { reason: 'staff deactivated' },
  });
}
