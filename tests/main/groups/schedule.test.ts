import { describe, expect, it } from 'vitest';
import { isoWeekday, overlaps, scheduleDates, themeForEachSession } from '../../../src/main/features/groups/schedule';

describe('schedule generation', () => {
  it('runs weekly, skipping bank holidays, unmoved by the clock change', () => {
    // Mondays from 23 March 2026: the clocks go forward on Sunday 29 March; Easter Monday is 6 April.
    const closures = new Set(['2026-04-06', '2026-05-04', '2026-05-25']);
    const { dates, skipped } = scheduleDates('2026-03-20', 1, 10, closures);
    expect(dates[0]).toBe('2026-03-23');
    expect(dates).toEqual(['2026-03-23', '2026-03-30', '2026-04-13', '2026-04-20', '2026-04-27', '2026-05-11', '2026-05-18', '2026-06-01', '2026-06-08', '2026-06-15']);
    expect(skipped).toEqual(['2026-04-06', '2026-05-04', '2026-05-25']);
    expect(dates.every((d) => isoWeekday(d) === 1)).toBe(true);
    // Across the October change too: still every 7 calendar days.
    const autumn = scheduleDates('2026-10-19', 1, 3, new Set()).dates;
    expect(autumn).toEqual(['2026-10-19', '2026-10-26', '2026-11-02']);
  });

  it('gives each session its theme in curriculum order, going round again if longer', () => {
    const themes = themeForEachSession([{ id: 'a', sessionsCount: 2 }, { id: 'b', sessionsCount: 1 }], 5);
    expect(themes).toEqual(['a', 'a', 'b', 'a', 'a']);
  });

  it('finds overlapping times on the same day only', () => {
    const a = { date: '2026-01-05', startTime: '18:00', minutes: 150 };
    expect(overlaps(a, { date: '2026-01-05', startTime: '20:00', minutes: 60 })).toBe(true);
    expect(overlaps(a, { date: '2026-01-05', startTime: '20:30', minutes: 60 })).toBe(false);
    expect(overlaps(a, { date: '2026-01-06', startTime: '18:00', minutes: 60 })).toBe(false);
  });
});
