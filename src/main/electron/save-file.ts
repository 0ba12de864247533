/**
 * Where a generated report goes in the desktop program: a save dialog (before
 * the report is produced, outside any transaction), then the file written
 * there while it is recorded. A cancelled dialog saves nothing; a place that
 * cannot be written throws, and the report service keeps the draft.
 */
import { writeFile } from 'node:fs/promises';
import { dialog, type BrowserWindow } from 'electron';
import type { FileSaver } from '../backend';

export function dialogFileSaver(window: () => BrowserWindow | null): FileSaver {
  return {
    async choose(suggestedName) {
      const win = window();
      const options = {
        title: 'Save the report',
        defaultPath: suggestedName,
        filters: [{ name: 'Word document', extensions: ['docx'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<
          'createDirectory' | 'showOverwriteConfirmation'
        >,
      };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      return result.filePath.toLowerCase().endsWith('.docx') ? result.filePath : `${result.filePath}.docx`;
    },
    async write(place, bytes) {
      // Private to this user: the file holds personal data.
      await writeFile(place, bytes, { mode: 0o600 });
    },
  };
}
