import type { Handlers } from '../../ipc/context';
import { saveAssessment } from './service';

export const assessmentHandlers: Handlers<'assessments.save'> = {
  'assessments.save': (ctx, input) => saveAssessment(ctx, input),
};
