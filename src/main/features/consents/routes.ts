import type { Handlers } from '../../ipc/context';
import { addConsent, updateConsent, withdrawConsent } from './service';

export const consentHandlers: Handlers<'consents.add' | 'consents.update' | 'consents.withdraw'> = {
  'consents.add': (ctx, input) => addConsent(ctx, input),
  'consents.update': (ctx, input) => updateConsent(ctx, input),
  'consents.withdraw': (ctx, input) => withdrawConsent(ctx, input),
};
