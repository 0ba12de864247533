import type { Handlers } from '../../ipc/context';
import { exportFigures, exportParticipants, exportTasks, exportWaitingList } from './service';

type Routes = 'exports.participants' | 'exports.waitingList' | 'exports.tasks' | 'exports.figures';

/** An export is a disclosure: each is audited with its filters' names and the number of rows (never the rows). */
export const exportHandlers: Handlers<Routes> = {
  'exports.participants': async (ctx, input) => {
    const file = await exportParticipants(ctx, input);
    ctx.audit({
      action: 'exports.participants',
      subjectType: 'participants',
      detail: { rows: file.rows, filters: Object.keys(input).filter((k) => k !== 'sort' && k !== 'direction') },
    });
    return file;
  },
  'exports.waitingList': async (ctx) => {
    const file = await exportWaitingList(ctx);
    ctx.audit({ action: 'exports.waitingList', subjectType: 'participants', detail: { rows: file.rows } });
    return file;
  },
  'exports.tasks': async (ctx, input) => {
    const file = await exportTasks(ctx, input);
    ctx.audit({
      action: 'exports.tasks',
      subjectType: 'tasks',
      detail: { rows: file.rows, scope: input.scope, status: input.status },
    });
    return file;
  },
  'exports.figures': async (ctx, input) => {
    const file = await exportFigures(ctx, input);
    ctx.audit({
      action: 'exports.figures',
      subjectType: 'figures',
      detail: { rows: file.rows, from: input.from, to: input.to },
    });
    return file;
  },
};
