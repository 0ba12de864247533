import { describe, expect, it } from 'vitest';
import { actionLabel, roleLabel, summariseDetail } from '../../src/renderer/features/audit/audit-labels';
import { splitKey } from '../../src/renderer/components/recovery-key-lines';

describe('audit log wording', () => {
  it('names known actions in plain words and makes a readable label for new ones', () => {
    expect(actionLabel('auth.login')).toBe('Logged in');
    expect(actionLabel('staff.resetPassword')).toBe('Reset a password');
    expect(actionLabel('participants.setStatus')).toBe('Participants: set status');
  });

  it('summarises the detail of an entry', () => {
    expect(summariseDetail({ fields: ['fullName', 'role'] })).toBe('fields: fullName, role');
    expect(summariseDetail({ reason: 'wrong credentials', delaySeconds: 0 })).toBe('reason: wrong credentials');
    expect(summariseDetail({ reason: 'wrong credentials', delaySeconds: 4 })).toBe('reason: wrong credentials; wait: 4 s');
    expect(summariseDetail({ checked: 12, intact: true, firstBroken: null })).toBe('checked: 12; intact: yes; firstBroken: –');
    expect(summariseDetail(null)).toBe('');
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
