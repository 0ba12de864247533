/** Risk levels in colours, and the history as points for the trend chart. */
import type { RiskAssessment, RiskLevel } from '../../../shared/features/risk';
import { riskRank } from '../../../shared/features/risk';

export const riskColours: Record<RiskLevel, string> = { low: 'green', medium: 'orange', high: 'red' };

export interface TrendPoint {
  date: string;
  level: RiskLevel;
  rank: number;
}

/** Oldest first, one point per rating (the newest rating on a day wins). */
export function trendPoints(history: readonly RiskAssessment[]): TrendPoint[] {
  const byDay = new Map<string, RiskAssessment>();
  const oldestFirst = [...history].sort(
    (a, b) => a.assessedOn.localeCompare(b.assessedOn) || a.createdAt.localeCompare(b.createdAt),
  );
  for (const r of oldestFirst) byDay.set(r.assessedOn, r);
  return [...byDay.values()].map((r) => ({ date: r.assessedOn, level: r.level, rank: riskRank[r.level] }));
}

/** "Up from medium", "Down from high", "No change", or null for the first rating. */
export function changeText(history: readonly RiskAssessment[], index: number): string | null {
  const current = history[index];
  const previous = history[index + 1];
  if (!current || !previous) return null;
  const diff = riskRank[current.level] - riskRank[previous.level];
  if (diff > 0) return `Up from ${previous.level}`;
  if (diff < 0) return `Down from ${previous.level}`;
  return 'No change';
}
