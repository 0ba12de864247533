import { describe, expect, it } from 'vitest';
import { actionLabel, eventText, roleLabel, summariseDetail } from '../../src/renderer/features/audit/audit-labels';
import { splitKey } from '../../src/renderer/components/recovery-key-lines';

describe('audit log wording', () => {
  it('names known actions in plain words and makes a readable label for new ones', () => {
    expect(actionLabel('auth.login')).toBe('Logged in');
    expect(actionLabel('staff.resetPassword')).toBe('Reset a password');
    expect(actionLabel('participants.setStatus')).toBe('Changed his status');
    expect(actionLabel('notes.add')).toBe('Added a case note');
    // Nothing looks like a route name or a code.
    for (const a of ['participants.newPartnerDisclosed', 'sessions.catchUp', 'curriculum.reorderThemes', 'made.upThing'])
      expect(actionLabel(a)).not.toMatch(/\.|[a-z][A-Z]/);
  });

  it('says what was tried and why it was refused, never a code (issue 16, item 8)', () => {
    const refused = (action: string, detail: Record<string, unknown>) => eventText({ action, outcome: 'refused', detail });
    expect(refused('notes.add', { code: 'VALIDATION', fields: ['occurredOn'], missing: ['occurredOn'] })).toBe(
      'Tried to add a case note with a missing date',
    );
    expect(refused('notes.update', { code: 'VALIDATION', fields: ['occurredOn'] })).toBe(
      'Tried to save a case note with a date that was not accepted',
    );
    expect(refused('participants.create', { code: 'VALIDATION', fields: ['details.firstName', 'details.dateOfBirth'], missing: ['details.firstName'] })).toBe(
      'Tried to add a referral with a missing first name and a date of birth that was not accepted',
    );
    expect(refused('staff.list', { code: 'FORBIDDEN' })).toBe('Tried to open a staff account, which their role does not allow');
    expect(eventText({ action: 'notes.add', outcome: 'failed', detail: { code: 'INTERNAL' } })).toMatch(/^Tried to add a case note, but something went wrong/);
    for (const d of [{ code: 'VALIDATION', fields: ['occurredOn'] }, { code: 'CONFLICT' }, { code: 'NOT_FOUND' }])
      expect(`${refused('notes.add', d)} ${summariseDetail({ action: 'notes.add', outcome: 'refused', detail: d })}`).not.toMatch(/VALIDATION|CONFLICT|NOT_FOUND|code/);
  });

  it('summarises the rest of an entry in words', () => {
    const ok = (detail: Record<string, unknown> | null) => summariseDetail({ action: 'staff.update', outcome: 'ok', detail });
    expect(ok({ fields: ['fullName', 'role'] })).toBe('Changed: name, role');
    expect(ok({ reason: 'wrong credentials', delaySeconds: 0 })).toBe('Reason: wrong credentials');
    expect(ok({ reason: 'wrong credentials', delaySeconds: 4 })).toBe('Reason: wrong credentials; Made to wait 4 s');
    expect(ok({ checked: 12, intact: true, firstBroken: null })).toBe('Checked: 12; Intact: yes; First broken: none');
    expect(ok({ reportId: 'a1b2', type: 'court_mid', basis: 'without_consent' })).toBe('Kind: Court / Cafcass report: mid-programme; Basis: without consent');
    expect(ok(null)).toBe('');
    // Her side's count when his record went: said as that, not as "Deleted a record" of hers.
    const herSide = { action: 'retention.delete', outcome: 'ok' as const, detail: { participantId: 'p1', counts: { partner_links: 1, tasks: 2 } } };
    expect(eventText(herSide)).toBe('Deleted a man’s record; the partner service’s records about him went with it');
    expect(summariseDetail(herSide)).toBe('Counts: partner links 1, tasks 2');
    // Dates as the window writes them, not as stored.
    expect(ok({ day: '2026-12-04', from: '2025-01-31' })).toBe('Day: 04/12/2026; From: 31/01/2025');
  });

  it('labels roles, and shows an unknown role as stored', () => {
    expect(roleLabel('partner_worker')).toBe('Partner support worker');
    expect(roleLabel('auditor')).toBe('auditor');
    expect(roleLabel(null)).toBe('');
  });
});

describe('recovery key layout', () => {
  it('puts the 13 groups in lines of five', () => {
    const key = Array.from({ length: 13 }, (_, i) => `K${String(i).padStart(3, '0')}`).join('-');
    const lines = splitKey(key);
    expect(lines.map((l) => l.length)).toEqual([5, 5, 3]);
    expect(lines.flat().join('-')).toBe(key);
  });
});
