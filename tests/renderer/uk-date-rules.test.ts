import { describe, expect, it } from 'vitest';
import { dateProblem, farFromWarning } from '../../src/renderer/components/uk-date-rules';

describe('dateProblem', () => {
  it('accepts an empty field and a real date in range', () => {
    expect(dateProblem('', { min: null, max: null })).toBeNull();
    expect(dateProblem('28/02/2027', { min: '2027-01-01', max: '2027-12-31' })).toBeNull();
  });
  it('names a date that does not exist', () => {
    expect(dateProblem('31/02/2027', { min: null, max: null })).toBe('There is no 31/02/2027: check the day and the month');
    expect(dateProblem('next week', { min: null, max: null })).toMatch(/dd\/mm\/yyyy/);
  });
  it('says which end of the range a date is outside', () => {
    expect(dateProblem('01/01/2020', { min: '2026-01-01', max: null })).toBe('01/01/2020 is too early: enter 01/01/2026 or later');
    expect(dateProblem('01/01/2030', { min: null, max: '2026-01-01' })).toBe('01/01/2030 is too late: enter 01/01/2026 or earlier');
  });
});

describe('farFromWarning', () => {
  it('warns of a date more than a year before, or two years after, the other', () => {
    expect(farFromWarning('2019-01-01', '2026-12-04', 'the referral')).toMatch(/more than a year before the referral \(04\/12\/2026\)/);
    expect(farFromWarning('2029-01-01', '2026-12-04', 'the referral')).toMatch(/more than 2 years after/);
    expect(farFromWarning('2026-06-01', '2026-12-04', 'the referral')).toBeNull();
    expect(farFromWarning('', '2026-12-04', 'the referral')).toBeNull();
  });
});
