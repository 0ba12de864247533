import { randomUUID } from 'node:crypto';
import type { StaffMember } from '../../../shared/features/staff';
import type { Role } from '../../../shared/permissions';
import { AppError, invalidField, notFound } from '../../app-error';
import type { StaffTable } from '../../db/schema';
import type { Db } from '../../ipc/context';

export function toStaffMember(row: StaffTable): StaffMember {
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    jobTitle: row.job_title ?? '',
    role: row.role as Role,
    gender: (row.gender as StaffMember['gender']) ?? null,
    active: row.active === 1,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
    deactivatedAt: row.deactivated_at,
  };
}

export async function getStaffRow(db: Db, id: string): Promise<StaffTable> {
  const row = await db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That member of staff');
  return row;
}

export async function listStaff(db: Db): Promise<StaffMember[]> {
  const rows = await db.selectFrom('staff').selectAll().orderBy('active', 'desc').orderBy('full_name').execute();
  return rows.map(toStaffMember);
}

export async function assertUsernameFree(db: Db, username: string, exceptId?: string): Promise<void> {
  let query = db.selectFrom('staff').select('id').where('username', '=', username);
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) {
    throw invalidField('username', 'That user name is already taken. Choose another.');
  }
}

export async function insertStaff(
  db: Db,
  values: { fullName: string; username: string; jobTitle: string; role: Role; mustChangePassword: boolean; gender?: string | null },
  /** the back end's clock (nowIso(ctx)): stamps created_at and updated_at */
  now: string,
): Promise<StaffTable> {
  await assertUsernameFree(db, values.username);
  const row: StaffTable = {
    id: randomUUID(),
    username: values.username,
    full_name: values.fullName,
    job_title: values.jobTitle || null,
    role: values.role,
    active: 1,
    must_change_password: values.mustChangePassword ? 1 : 0,
    created_at: now,
    updated_at: now,
    last_login_at: null,
    deactivated_at: null,
    gender: values.gender ?? null,
  };
  await db.insertInto('staff').values(row).execute();
  return row;
}

/** An organisation must always keep at least one active administrator, or nobody could manage accounts. */
export async function assertAnotherAdmin(db: Db, staffId: string, message: string): Promise<void> {
  const others = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .where('id', '!=', staffId)
    .executeTakeFirstOrThrow();
  if (Number(others.n) === 0) throw new AppError('CONFLICT', message);
}
