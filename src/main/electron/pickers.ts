/**
 * The native folder and file pickers for backups and restore. Only Electron
 * has them; the back end asks through `BackendOptions.pickers`, and the
 * browser host (which has none) offers the detected drives and a typed path.
 */
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { FilePickers } from '../backend';
import { BACKUP_EXTENSION } from '../../shared/features/backups';

export function nativePickers(window: () => BrowserWindow | null): FilePickers {
  const pick = async (options: OpenDialogOptions): Promise<string | null> => {
    const parent = window();
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  return {
    folder: () => pick({ title: 'Choose where to save the backup', properties: ['openDirectory', 'createDirectory'] }),
    file: () =>
      pick({
        title: 'Choose the backup to restore',
        properties: ['openFile'],
        filters: [{ name: 'Backups', extensions: [BACKUP_EXTENSION.slice(1)] }],
      }),
  };
}
