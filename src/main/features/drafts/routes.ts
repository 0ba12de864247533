import type { Handlers } from '../../ipc/context';
import { discardDraft, getDraft, saveDraft } from './service';

export const draftHandlers: Handlers<'drafts.get' | 'drafts.save' | 'drafts.discard'> = {
  'drafts.get': (ctx, input) => getDraft(ctx, input),
  'drafts.save': (ctx, input) => saveDraft(ctx, input),
  'drafts.discard': (ctx, input) => discardDraft(ctx, input),
};
