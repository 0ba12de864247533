/**
 * Versions of the risk checklist's wording. Version 1 is our own short topic
 * labels and ships in the code; a manager enters the wording the organisation
 * is licensed to use, saved as a new version. The questions, their order and
 * the scoring never change between versions, so every checklist is scored the
 * same way and always shown in the wording it was answered with.
 */
import type { RouteParsed } from '../../../shared/api';
import { checklistForms, checklistKeys, HIGH_RISK_THRESHOLD, type ChecklistForm, type ChecklistForms } from '../../../shared/features/partners';
import { AppError } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db, ServiceContext } from '../../ipc/context';

type Row = { version: number; questions: string; high_risk_threshold: number; source: string; created_at: string; full_name: string | null };

const toForm = (r: Row): ChecklistForm => ({
  version: r.version,
  questions: JSON.parse(r.questions) as ChecklistForm['questions'],
  highRiskThreshold: r.high_risk_threshold,
  source: r.source,
  createdAt: r.created_at,
  byName: r.full_name,
});

const stored = (db: Db) =>
  db
    .selectFrom('checklist_forms')
    .leftJoin('staff', 'staff.id', 'checklist_forms.created_by')
    .select(['checklist_forms.version', 'checklist_forms.questions', 'checklist_forms.high_risk_threshold', 'checklist_forms.source', 'checklist_forms.created_at', 'staff.full_name']);

export async function listChecklistForms(db: Db): Promise<ChecklistForms> {
  const rows = await stored(db).orderBy('checklist_forms.version').execute();
  const forms = [{ ...checklistForms[1]!, source: 'Short topic labels written for this program', createdAt: null, byName: null }, ...rows.map(toForm)];
  return { current: forms.at(-1)!.version, forms };
}

export async function checklistForm(db: Db, version: number): Promise<ChecklistForm | null> {
  if (checklistForms[version]) return checklistForms[version];
  const row = await stored(db).where('checklist_forms.version', '=', version).executeTakeFirst();
  return row ? toForm(row) : null;
}

export async function saveChecklistWording(ctx: ServiceContext, input: RouteParsed<'partners.saveChecklistWording'>): Promise<ChecklistForms> {
  const { db, user } = ctx;
  const { current } = await listChecklistForms(db);
  if (input.basedOn !== current) throw new AppError('CONFLICT', 'Someone else saved new wording after you opened it. Reload to see the latest, then make your change again.');
  const version = current + 1;
  await db
    .insertInto('checklist_forms')
    .values({
      version,
      questions: JSON.stringify(checklistKeys.map((key, i) => ({ key, label: input.labels[i]! }))),
      high_risk_threshold: HIGH_RISK_THRESHOLD,
      source: input.source,
      created_at: nowIso(ctx),
      created_by: user.staffId,
    })
    .execute();
  ctx.audit({ action: 'partners.saveChecklistWording', subjectType: 'checklist_form', subjectId: String(version), detail: { fields: ['labels', 'source'], basedOn: input.basedOn } });
  return listChecklistForms(db);
}
