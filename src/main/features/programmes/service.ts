import { randomUUID } from 'node:crypto';
import type { RouteParsed } from '../../../shared/api';
import { programmeTypeFields, templateFields, type Closure, type Objective, type ProgrammeType, type SessionTemplate, type Theme } from '../../../shared/features/programmes';
import { DEFAULT_ATTENDANCE_RULES, attendanceRulesSchema, type AttendanceRules } from '../../../shared/features/registers';
import { AppError, notFound } from '../../app-error';
import { nowIso } from '../../clock';
import type { ProgrammeTypesTable } from '../../db/schema';
import type { Db, ServiceContext } from '../../ipc/context';
import { assertUpdated } from '../participants/versioned';

export function toProgrammeType(row: ProgrammeTypesTable): ProgrammeType {
  const data = JSON.parse(row.data) as { themeIds: string[]; minAttendancePercent: number; requiredThemeIds: string[]; objectives?: Objective[] };
  const fields = programmeTypeFields.parse({
    name: row.name,
    kind: row.kind,
    sessionsCount: row.sessions_count,
    sessionMinutes: row.session_minutes,
    ...data,
    active: row.active === 1,
  });
  return { ...fields, objectives: data.objectives ?? [], id: row.id, version: row.version };
}

export async function listProgrammeTypes(db: Db): Promise<ProgrammeType[]> {
  const rows = await db.selectFrom('programme_types').selectAll().orderBy('name').execute();
  return rows.map(toProgrammeType);
}

export async function getProgrammeType(db: Db, id: string): Promise<ProgrammeType> {
  const row = await db.selectFrom('programme_types').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That programme');
  return toProgrammeType(row);
}

async function checkThemes(db: Db, ids: string[], field: string): Promise<void> {
  if (ids.length === 0) return;
  const found = await db.selectFrom('curriculum_themes').select('id').where('id', 'in', ids).execute();
  if (found.length !== new Set(ids).size) throw new AppError('VALIDATION', 'One of the chosen themes no longer exists.', { fields: { [field]: 'Choose themes from the curriculum' } });
}

export async function saveProgrammeType(ctx: ServiceContext, input: RouteParsed<'programmes.save'>): Promise<ProgrammeType> {
  const { db } = ctx;
  await checkThemes(db, input.themeIds, 'themeIds');
  await checkThemes(db, input.requiredThemeIds, 'requiredThemeIds');
  // An objective keeps its id when reworded, so the plans linked to it follow.
  const objectives: Objective[] = input.objectives.map((o) => ({ id: o.id ?? randomUUID(), text: o.text }));
  if (new Set(objectives.map((o) => o.id)).size !== objectives.length) throw new AppError('VALIDATION', 'The same objective is listed twice. Reload and try again.', { fields: { objectives: 'The same objective is listed twice' } });
  const values = {
    name: input.name,
    kind: input.kind,
    sessions_count: input.sessionsCount,
    session_minutes: input.sessionMinutes,
    data: JSON.stringify({ themeIds: input.themeIds, minAttendancePercent: input.minAttendancePercent, requiredThemeIds: input.requiredThemeIds, objectives }),
    active: input.active ? 1 : 0,
  };
  let id = input.id;
  if (id) {
    const exists = await db.selectFrom('programme_types').select('id').where('id', '=', id).executeTakeFirst();
    const result = await db.updateTable('programme_types').set({ ...values, version: (input.version ?? 0) + 1 }).where('id', '=', id).where('version', '=', input.version ?? 0).executeTakeFirst();
    assertUpdated(result, Boolean(exists), 'That programme');
  } else {
    id = randomUUID();
    await db.insertInto('programme_types').values({ id, ...values, version: 1 }).execute();
  }
  ctx.audit({ action: input.id ? 'programmes.update' : 'programmes.add', subjectType: 'programme', subjectId: id, detail: { fields: Object.keys(values) } });
  return getProgrammeType(db, id);
}

export async function listCurriculum(db: Db): Promise<Theme[]> {
  const [themes, templates] = await Promise.all([
    db.selectFrom('curriculum_themes').selectAll().orderBy('position').execute(),
    db.selectFrom('session_templates').selectAll().orderBy('position').execute(),
  ]);
  return themes.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    sessionsCount: t.sessions_count,
    position: t.position,
    version: t.version,
    templates: templates.filter((x) => x.theme_id === t.id).map(toTemplate),
  }));
}

function toTemplate(row: { id: string; theme_id: string; position: number; title: string; data: string; version: number }): SessionTemplate {
  return { ...templateFields.parse({ ...JSON.parse(row.data), themeId: row.theme_id, title: row.title }), id: row.id, position: row.position, version: row.version };
}

export async function getTemplate(db: Db, id: string): Promise<SessionTemplate> {
  const row = await db.selectFrom('session_templates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That session template');
  return toTemplate(row);
}

export async function saveTheme(ctx: ServiceContext, input: RouteParsed<'curriculum.saveTheme'>): Promise<Theme> {
  const { db } = ctx;
  let id = input.id;
  if (id) {
    const exists = await db.selectFrom('curriculum_themes').select('id').where('id', '=', id).executeTakeFirst();
    const result = await db
      .updateTable('curriculum_themes')
      .set({ name: input.name, description: input.description, sessions_count: input.sessionsCount, version: (input.version ?? 0) + 1 })
      .where('id', '=', id)
      .where('version', '=', input.version ?? 0)
      .executeTakeFirst();
    assertUpdated(result, Boolean(exists), 'That theme');
  } else {
    id = randomUUID();
    const last = await db.selectFrom('curriculum_themes').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
    await db.insertInto('curriculum_themes').values({ id, name: input.name, description: input.description, sessions_count: input.sessionsCount, position: Number(last?.p ?? -1) + 1, version: 1 }).execute();
  }
  ctx.audit({ action: 'curriculum.saveTheme', subjectType: 'theme', subjectId: id, detail: { fields: ['name', 'description', 'sessionsCount'] } });
  return (await listCurriculum(db)).find((t) => t.id === id)!;
}

export async function saveTemplate(ctx: ServiceContext, input: RouteParsed<'curriculum.saveTemplate'>): Promise<SessionTemplate> {
  const { db } = ctx;
  const theme = await db.selectFrom('curriculum_themes').select('id').where('id', '=', input.themeId).executeTakeFirst();
  if (!theme) throw new AppError('VALIDATION', 'Choose a theme.', { fields: { themeId: 'Choose a theme' } });
  const data = JSON.stringify({ aims: input.aims, activities: input.activities, materials: input.materials, facilitatorNotes: input.facilitatorNotes });
  let id = input.id;
  if (id) {
    const exists = await db.selectFrom('session_templates').select('id').where('id', '=', id).executeTakeFirst();
    const result = await db
      .updateTable('session_templates')
      .set({ theme_id: input.themeId, title: input.title, data, version: (input.version ?? 0) + 1 })
      .where('id', '=', id)
      .where('version', '=', input.version ?? 0)
      .executeTakeFirst();
    assertUpdated(result, Boolean(exists), 'That session template');
  } else {
    id = randomUUID();
    const last = await db.selectFrom('session_templates').select((eb) => eb.fn.max('position').as('p')).where('theme_id', '=', input.themeId).executeTakeFirst();
    await db.insertInto('session_templates').values({ id, theme_id: input.themeId, title: input.title, data, position: Number(last?.p ?? -1) + 1, version: 1 }).execute();
  }
  ctx.audit({ action: 'curriculum.saveTemplate', subjectType: 'template', subjectId: id, detail: { fields: ['title', 'aims', 'activities', 'materials', 'facilitatorNotes'] } });
  return getTemplate(db, id);
}

export async function reorder(ctx: ServiceContext, table: 'curriculum_themes' | 'session_templates', ids: string[]): Promise<Theme[]> {
  const { db } = ctx;
  const found = await db.selectFrom(table).select('id').where('id', 'in', ids).execute();
  if (found.length !== new Set(ids).size) throw new AppError('VALIDATION', 'The list to reorder has an unknown or repeated item. Reload and try again.');
  for (const [position, id] of ids.entries()) await db.updateTable(table).set({ position }).where('id', '=', id).execute();
  ctx.audit({ action: table === 'curriculum_themes' ? 'curriculum.reorderThemes' : 'curriculum.reorderTemplates', subjectType: 'curriculum', detail: { count: ids.length } });
  return listCurriculum(db);
}

export async function listClosures(db: Db): Promise<Closure[]> {
  return db.selectFrom('closure_dates').selectAll().orderBy('date').execute();
}

export async function closureSet(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('closure_dates').select('date').execute()).map((r) => r.date));
}

export async function getAttendanceRules(db: Db): Promise<AttendanceRules> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'attendanceRules').executeTakeFirst();
  return row ? attendanceRulesSchema.parse(JSON.parse(row.value)) : DEFAULT_ATTENDANCE_RULES;
}

export async function setAttendanceRules(ctx: ServiceContext, rules: AttendanceRules): Promise<AttendanceRules> {
  const now = nowIso(ctx);
  await ctx.db
    .insertInto('settings')
    .values({ key: 'attendanceRules', value: JSON.stringify(rules), updated_at: now, updated_by: ctx.user.staffId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(rules), updated_at: now, updated_by: ctx.user.staffId }))
    .execute();
  ctx.audit({ action: 'programmes.setAttendanceRules', subjectType: 'settings', detail: { fields: Object.keys(rules) } });
  return rules;
}
