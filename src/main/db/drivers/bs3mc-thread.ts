/**
 * The thread one better-sqlite3-multiple-ciphers connection lives on (see
 * bs3mc.ts). It opens the file (named at its start, or by the first `open`
 * when it was started ahead: bs3mc-proxy.ts), then answers each message in
 * order: one operation of the RawConnection interface, its result or its error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { directConnection, type DirectConnection } from './bs3mc';
import { requireNative } from './native';

export interface ThreadCall {
  id: number;
  op: 'open' | 'run' | 'all' | 'exec' | 'close' | 'key' | 'rekey' | 'attach' | 'exportInto' | 'cipherIntegrityCheck';
  args: unknown[];
}

export type ThreadAnswer =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };

/** Messages carry Buffers as plain Uint8Arrays; the driver binds and keys with Buffers. */
export const asBuffer = (value: unknown): unknown =>
  value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value;

const port = parentPort!;
/** The file: given at the start, or (a thread started ahead, before anyone asked for a file) by the first `open`. */
const { file } = workerData as { file?: string };
let raw: DirectConnection | null = null;

// The addon loads now, so a thread started ahead (bs3mc-proxy.ts) has nothing left to load when its
// connection is asked for; then the thread says it is ready (a message no call waits for).
requireNative('better-sqlite3-multiple-ciphers');
port.postMessage({ id: 0, ready: true });

port.on('message', (call: ThreadCall) => {
  void answer(call).then((reply) => {
    port.postMessage(reply);
    if (call.op === 'close') port.close();
  });
});

async function answer({ id, op, args }: ThreadCall): Promise<ThreadAnswer> {
  try {
    const [first, second, third] = args;
    const named = op === 'open' && typeof first === 'string' ? first : file;
    if (!raw && !named) throw new Error('the database connection’s thread was given no file to open');
    raw ??= directConnection(named!);
    let value: unknown;
    switch (op) {
      case 'open':
        break;
      case 'run':
        value = await raw.run(first as string, ((second as unknown[]) ?? []).map(asBuffer));
        break;
      case 'all':
        // Rows go back as arrays with the names once (see rowsFrom in bs3mc-proxy.ts).
        value = await raw.allArrays(first as string, ((second as unknown[]) ?? []).map(asBuffer));
        break;
      case 'exec':
        value = await raw.exec(first as string);
        break;
      case 'close':
        value = await raw.close();
        break;
      case 'key':
      case 'rekey': {
        const key = Buffer.from(first as Uint8Array);
        (first as Uint8Array).fill(0);
        try {
          value = await raw[op](key);
        } finally {
          key.fill(0);
        }
        break;
      }
      case 'attach': {
        const key = Buffer.from(third as Uint8Array);
        (third as Uint8Array).fill(0);
        try {
          value = await raw.attach(first as string, second as string, key);
        } finally {
          key.fill(0);
        }
        break;
      }
      case 'exportInto':
        value = await raw.exportInto(first as string);
        break;
      case 'cipherIntegrityCheck':
        value = await raw.cipherIntegrityCheck();
        break;
    }
    return { id, ok: true, value };
  } catch (err) {
    const e = err as { name?: string; message?: string; code?: string };
    return { id, ok: false, error: { name: e?.name ?? 'Error', message: e?.message ?? String(err), code: e?.code } };
  }
}
