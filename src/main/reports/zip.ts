/**
 * ZIP through fflate, with every file stamped 1 January 2000 so the same
 * content always gives the same bytes. The browser build is imported on
 * purpose: only its synchronous functions are used, and unlike the Node build
 * it does not load worker_threads through `require`, which the packaged main
 * bundle must not contain.
 */
import { unzipSync, zipSync, type ZipOptions } from 'fflate/browser';

/** Local midnight, so the DOS time in the archive is the same in every time zone. */
const FIXED_TIME = new Date(2000, 0, 1);

/** Every file in the archive, in order. */
export function unzip(archive: Buffer): Array<[name: string, data: Buffer]> {
  return Object.entries(unzipSync(new Uint8Array(archive))).map(([name, data]) => [name, Buffer.from(data)]);
}

/** `store` lists files already compressed (a Word document inside a pack), kept as they are. */
export function zip(files: Array<[name: string, data: Buffer | string]>, store: readonly string[] = []): Buffer {
  const entries: Record<string, [Uint8Array, ZipOptions]> = {};
  for (const [name, data] of files) {
    entries[name] = [typeof data === 'string' ? Buffer.from(data, 'utf8') : new Uint8Array(data), { mtime: FIXED_TIME, level: store.includes(name) ? 0 : 6 }];
  }
  return Buffer.from(zipSync(entries));
}
