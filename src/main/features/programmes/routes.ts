import type { Handlers } from '../../ipc/context';
import {
  getAttendanceRules,
  listClosures,
  listCurriculum,
  listProgrammeTypes,
  reorder,
  saveProgrammeType,
  saveTemplate,
  saveTheme,
  setAttendanceRules,
} from './service';

type Routes =
  | 'programmes.list'
  | 'programmes.save'
  | 'programmes.attendanceRules'
  | 'programmes.setAttendanceRules'
  | 'curriculum.list'
  | 'curriculum.saveTheme'
  | 'curriculum.saveTemplate'
  | 'curriculum.reorderThemes'
  | 'curriculum.reorderTemplates'
  | 'closures.list'
  | 'closures.add'
  | 'closures.remove';

export const programmeHandlers: Handlers<Routes> = {
  'programmes.list': (ctx) => listProgrammeTypes(ctx.db),
  'programmes.save': (ctx, input) => saveProgrammeType(ctx, input),
  'programmes.attendanceRules': (ctx) => getAttendanceRules(ctx.db),
  'programmes.setAttendanceRules': (ctx, input) => setAttendanceRules(ctx, input),
  'curriculum.list': (ctx) => listCurriculum(ctx.db),
  'curriculum.saveTheme': (ctx, input) => saveTheme(ctx, input),
  'curriculum.saveTemplate': (ctx, input) => saveTemplate(ctx, input),
  'curriculum.reorderThemes': (ctx, input) => reorder(ctx, 'curriculum_themes', input.ids),
  'curriculum.reorderTemplates': (ctx, input) => reorder(ctx, 'session_templates', input.ids),
  'closures.list': (ctx) => listClosures(ctx.db),
  'closures.add': async (ctx, input) => {
    await ctx.db.insertInto('closure_dates').values(input).onConflict((oc) => oc.column('date').doUpdateSet({ name: input.name })).execute();
    ctx.audit({ action: 'closures.add', subjectType: 'closure', subjectId: input.date, detail: { fields: ['date', 'name'] } });
    return listClosures(ctx.db);
  },
  'closures.remove': async (ctx, input) => {
    await ctx.db.deleteFrom('closure_dates').where('date', '=', input.date).execute();
    ctx.audit({ action: 'closures.remove', subjectType: 'closure', subjectId: input.date });
    return listClosures(ctx.db);
  },
};
