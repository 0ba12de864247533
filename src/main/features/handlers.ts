import type { Handlers } from '../ipc/router';
import { assessmentHandlers } from './assessments/routes';
import { auditHandlers } from './audit/routes';
import { authHandlers } from './auth/routes';
import { consentHandlers } from './consents/routes';
import { noteHandlers } from './notes/routes';
import { draftHandlers } from './drafts/routes';
import { participantHandlers } from './participants/routes';
import { riskHandlers } from './risk/routes';
import { settingsHandlers } from './settings/routes';
import { backupHandlers } from './backups/routes';
import { updateHandlers } from './updates/routes';
import { staffHandlers } from './staff/routes';
import { taskHandlers } from './tasks/routes';
import { programmeHandlers } from './programmes/routes';
import { groupHandlers } from './groups/routes';
import { planHandlers } from './plans/routes';
import { registerHandlers } from './registers/routes';
import { partnerHandlers } from './partners/routes';
import { safeguardingHandlers } from './safeguarding/routes';
import { reportHandlers } from './reports/routes';
import { logoHandlers } from './settings/logo';
import { exportHandlers } from './exports/routes';
import { retentionHandlers } from './retention/routes';
import { subjectAccessHandlers } from './subject-access/routes';
import { importHandlers } from './imports/routes';
import { outcomeHandlers } from './outcomes/routes';

/** Every route's handler. The type makes a route in api.ts without a handler a compile error. */
export const handlers: Handlers = {
  ...authHandlers,
  ...staffHandlers,
  ...settingsHandlers,
  ...backupHandlers,
  ...updateHandlers,
  ...auditHandlers,
  ...participantHandlers,
  ...assessmentHandlers,
  ...riskHandlers,
  ...consentHandlers,
  ...noteHandlers,
  ...draftHandlers,
  ...taskHandlers,
  ...programmeHandlers,
  ...groupHandlers,
  ...planHandlers,
  ...registerHandlers,
  ...partnerHandlers,
  ...safeguardingHandlers,
  ...reportHandlers,
  ...logoHandlers,
  ...exportHandlers,
  ...retentionHandlers,
  ...subjectAccessHandlers,
  ...importHandlers,
  ...outcomeHandlers,
};
