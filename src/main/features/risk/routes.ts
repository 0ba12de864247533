import type { Handlers } from '../../ipc/context';
import { addRisk } from './service';

export const riskHandlers: Handlers<'risk.add'> = {
  'risk.add': (ctx, input) => addRisk(ctx, input),
};
