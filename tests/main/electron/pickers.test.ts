import { describe, expect, it, vi } from 'vitest';

const showOpenDialog = vi.fn();
vi.mock('electron', () => ({ dialog: { showOpenDialog }, default: { dialog: { showOpenDialog } } }));

describe('native pickers for backups', () => {
  it('asks for a folder, or a .dvppbak file, on the window; a cancel is null', async () => {
    const { nativePickers } = await import('../../../src/main/electron/pickers');
    const win = { id: 1 };
    const pickers = nativePickers(() => win as never);
    showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/media/sam/STICK'] });
    expect(await pickers.folder()).toBe('/media/sam/STICK');
    expect(showOpenDialog).toHaveBeenLastCalledWith(
      win,
      expect.objectContaining({ properties: ['openDirectory', 'createDirectory'] }),
    );
    showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await pickers.file()).toBeNull();
    expect(showOpenDialog).toHaveBeenLastCalledWith(
      win,
      expect.objectContaining({ filters: [{ name: 'Backups', extensions: ['dvppbak'] }] }),
    );
  });
});
