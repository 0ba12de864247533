import { z } from 'zod';
import { roles, type Role } from '../permissions';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'User name must be at least 3 characters')
  .max(40, 'User name must be at most 40 characters')
  .regex(/^[a-z0-9._-]+$/, 'User name may use only letters, numbers, dots, dashes and underscores');

export const passwordSchema = z
  .string()
  .min(10, 'Password must be at least 10 characters (three random words work well)')
  .max(200, 'Password must be at most 200 characters');

export const fullNameSchema = z.string().trim().min(1, 'Enter the full name').max(120, 'Name is too long');

export const organisationSchema = z.object({
  name: z.string().trim().min(2, 'Enter the organisation name').max(120, 'Name is too long'),
  shortName: z
    .string()
    .trim()
    .min(2, 'Enter a short name (used in backup file names)')
    .max(20, 'Short name must be at most 20 characters')
    .regex(/^[A-Za-z0-9-]+$/, 'Short name may use only letters, numbers and dashes'),
  address: z.string().trim().min(5, 'Enter the address').max(400, 'Address is too long'),
  charityNumber: z.string().trim().max(20, 'Charity number is too long').default(''),
  phone: z.string().trim().max(40, 'Phone number is too long').default(''),
});
export type Organisation = z.infer<typeof organisationSchema>;

/**
 * A password that contains the user name is refused (issue 16, item 8): anyone who knows who
 * uses the computer knows that much of it. Compared without regard to case; a user name of one
 * or two characters is too short to be worth refusing inside a longer password.
 */
export function passwordHasUsername(password: string, username: string): boolean {
  const p = password.toLowerCase();
  const u = username.trim().toLowerCase();
  if (!u) return false;
  return u.length >= 3 ? p.includes(u) : p.trim() === u;
}
export const PASSWORD_HAS_USERNAME = 'Password must not contain the user name';
const notUsername = (v: { username: string; password: string }) => !passwordHasUsername(v.password, v.username);

export const setupInput = z.object({
  organisation: organisationSchema,
  admin: z
    .object({ fullName: fullNameSchema, username: usernameSchema, password: passwordSchema })
    .refine(notUsername, { message: PASSWORD_HAS_USERNAME, path: ['password'] }),
});
export type SetupInput = z.input<typeof setupInput>;

export const loginInput = z.object({
  username: z.string().trim().min(1, 'Enter your user name').max(200),
  password: z.string().min(1, 'Enter your password').max(200),
});

export const recoverInput = z
  .object({
    recoveryKey: z.string().trim().min(1, 'Enter the recovery key').max(200),
    username: usernameSchema,
    fullName: z.string().trim().max(120).optional(),
    newPassword: passwordSchema,
  })
  .refine((v) => !passwordHasUsername(v.newPassword, v.username), {
    message: PASSWORD_HAS_USERNAME,
    path: ['newPassword'],
  });

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(200),
    newPassword: passwordSchema,
  })
  .refine((v) => v.currentPassword !== v.newPassword, {
    message: 'The new password must be different from the current one',
    path: ['newPassword'],
  });

export interface SessionInfo {
  staffId: string;
  username: string;
  fullName: string;
  role: Role;
  mustChangePassword: boolean;
  autoLockMinutes: number;
  organisationName: string;
  /** for an administrator: newest audit entries found missing (or the audit anchor lost) at a log-in; shown once */
  auditWarning?: string | null;
}

export type VaultState =
  | { state: 'needs-setup' }
  /**
   * `engine`: the program's own database engine cannot load on this computer (the records are
   * untouched, and a restore cannot help); otherwise the data folder's files cannot be opened.
   */
  | { state: 'problem'; message: string; cause?: 'engine' | 'files' }
  | {
      state: 'locked';
      lockedUser: { username: string; fullName: string } | null;
      /** shown on the log-in screen; kept outside the encrypted database (organisation.json), null when not known */
      organisationName: string | null;
    }
  | { state: 'unlocked'; session: SessionInfo };

export const roleSchema = z.enum(roles, 'Choose a role');
