import { describe, expect, it } from 'vitest';
import type { Consent } from '../../src/shared/features/consents';
import type { RiskAssessment } from '../../src/shared/features/risk';
import type { Task } from '../../src/shared/features/tasks';
import { consentAtAGlance, recipientText } from '../../src/renderer/features/consents/consent-labels';
import { hasFilters, listInputFrom, nextSort, paramsFrom } from '../../src/renderer/features/participants/list-params';
import {
  ageText,
  daysText,
  isUnder18,
  sortFlags,
  statusText,
} from '../../src/renderer/features/participants/participant-labels';
import { changeText, trendPoints } from '../../src/renderer/features/risk/risk-labels';
import { assigneeText, canComplete, dueText } from '../../src/renderer/features/tasks/task-labels';

describe('participant labels', () => {
  it('says the status with its outcome or exit reason', () => {
    expect(statusText('assessed', 'suitable_group')).toBe('Assessed: suitable for group');
    expect(statusText('exited', null, 'moved_away')).toBe('Exited: moved away');
    expect(statusText('waiting_list', 'suitable_group')).toBe('Waiting list');
  });

  it('works out age and under-18s, ignoring half-typed dates', () => {
    expect(ageText('1985-03-14', '2026-03-13')).toBe('40');
    expect(ageText('1985-03-14', '2026-03-14')).toBe('41');
    expect(ageText('', '2026-01-01')).toBeNull();
    expect(isUnder18('2009-01-02', '2027-01-01')).toBe(true);
    expect(isUnder18('2009-01-01', '2027-01-01')).toBe(false);
    expect(isUnder18('2030-01-01', '2027-01-01')).toBe(false);
    expect(isUnder18('20', '2027-01-01')).toBe(false);
  });

  it('puts the safety flags first', () => {
    expect(sortFlags(['restricted', 'interpreter', 'child_protection'])).toEqual([
      'child_protection',
      'interpreter',
      'restricted',
    ]);
  });

  it('counts days in words', () => {
    expect(daysText(1)).toBe('1 day');
    expect(daysText(40)).toBe('40 days');
  });
});

describe('the participants list in the address', () => {
  it('reads filters, sort and page, ignoring anything unknown', () => {
    const input = listInputFrom(
      new URLSearchParams(
        'status=waiting_list&route=nonsense&flag=high_risk&sort=referred&direction=desc&page=3&keyWorkerId=x',
      ),
    );
    expect(input).toMatchObject({
      status: 'waiting_list',
      flag: 'high_risk',
      sort: 'referred',
      direction: 'desc',
      page: 3,
    });
    expect(input.route).toBeUndefined();
    expect(input.keyWorkerId).toBeUndefined();
    expect(hasFilters(input)).toBe(true);
    expect(hasFilters(listInputFrom(new URLSearchParams('sort=status')))).toBe(false);
  });

  it('writes a plain address for the plain list, and round-trips', () => {
    expect(paramsFrom(listInputFrom(new URLSearchParams())).toString()).toBe('');
    const query = 'status=active&source=probation&sort=status&direction=desc&page=2';
    expect(paramsFrom(listInputFrom(new URLSearchParams(query))).toString()).toBe(query);
  });

  it('flips the direction on the same column; dates start newest first', () => {
    expect(nextSort({ sort: 'name', direction: 'asc' }, 'name')).toEqual({ sort: 'name', direction: 'desc' });
    expect(nextSort({ sort: 'name', direction: 'asc' }, 'referred')).toEqual({ sort: 'referred', direction: 'desc' });
    expect(nextSort({ sort: 'referred', direction: 'desc' }, 'reference')).toEqual({
      sort: 'reference',
      direction: 'asc',
    });
  });
});

const consent = (c: Partial<Consent>): Consent => ({
  id: Math.random().toString(),
  participantId: 'p',
  version: 1,
  recipient: 'police',
  recipientName: '',
  purpose: 'x',
  confidentialityExplained: true,
  howGiven: 'signed',
  witness: '',
  givenOn: '2026-01-01',
  reviewOn: '2027-01-01',
  withdrawnOn: null,
  withdrawnReason: '',
  state: 'current',
  recordedByName: null,
  createdAt: '2026-01-01T00:00:00Z',
  ...c,
});

describe('consent at a glance', () => {
  it('shows the best consent per recipient, a line for every recipient, and one per named agency', () => {
    const lines = consentAtAGlance([
      consent({ recipient: 'police', state: 'withdrawn' }),
      consent({ recipient: 'police', state: 'expiring', reviewOn: '2026-02-01' }),
      consent({ recipient: 'other', recipientName: 'Drug and alcohol service', state: 'current' }),
    ]);
    expect(lines.find((l) => l.recipient === 'police')?.consent?.state).toBe('expiring');
    expect(lines.find((l) => l.recipient === 'gp')?.consent).toBeNull();
    expect(lines.filter((l) => l.recipient === 'other').map((l) => l.label)).toEqual(['Drug and alcohol service']);
    expect(lines.map((l) => l.recipient)).toEqual([
      'police',
      'probation',
      'childrens_services',
      'cafcass_court',
      'gp',
      'partner_service',
      'other',
    ]);
  });

  it('names the agency for "other"', () => {
    expect(recipientText({ recipient: 'other', recipientName: 'Housing' })).toBe('Housing');
    expect(recipientText({ recipient: 'gp', recipientName: 'Dr Who' })).toBe('GP');
  });
});

const risk = (
  level: RiskAssessment['level'],
  assessedOn: string,
  createdAt = `${assessedOn}T10:00:00Z`,
): RiskAssessment => ({
  id: `${level}${assessedOn}${createdAt}`,
  participantId: 'p',
  level,
  reasons: '',
  redFlags: [],
  assessorId: 's',
  assessorName: null,
  assessedOn,
  nextReviewOn: '2027-01-01',
  createdAt,
});

describe('risk trend', () => {
  it('orders oldest first, one point per day (the later entry wins)', () => {
    const newestFirst = [
      risk('high', '2026-03-01'),
      risk('low', '2026-02-01', '2026-02-01T12:00:00Z'),
      risk('medium', '2026-02-01', '2026-02-01T09:00:00Z'),
    ];
    expect(trendPoints(newestFirst).map((p) => [p.date, p.level])).toEqual([
      ['2026-02-01', 'low'],
      ['2026-03-01', 'high'],
    ]);
  });

  it('describes each change against the one before', () => {
    const h = [risk('high', '2026-03-01'), risk('medium', '2026-02-01'), risk('medium', '2026-01-01')];
    expect(changeText(h, 0)).toBe('Up from medium');
    expect(changeText(h, 1)).toBe('No change');
    expect(changeText(h, 2)).toBeNull();
  });
});

describe('tasks', () => {
  const task = (t: Partial<Task>) => ({
    assigneeId: null,
    assigneeRole: null,
    assigneeName: null,
    status: 'open' as const,
    ...t,
  });

  it('says who a task is for', () => {
    expect(assigneeText(task({ assigneeId: 'a', assigneeName: 'Frankie' }))).toBe('Frankie');
    expect(assigneeText(task({ assigneeRole: 'manager' }))).toBe('All managers');
  });

  it('offers "Done" for my tasks, my role’s, and to managers for any', () => {
    const me = { staffId: 'me', role: 'facilitator' as const };
    expect(canComplete(task({ assigneeId: 'me' }), me)).toBe(true);
    expect(canComplete(task({ assigneeRole: 'facilitator' }), me)).toBe(true);
    expect(canComplete(task({ assigneeRole: 'manager' }), me)).toBe(false);
    expect(canComplete(task({ assigneeId: 'other' }), { staffId: 'x', role: 'manager' })).toBe(true);
    expect(canComplete(task({ assigneeId: 'me', status: 'done' }), me)).toBe(false);
  });

  it('says when a task is due', () => {
    expect(dueText('2026-05-10', '2026-05-10')).toBe('Due today');
    expect(dueText('2026-05-11', '2026-05-10')).toBe('Due tomorrow');
    expect(dueText('2026-05-20', '2026-05-10')).toBe('Due in 10 days');
    expect(dueText('2026-05-09', '2026-05-10')).toBe('1 day overdue');
    expect(dueText('2026-04-30', '2026-05-10')).toBe('10 days overdue');
  });
});
