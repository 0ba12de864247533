/**
 * Squirrel.Windows (the installer from maker-squirrel) starts the program with
 * one of these arguments while installing, updating or removing it. The
 * program must then create or remove its shortcuts through Squirrel's own
 * Update.exe and quit straight away, without opening a window or the data.
 * This is what the `electron-squirrel-startup` package does, written out here
 * so that nothing outside this folder needs `electron` and nothing is bundled
 * that we have not read. Local only: Update.exe is given no URL.
 */
import { spawn } from 'node:child_process';
import { basename, dirname, resolve } from 'node:path';
import type { App } from 'electron';

export type SquirrelAction = 'createShortcut' | 'removeShortcut' | 'quit' | null;

/** Pure: what the Squirrel argument asks for (null on other platforms or at a normal start). */
export function squirrelAction(platform: NodeJS.Platform, argv: readonly string[]): SquirrelAction {
  if (platform !== 'win32') return null;
  switch (argv[1]) {
    case '--squirrel-install':
    case '--squirrel-updated':
      return 'createShortcut';
    case '--squirrel-uninstall':
      return 'removeShortcut';
    case '--squirrel-obsolete':
      return 'quit';
    default:
      return null;
  }
}

/** Returns true when this start was a Squirrel event: the caller must then do nothing else. */
export function handleSquirrelEvent(app: App): boolean {
  const action = squirrelAction(process.platform, process.argv);
  if (action === null) return false;
  if (action === 'quit') {
    app.quit();
    return true;
  }
  const updateExe = resolve(dirname(process.execPath), '..', 'Update.exe');
  const target = basename(process.execPath);
  spawn(updateExe, [`--${action}=${target}`], { detached: true })
    .on('close', () => app.quit())
    .on('error', () => app.quit());
  return true;
}
