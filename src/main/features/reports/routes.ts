import type { Handlers } from '../../ipc/context';
import {
  choosePlace,
  createReport,
  generateReport,
  getReport,
  listReports,
  markSent,
  regenerateReport,
  signOffReport,
  updateReport,
} from './service';
import { listWordings, saveWording } from './wording';

export const reportHandlers: Handlers<
  | 'reports.list'
  | 'reports.get'
  | 'reports.create'
  | 'reports.update'
  | 'reports.signOff'
  | 'reports.choosePlace'
  | 'reports.generate'
  | 'reports.regenerate'
  | 'reports.markSent'
  | 'reports.wording'
  | 'reports.saveWording'
> = {
  'reports.list': (ctx, input) => listReports(ctx, input),
  'reports.get': (ctx, input) => getReport(ctx, input),
  'reports.create': (ctx, input) => createReport(ctx, input),
  'reports.update': (ctx, input) => updateReport(ctx, input),
  'reports.signOff': (ctx, input) => signOffReport(ctx, input),
  'reports.choosePlace': (ctx, input) => choosePlace(ctx, input),
  'reports.generate': (ctx, input) => generateReport(ctx, input),
  'reports.regenerate': (ctx, input) => regenerateReport(ctx, input),
  'reports.markSent': (ctx, input) => markSent(ctx, input),
  'reports.wording': (ctx, input) => listWordings(ctx.db, input.type),
  'reports.saveWording': (ctx, input) => saveWording(ctx, input),
};
