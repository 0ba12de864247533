/**
 * Versions of each outcome measure set's wording, as the risk checklist's (partners/checklist-forms.ts):
 * version 1 ships in the code; an organisation's own (licensed) wording is a later version. The
 * items, their order and scales never change between versions, so every answer is scored the same
 * way and always shown in the wording it was answered with.
 */
import { nowIso } from '../../clock';
import type { z } from 'zod';
import { shippedForms, type wordingInput, type MeasureForm, type MeasureItem, type MeasureSet } from '../../../shared/features/outcomes';
import { AppError } from '../../app-error';
import type { Db, ServiceContext } from '../../ipc/context';

type Row = { set_name: string; version: number; items: string; source: string; created_at: string; full_name: string | null };

const toForm = (r: Row): MeasureForm => ({
  set: r.set_name as MeasureSet,
  version: r.version,
  items: JSON.parse(r.items) as MeasureItem[],
  source: r.source,
  createdAt: r.created_at,
  byName: r.full_name,
});

const stored = (db: Db, set: MeasureSet) =>
  db
    .selectFrom('outcome_forms')
    .leftJoin('staff', 'staff.id', 'outcome_forms.created_by')
    .select(['outcome_forms.set_name', 'outcome_forms.version', 'outcome_forms.items', 'outcome_forms.source', 'outcome_forms.created_at', 'staff.full_name'])
    .where('outcome_forms.set_name', '=', set);

/** Every version of a set, oldest first. */
export async function formsOf(db: Db, set: MeasureSet): Promise<MeasureForm[]> {
  const rows = await stored(db, set).orderBy('outcome_forms.version').execute();
  return [shippedForms[set], ...rows.map(toForm)];
}

export async function currentForm(db: Db, set: MeasureSet): Promise<MeasureForm> {
  return (await formsOf(db, set)).at(-1)!;
}

export async function formOf(db: Db, set: MeasureSet, version: number): Promise<MeasureForm | null> {
  if (version === 1) return shippedForms[set];
  const row = await stored(db, set).where('outcome_forms.version', '=', version).executeTakeFirst();
  return row ? toForm(row) : null;
}


/** A manager saves the organisation's wording as a new version; the items and scales stay the shipped ones. */
export async function saveWording(ctx: ServiceContext, input: z.output<typeof wordingInput>): Promise<MeasureForm[]> {
  const { db, user } = ctx;
  const current = await currentForm(db, input.set);
  if (input.basedOn !== current.version)
    throw new AppError('CONFLICT', 'Someone else saved new wording after you opened it. Reload to see the latest, then make your change again.');
  const items = shippedForms[input.set].items;
  if (input.labels.length !== items.length)
    throw new AppError('VALIDATION', `Enter the wording for all ${items.length} items`, { fields: { labels: `Enter the wording for all ${items.length} items` } });
  await db
    .insertInto('outcome_forms')
    .values({
      set_name: input.set,
      version: current.version + 1,
      items: JSON.stringify(items.map((i, n) => ({ ...i, label: input.labels[n]! }))),
      source: input.source,
      created_at: nowIso(ctx),
      created_by: user.staffId,
    })
    .execute();
  ctx.audit({ action: 'outcomes.saveWording', subjectType: 'outcome_form', subjectId: `${input.set}:${current.version + 1}`, detail: { fields: ['labels', 'source'] } });
  return formsOf(db, input.set);
}
