import type { Handlers } from '../ipc/router';
import { auditHandlers } from './audit/routes';
import { authHandlers } from './auth/routes';
import { settingsHandlers } from './settings/routes';
import { staffHandlers } from './staff/routes';

/** Every route's handler. The type makes a route in api.ts without a handler a compile error. */
export const handlers: Handlers = {
  ...authHandlers,
  ...staffHandlers,
  ...settingsHandlers,
  ...auditHandlers,
};
