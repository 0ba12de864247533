/**
 * The window's only door to the back end: `window.caseManager.invoke(route,
 * input)` on the one IPC channel, and nothing else (DESIGN.md section 2). The
 * main process checks the sender of every call.
 *
 * Sandboxed preloads cannot `require` anything but `electron` (and a few
 * built-ins), so the Vite preload build bundles this file and what it imports
 * into one CommonJS file.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { INVOKE_CHANNEL } from '../../shared/channel';

contextBridge.exposeInMainWorld('caseManager', {
  invoke: (route: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE_CHANNEL, route, input),
});
