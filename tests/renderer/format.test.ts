import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDateTimeSeconds, parseUkDate, todayUk } from '../../src/renderer/app/format';

describe('UK dates and times', () => {
  it('shows a UTC timestamp in Europe/London, winter (GMT) and summer (BST)', () => {
    expect(formatDateTime('2026-01-15T09:05:00.000Z')).toBe('15/01/2026 09:05');
    expect(formatDateTime('2026-07-15T09:05:00.000Z')).toBe('15/07/2026 10:05');
    expect(formatDateTimeSeconds('2026-07-15T09:05:07.000Z')).toBe('15/07/2026 10:05:07');
  });

  it('puts a late-evening UTC time on the right UK day', () => {
    expect(formatDate('2026-06-30T23:30:00.000Z')).toBe('01/07/2026');
    expect(formatDate('2026-12-31T23:30:00.000Z')).toBe('31/12/2026');
  });

  it('shows a calendar date as it is, whatever the time zone', () => {
    expect(formatDate('2026-03-29')).toBe('29/03/2026');
  });

  it('shows nothing for missing or broken values', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('not a date')).toBe('');
    expect(formatDate(undefined)).toBe('');
  });

  it('reads dates typed the UK way', () => {
    expect(parseUkDate('05/03/2026')).toBe('2026-03-05');
    expect(parseUkDate('5/3/2026')).toBe('2026-03-05');
    expect(parseUkDate('05.03.2026')).toBe('2026-03-05');
    expect(parseUkDate('2026-03-05')).toBe('2026-03-05');
    expect(parseUkDate('31/02/2026')).toBeNull();
    expect(parseUkDate('03/05')).toBeNull();
    expect(parseUkDate('')).toBeNull();
  });

  it("gives today's UK date", () => {
    expect(todayUk(new Date('2026-06-30T23:30:00.000Z'))).toBe('01/07/2026');
  });
});
