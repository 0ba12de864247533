import { describe, expect, it } from 'vitest';
import { squirrelAction } from '../../../src/main/electron/squirrel';

describe('squirrelAction', () => {
  it('reads the Squirrel.Windows arguments', () => {
    expect(squirrelAction('win32', ['app.exe', '--squirrel-install', '1.0.0'])).toBe('createShortcut');
    expect(squirrelAction('win32', ['app.exe', '--squirrel-updated', '1.0.1'])).toBe('createShortcut');
    expect(squirrelAction('win32', ['app.exe', '--squirrel-uninstall'])).toBe('removeShortcut');
    expect(squirrelAction('win32', ['app.exe', '--squirrel-obsolete'])).toBe('quit');
  });
  it('is a normal start otherwise', () => {
    expect(squirrelAction('win32', ['app.exe'])).toBeNull();
    expect(squirrelAction('win32', ['app.exe', '--squirrel-firstrun'])).toBeNull();
    expect(squirrelAction('linux', ['app', '--squirrel-install'])).toBeNull();
  });
});
