import type { Handlers } from '../../ipc/context';
import { addTask, completeTask, listTasks, reopenTask } from './service';

export const taskHandlers: Handlers<'tasks.list' | 'tasks.add' | 'tasks.complete' | 'tasks.reopen'> = {
  'tasks.list': (ctx, input) => listTasks(ctx, input),
  'tasks.add': (ctx, input) => addTask(ctx, input),
  'tasks.complete': (ctx, input) => completeTask(ctx, input),
  'tasks.reopen': (ctx, input) => reopenTask(ctx, input),
};
