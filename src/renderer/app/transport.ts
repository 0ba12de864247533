/**
 * How a call reaches the back end: the preload's `invoke` in Electron, or the
 * browser host's WebSocket (with its per-start token) in Chromium.
 */
import { INVOKE_CHANNEL } from '../../shared/channel';
import type { ApiResult } from '../../shared/errors';

export type Invoke = (route: string, input: unknown) => Promise<ApiResult<unknown>>;

declare global {
  interface Window {
    caseManager?: { invoke: Invoke };
  }
}

function webSocketInvoke(): Invoke {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const url = `ws://${window.location.host}/${INVOKE_CHANNEL}?token=${encodeURIComponent(token)}`;
  const waiting = new Map<number, (result: ApiResult<unknown>) => void>();
  let nextId = 1;
  let socket: Promise<WebSocket> | null = null;

  const connect = () =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error('Cannot reach the browser host.'));
      ws.onclose = () => {
        socket = null;
        for (const [id, done] of waiting) {
          done({ ok: false, error: { code: 'INTERNAL', message: 'The connection to the program was lost. Reload the page.' } });
          waiting.delete(id);
        }
      };
      ws.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as { id: number; result: ApiResult<unknown> };
        waiting.get(message.id)?.(message.result);
        waiting.delete(message.id);
      };
    });

  return async (route, input) => {
    socket ??= connect();
    let ws: WebSocket;
    try {
      ws = await socket;
    } catch {
      socket = null;
      return { ok: false, error: { code: 'INTERNAL', message: 'Cannot reach the program. Is the browser host running?' } };
    }
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, route, input }));
    });
  };
}

export const invoke: Invoke = window.caseManager?.invoke ?? webSocketInvoke();
