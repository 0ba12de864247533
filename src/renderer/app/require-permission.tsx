import type { ReactNode } from 'react';
import { can, type Permission } from '../../shared/permissions';
import { useSession } from './auth-context';
import { NotAllowedPage } from './not-allowed-page';

/** Shows the page only to roles that have the permission. The back end refuses the calls anyway; this keeps the screen honest. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const session = useSession();
  return can(session.role, permission) ? children : <NotAllowedPage permission={permission} />;
}
