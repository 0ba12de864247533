import { z } from 'zod';
import type { Role } from '../permissions';
import { fullNameSchema, roleSchema, usernameSchema } from './auth';

/** Asked only because groups are commonly run by one man and one woman; optional. */
export const staffGenders = ['woman', 'man', 'non_binary'] as const;
export type StaffGender = (typeof staffGenders)[number];
export const staffGenderLabels: Record<StaffGender, string> = { woman: 'Woman', man: 'Man', non_binary: 'Non-binary' };

export interface StaffMember {
  id: string;
  gender: StaffGender | null;
  username: string;
  fullName: string;
  jobTitle: string;
  role: Role;
  active: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastLoginAt: string | null;
  deactivatedAt: string | null;
  /** whether the partner key is sealed to them now, so they can open the partner side (given by `staff.list` only) */
  partnerAccess?: boolean;
}

const jobTitle = z.string().trim().max(80, 'Job title is too long').default('');
const gender = z.enum(staffGenders).nullable().default(null);

export const staffCreateInput = z.object({
  fullName: fullNameSchema,
  username: usernameSchema,
  jobTitle,
  role: roleSchema,
  gender,
});

export const staffUpdateInput = z.object({
  id: z.uuid('Choose a member of staff'),
  fullName: fullNameSchema,
  username: usernameSchema,
  jobTitle,
  role: roleSchema,
  gender,
});

export const staffIdInput = z.object({ id: z.uuid('Choose a member of staff') });

export interface TemporaryPassword {
  staff: StaffMember;
  /** shown once to the administrator, who passes it on; must be changed at first log-in */
  temporaryPassword: string;
}

/** Who is on the staff, for choosing a key worker, an assessor or whom a task is for. */
export interface StaffDirectoryEntry {
  id: string;
  fullName: string;
  role: Role;
}
