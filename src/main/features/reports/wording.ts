/**
 * Versions of the organisation's wording for each report type's standard
 * paragraphs (issue 15, item 12), kept like the risk checklist's wording
 * (partners/checklist-forms.ts): version 1 ships in the code, a manager's
 * wording is saved as a new version and never changed afterwards, and a
 * report built with a version can always be built with it again.
 */
import type { RouteParsed } from '../../../shared/api';
import {
  isWorded,
  shippedWording,
  wordingParagraphs,
  type ReportWording,
  type ReportWordings,
  type WordedType,
} from '../../../shared/features/report-wording';
import type { ReportType } from '../../../shared/features/reports';
import { AppError } from '../../app-error';
import type { Db, ServiceContext } from '../../ipc/context';
import { nowIso } from '../../clock';

const stored = (db: Db, type: WordedType) =>
  db
    .selectFrom('report_wording')
    .leftJoin('staff', 'staff.id', 'report_wording.created_by')
    .select(['report_wording.version', 'report_wording.paragraphs', 'report_wording.created_at', 'staff.full_name'])
    .where('report_wording.report_type', '=', type);

const toWording = (r: { version: number; paragraphs: string; created_at: string; full_name: string | null }): ReportWording => ({
  version: r.version,
  paragraphs: JSON.parse(r.paragraphs) as Record<string, string>,
  createdAt: r.created_at,
  byName: r.full_name,
});

const shipped = (type: WordedType): ReportWording => ({ version: 1, paragraphs: shippedWording[type], createdAt: null, byName: null });

export async function listWordings(db: Db, type: WordedType): Promise<ReportWordings> {
  const rows = await stored(db, type).orderBy('report_wording.version').execute();
  const versions = [shipped(type), ...rows.map(toWording)];
  return { type, current: versions.at(-1)!.version, versions };
}

/**
 * The wording a report of this type is built with: the version it recorded
 * (a signed-off or saved report), or the newest (a draft). Types with no
 * standard paragraphs have none.
 */
export async function wordingFor(db: Db, type: ReportType, recorded: number | null): Promise<ReportWording | null> {
  if (!isWorded(type)) return null;
  if (recorded === 1) return shipped(type);
  const q = stored(db, type);
  const row = recorded
    ? await q.where('report_wording.version', '=', recorded).executeTakeFirst()
    : await q.orderBy('report_wording.version', 'desc').limit(1).executeTakeFirst();
  return row ? toWording(row) : shipped(type);
}

export async function saveWording(ctx: ServiceContext, input: RouteParsed<'reports.saveWording'>): Promise<ReportWordings> {
  const { db, user } = ctx;
  const before = await listWordings(db, input.type);
  if (input.basedOn !== before.current)
    throw new AppError('CONFLICT', 'Someone else saved new wording for this kind of report after you opened it. Reload to see the latest, then make your change again.');
  const was = before.versions.at(-1)!.paragraphs;
  // Every paragraph of the type, in its own order; an optional one left empty is kept empty (printed as nothing).
  const paragraphs = Object.fromEntries(wordingParagraphs[input.type].map((p) => [p.key, input.paragraphs[p.key] ?? '']));
  const changed = Object.keys(paragraphs).filter((k) => paragraphs[k] !== (was[k] ?? ''));
  if (changed.length === 0) throw new AppError('CONFLICT', 'Nothing has changed, so no new version was saved.');
  const version = before.current + 1;
  await db
    .insertInto('report_wording')
    .values({ report_type: input.type, version, paragraphs: JSON.stringify(paragraphs), created_at: nowIso(ctx), created_by: user.staffId })
    .execute();
  // The names of the paragraphs changed, never their words.
  ctx.audit({
    action: 'reports.saveWording',
    subjectType: 'report_wording',
    subjectId: `${input.type}:${version}`,
    detail: { type: input.type, version, basedOn: input.basedOn, fields: changed },
  });
  return listWordings(db, input.type);
}
