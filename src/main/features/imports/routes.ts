import type { Handlers } from '../../ipc/context';
import { checkImport, currentProgress, runImport, saveMapping, template } from './service';

type Routes = 'imports.check' | 'imports.run' | 'imports.progress' | 'imports.saveMapping' | 'imports.template';

export const importHandlers: Handlers<Routes> = {
  'imports.check': (ctx, input) => checkImport(ctx, input),
  'imports.run': (ctx, input) => runImport(ctx, input),
  'imports.progress': () => Promise.resolve(currentProgress()),
  'imports.saveMapping': (ctx, input) => saveMapping(ctx, input),
  'imports.template': (_ctx, input) => template(input.kind),
};
