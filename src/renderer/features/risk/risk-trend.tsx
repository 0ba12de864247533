/** His risk over time as a small step chart (plain SVG, nothing to download), with the same facts in words for screen readers. */
import { Box, Text } from '@mantine/core';
import { daysBetween } from '../../../shared/dates';
import type { RiskAssessment } from '../../../shared/features/risk';
import { riskLevelLabels } from '../../../shared/features/risk';
import { formatDate } from '../../app/format';
import { riskColours, trendPoints } from './risk-labels';

const W = 800;
const H = 170;
const PAD = { left: 78, right: 24, top: 14, bottom: 34 };
const LEVELS = ['high', 'medium', 'low'] as const;

export function RiskTrend({ history, today }: { history: readonly RiskAssessment[]; today: string }) {
  const points = trendPoints(history);
  if (points.length === 0) return null;
  const first = points[0]!.date;
  const last = today > points.at(-1)!.date ? today : points.at(-1)!.date;
  const span = Math.max(1, daysBetween(first, last));
  const x = (date: string) => PAD.left + (daysBetween(first, date) / span) * (W - PAD.left - PAD.right);
  const y = (rank: number) => PAD.top + ((3 - rank) / 2) * (H - PAD.top - PAD.bottom);

  let path = '';
  points.forEach((p, i) => {
    const px = x(p.date);
    const py = y(p.rank);
    path += i === 0 ? `M ${px} ${py}` : ` H ${px} V ${py}`;
  });
  path += ` H ${x(last)}`;

  // Date labels: every point when there are few, otherwise first, last and a few between.
  const step = Math.max(1, Math.ceil(points.length / 6));
  const labelled = points.filter((_, i) => i % step === 0 || i === points.length - 1);
  const description = `Risk over time: ${points.map((p) => `${riskLevelLabels[p.level]} on ${formatDate(p.date)}`).join(', ')}.`;

  return (
    <Box>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-label={description}
        style={{ maxHeight: 220, display: 'block' }}
      >
        {LEVELS.map((level) => {
          const rank = level === 'high' ? 3 : level === 'medium' ? 2 : 1;
          return (
            <g key={level}>
              <line
                x1={PAD.left}
                x2={W - PAD.right}
                y1={y(rank)}
                y2={y(rank)}
                stroke="var(--mantine-color-gray-3)"
                strokeDasharray="4 4"
              />
              <text
                x={PAD.left - 10}
                y={y(rank) + 5}
                textAnchor="end"
                fontSize="14"
                fill={`var(--mantine-color-${riskColours[level]}-8)`}
                fontWeight={600}
              >
                {riskLevelLabels[level]}
              </text>
            </g>
          );
        })}
        <path d={path} fill="none" stroke="var(--mantine-color-indigo-6)" strokeWidth={3} strokeLinejoin="round" />
        {points.map((p) => (
          <circle
            key={p.date}
            cx={x(p.date)}
            cy={y(p.rank)}
            r={6}
            fill={`var(--mantine-color-${riskColours[p.level]}-6)`}
            stroke="white"
            strokeWidth={2}
          />
        ))}
        {labelled.map((p, i) => (
          <text
            key={p.date}
            x={x(p.date)}
            y={H - 10}
            fontSize="12"
            fill="var(--mantine-color-gray-7)"
            textAnchor={
              points.length === 1 || i === 0
                ? 'start'
                : i === labelled.length - 1 && x(p.date) > W - 80
                  ? 'end'
                  : 'middle'
            }
          >
            {formatDate(p.date)}
          </text>
        ))}
      </svg>
      <Text size="xs" c="dimmed">
        Each dot is a rating; the line holds its level until the next one{last === today ? ', up to today' : ''}.
      </Text>
    </Box>
  );
}
