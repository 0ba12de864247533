import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { linuxDrives, macDrives, removableDrives, windowsDrives } from '../../../src/main/features/backups/drives';
import { tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

function fakeRoot() {
  const t = tempDir();
  cleanup = t.cleanup;
  return t.dir;
}

describe('finding removable drives', () => {
  it('Linux: mounted folders under /media/<user>, /run/media/<user> and /media, as /proc/mounts lists them', () => {
    const root = fakeRoot();
    for (const dir of [
      'media/sam/BACKUP STICK',
      'media/sam/not-mounted',
      'run/media/sam/CARD',
      'media/OTHER',
      'mnt/data',
    ]) {
      mkdirSync(join(root, dir), { recursive: true });
    }
    mkdirSync(join(root, 'proc'));
    writeFileSync(
      join(root, 'proc', 'mounts'),
      [
        '/dev/sda1 / ext4 rw 0 0',
        '/dev/sdb1 /media/sam/BACKUP\\040STICK vfat rw,nosuid 0 0',
        '/dev/mmcblk0p1 /run/media/sam/CARD exfat rw 0 0',
        '/dev/sdc1 /media/OTHER vfat rw 0 0',
        '/dev/sdd1 /mnt/data ext4 rw 0 0',
        '',
      ].join('\n'),
    );
    const drives = linuxDrives(root, 'sam');
    expect(drives.map((d) => d.label)).toEqual(['BACKUP STICK', 'CARD', 'OTHER']);
    expect(drives[0]!.path).toBe(join(root, 'media/sam/BACKUP STICK'));
    expect(typeof drives[0]!.freeBytes).toBe('number');
  });

  it('Linux: nothing plugged in, or no such folders at all', () => {
    const root = fakeRoot();
    expect(linuxDrives(root, 'sam')).toEqual([]);
  });

  it('macOS: /Volumes less the start-up disk', () => {
    const root = fakeRoot();
    mkdirSync(join(root, 'Volumes', 'USBSTICK'), { recursive: true });
    symlinkSync('/', join(root, 'Volumes', 'Macintosh HD'));
    expect(macDrives(root).map((d) => d.label)).toEqual(['USBSTICK']);
  });

  it('Windows: removable drive letters from PowerShell, one or many, or none when it fails', async () => {
    const calls: string[][] = [];
    const one = await windowsDrives(async (cmd, args) => {
      calls.push([cmd, ...args]);
      return '{"DeviceID":"E:","VolumeName":"KINGSTON","FreeSpace":1000}';
    });
    expect(one).toEqual([{ path: 'E:\\', label: 'KINGSTON (E:)', freeBytes: 1000 }]);
    expect(calls[0]!.join(' ')).toContain('DriveType=2');
    const many = await windowsDrives(
      async () =>
        '[{"DeviceID":"E:","VolumeName":"","FreeSpace":null},{"DeviceID":"F:","VolumeName":"CARD","FreeSpace":5}]',
    );
    expect(many.map((d) => d.label)).toEqual(['E:', 'CARD (F:)']);
    expect(await windowsDrives(async () => '')).toEqual([]);
    expect(await windowsDrives(async () => Promise.reject(new Error('no powershell')))).toEqual([]);
    expect(await windowsDrives(async () => 'not json')).toEqual([]);
    expect(await removableDrives({ platform: 'win32', run: async () => '[]' })).toEqual([]);
  });
});
