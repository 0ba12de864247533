/**
 * Where a backup is written or read from (issue 13, review finding). A path is never resolved
 * against the program's working folder: it must be a full path with no `..` in it. In the
 * desktop program it must also be a place chosen in the native dialog (remembered for ten
 * minutes, like the reports' save places) or lie on a mounted removable drive, so a typed or
 * forged path cannot send the records, or read a planted file, anywhere else. The browser host
 * (development and tests only) has no dialog: there the full path is enough.
 */
import { isAbsolute, resolve, sep } from 'node:path';
import { invalidField } from '../../app-error';
import type { Backend } from '../../backend';
import { removableDrives } from './drives';

const CHOSEN_TTL_MS = 10 * 60_000;
const chosen = new WeakMap<Backend, Map<string, number>>();

/** A place the person chose in the native folder or file dialog. */
export function rememberChosen(backend: Backend, path: string | null): string | null {
  if (!path) return path;
  const now = Date.now();
  const places = chosen.get(backend) ?? new Map<string, number>();
  for (const [p, until] of places) if (until < now) places.delete(p);
  places.set(resolve(path), now + CHOSEN_TTL_MS);
  chosen.set(backend, places);
  return path;
}

const inside = (path: string, base: string) => path === base || path.startsWith(base.endsWith(sep) ? base : base + sep);

/** The full, checked path; refuses a relative path, `..`, or (desktop) a place neither chosen nor on a removable drive. */
export async function checkPlace(backend: Backend, path: string, field: 'folder' | 'file'): Promise<string> {
  if (!isAbsolute(path) || path.split(/[\\/]/).includes('..') || path.includes('\0')) {
    throw invalidField(field, `Give the full path of the ${field} (starting with / or a drive letter such as E:\\), or choose it with the button.`);
  }
  const full = resolve(path);
  if (!backend.options.pickers) return full;
  const now = Date.now();
  const places = [...(chosen.get(backend) ?? new Map<string, number>())].filter(([, until]) => until >= now).map(([p]) => p);
  if (places.some((p) => inside(full, p))) return full;
  const drives = await removableDrives();
  if (drives.some((d) => inside(full, resolve(d.path)))) return full;
  throw invalidField(field, `Choose the ${field} with the button, or pick a removable drive: the program only uses places chosen that way.`);
}
