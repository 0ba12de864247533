/** The desktop program's save dialog for reports, with `electron` mocked. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const showSaveDialog = vi.fn();
vi.mock('electron', () => ({ dialog: { showSaveDialog }, default: { dialog: { showSaveDialog } } }));

const dir = mkdtempSync(join(tmpdir(), 'dvpp-save-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('saving a report through the dialog', () => {
  it('writes where the user chose, adding .docx; a cancel saves nothing; an unwritable place throws', async () => {
    const { dialogFileSaver } = await import('../../../src/main/electron/save-file');
    const save = dialogFileSaver(() => null);
    showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(dir, 'chosen') });
    const place = await save.choose('report.docx');
    expect(place).toBe(join(dir, 'chosen.docx'));
    expect(showSaveDialog.mock.calls[0]![0]).toMatchObject({ defaultPath: 'report.docx' });
    await save.write(place!, Buffer.from('bytes'));
    expect(readFileSync(join(dir, 'chosen.docx'), 'utf8')).toBe('bytes');
    showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await save.choose('report.docx')).toBeNull();
    showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(dir, 'no-such-folder', 'r.docx') });
    await expect(save.write((await save.choose('report.docx'))!, Buffer.from('x'))).rejects.toThrow();
  });
});
