import { expect, it } from 'vitest';
import { backupTone } from '../../src/renderer/features/backups/backup-tone';

it('warns when no backup has been made yet, as when the last one is old', () => {
  expect(backupTone(undefined)).toBe('unknown');
  expect(backupTone({ overdue: false, lastVerifiedAt: null })).toBe('warning');
  expect(backupTone({ overdue: true, lastVerifiedAt: '2026-01-01T10:00:00.000Z' })).toBe('warning');
  expect(backupTone({ overdue: false, lastVerifiedAt: '2026-01-01T10:00:00.000Z' })).toBe('ok');
});
