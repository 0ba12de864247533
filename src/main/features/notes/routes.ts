import type { Handlers } from '../../ipc/context';
import { addGoal, addNote, listNotes, noteHistory, updateGoal, updateNote } from './service';

export const noteHandlers: Handlers<'notes.list' | 'notes.add' | 'notes.update' | 'notes.history' | 'goals.add' | 'goals.update'> = {
  'notes.list': (ctx, input) => listNotes(ctx, input),
  'notes.add': (ctx, input) => addNote(ctx, input),
  'notes.update': (ctx, input) => updateNote(ctx, input),
  'notes.history': (ctx, input) => noteHistory(ctx, input),
  'goals.add': (ctx, input) => addGoal(ctx, input),
  'goals.update': (ctx, input) => updateGoal(ctx, input),
};
