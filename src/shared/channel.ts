/** The name of the single IPC channel (Electron) and WebSocket path (browser host). Kept apart from api.ts so the preload stays tiny. */
export const INVOKE_CHANNEL = 'app:invoke';
