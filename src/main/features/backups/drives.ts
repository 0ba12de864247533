/**
 * Finds mounted removable drives, so the window can offer them first:
 * - Linux: folders under /media/<user>, /run/media/<user> (and /media itself)
 *   that /proc/mounts lists as mount points;
 * - macOS: /Volumes/*, less the start-up disk (a link to /);
 * - Windows: drive letters whose type is "removable", from PowerShell.
 * `root` lets the tests point the Linux and macOS search at a fake file system.
 */
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, statfsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { Drive } from '../../../shared/features/backups';

export interface DriveSearch {
  platform?: NodeJS.Platform;
  /** a fake root folder (tests) */
  root?: string;
  user?: string;
  /** runs a command and returns its output (tests give a fake) */
  run?: (command: string, args: string[]) => Promise<string>;
}

function freeBytes(path: string): number | null {
  try {
    const s = statfsSync(path);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

const folders = (dir: string): string[] => {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(dir, d.name));
  } catch {
    return [];
  }
};

/** Mount points from /proc/mounts (spaces are written as \040 there). */
function mountPoints(root: string): Set<string> | null {
  const file = join(root, 'proc', 'mounts');
  if (!existsSync(file)) return null;
  const points = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const point = line.split(' ')[1];
    if (point) points.add(point.replace(/\\040/g, ' ').replace(/\\011/g, '\t').replace(/\\134/g, '\\'));
  }
  return points;
}

export function linuxDrives(root = '/', user = userInfo().username): Drive[] {
  const bases = [join(root, 'media', user), join(root, 'run', 'media', user), join(root, 'media')];
  const mounted = mountPoints(root);
  const seen = new Set<string>();
  const drives: Drive[] = [];
  for (const base of bases) {
    for (const dir of folders(base)) {
      if (seen.has(dir)) continue;
      seen.add(dir);
      // /proc/mounts names paths from the real root.
      const real = `/${dir.slice(root.length).replace(/^\/+/, '')}`;
      if (mounted && !mounted.has(real)) continue;
      drives.push({ path: dir, label: dir.split('/').pop()!, freeBytes: freeBytes(dir) });
    }
  }
  return drives;
}

export function macDrives(root = '/'): Drive[] {
  return folders(join(root, 'Volumes'))
    .filter((dir) => {
      try {
        return !lstatSync(dir).isSymbolicLink(); // the start-up disk appears as a link to /
      } catch {
        return false;
      }
    })
    .map((dir) => ({ path: dir, label: dir.split('/').pop()!, freeBytes: freeBytes(dir) }));
}

const runCommand = (command: string, args: string[]) =>
  new Promise<string>((resolve, reject) => {
    execFile(command, args, { timeout: 10_000, windowsHide: true }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
  });

/** DriveType 2 is "removable" (USB sticks, memory cards). */
export async function windowsDrives(run = runCommand): Promise<Drive[]> {
  let output: string;
  try {
    output = await run('powershell.exe', [
      '-NoProfile',
      '-NonInteractive',
      '-Command',
      'Get-CimInstance Win32_LogicalDisk -Filter "DriveType=2" | Select-Object DeviceID,VolumeName,FreeSpace | ConvertTo-Json -Compress',
    ]);
  } catch {
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(output.trim() || '[]');
  } catch {
    return [];
  }
  const list = (Array.isArray(parsed) ? parsed : [parsed]) as Array<{
    DeviceID?: unknown;
    VolumeName?: unknown;
    FreeSpace?: unknown;
  }>;
  return list
    .filter((d) => typeof d?.DeviceID === 'string' && /^[A-Z]:$/i.test(d.DeviceID))
    .map((d) => ({
      path: `${String(d.DeviceID)}\\`,
      label:
        typeof d.VolumeName === 'string' && d.VolumeName
          ? `${d.VolumeName} (${String(d.DeviceID)})`
          : String(d.DeviceID),
      freeBytes: typeof d.FreeSpace === 'number' ? d.FreeSpace : null,
    }));
}

export async function removableDrives(search: DriveSearch = {}): Promise<Drive[]> {
  const platform = search.platform ?? process.platform;
  if (platform === 'win32') return windowsDrives(search.run);
  if (platform === 'darwin') return macDrives(search.root);
  return linuxDrives(search.root, search.user);
}
