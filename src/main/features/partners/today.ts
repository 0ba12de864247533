/**
 * The partner worker's home page: her open alerts from the programme side,
 * grouped by the woman concerned (named, with her risk level), newest first,
 * identical alerts merged with a count, and urgency by rule. The tasks and the
 * partners are read in two queries and combined here (no join across the wall),
 * so the partner tables can live in their own database file.
 */
import type { AlertGroup } from '../../../shared/features/partners';
import type { Db, Session } from '../../ipc/context';
import type { AlertKind } from './alerts';

/** A rise in his risk, or his leaving, is urgent for her; so is a missed session (he may be with her). A start or an end is not. */
export const URGENT_ALERTS: ReadonlySet<AlertKind> = new Set<AlertKind>(['risk_raised', 'exit', 'absence']);

/** The alert's kind, from the key it was raised under (`alert:<kind>:<event>:<partner>`). */
export function alertKindOf(sourceKey: string | null): AlertKind | null {
  const kind = /^alert:([a-z_]+):/.exec(sourceKey ?? '')?.[1];
  return (kind as AlertKind | undefined) ?? null;
}

export async function partnerToday(db: Db, user: Session): Promise<AlertGroup[]> {
  const tasks = await db
    .selectFrom('tasks')
    .select(['id', 'title', 'detail', 'source_key', 'partner_id', 'participant_id', 'created_at', 'due_on'])
    .where('kind', '=', 'partner_alert')
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('assignee_id', '=', user.staffId), eb.and([eb('assignee_id', 'is', null), eb('assignee_role', '=', user.role)])]))
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
  const partnerIds = [...new Set(tasks.map((t) => t.partner_id).filter((id): id is string => id !== null))];
  const partners = partnerIds.length ? await db.selectFrom('partners').select(['id', 'reference', 'first_name', 'last_name', 'risk_level']).where('id', 'in', partnerIds).execute() : [];
  const byId = new Map(partners.map((p) => [p.id, p]));
  const groups = new Map<string, AlertGroup>();
  for (const t of tasks) {
    const key = t.partner_id ?? `none:${t.participant_id ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      const p = t.partner_id ? byId.get(t.partner_id) : undefined;
      group = {
        partnerId: p?.id ?? null,
        participantId: t.participant_id,
        name: p ? `${p.first_name} ${p.last_name}`.trim() : null,
        reference: p?.reference ?? null,
        riskLevel: (p?.risk_level as AlertGroup['riskLevel']) ?? null,
        newestAt: t.created_at,
        urgent: false,
        alerts: [],
      };
      groups.set(key, group);
    }
    const kind = alertKindOf(t.source_key);
    const urgent = kind !== null && URGENT_ALERTS.has(kind);
    // The same alert raised again (another missed session) is one line with a count.
    const same = group.alerts.find((a) => a.title === t.title);
    if (same) {
      same.count += 1;
      same.taskIds.push(t.id);
    } else {
      group.alerts.push({ title: t.title, detail: t.detail, kind, urgent, count: 1, newestAt: t.created_at, taskIds: [t.id] });
    }
    group.urgent ||= urgent;
  }
  // Newest first, as the tasks came; within a woman, her newest alert first.
  return [...groups.values()];
}
