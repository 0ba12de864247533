/**
 * The log-in counter's own rules (README "Security", src/main/vault/throttle.ts's
 * header), on the counter itself with a clock the test moves: three free
 * attempts, then 1 s, 2 s, 4 s ... per user name up to five minutes; the count
 * for everyone together waits at most its own cap; the wait is said in whole
 * seconds, never less than is left; a success starts the count again; a
 * forgiven attempt is taken back; the file survives a restart, names no user
 * name, keeps at most 200 attempts and 100 names, and a damaged or edited file
 * never lets anyone in faster than a fresh one would.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../../src/main/vault/throttle';
import { tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

const START = Date.parse('2026-03-02T10:00:00Z');

function counter(maxShared?: number, folder = '') {
  const t = tempDir();
  cleanup = t.cleanup;
  const clock = { now: START };
  const file = join(t.dir, folder, 'login-throttle.json');
  const make = () => new LoginThrottle(file, () => clock.now, maxShared);
  return { clock, file, throttle: make(), make };
}

/** The wait `begin` asks for, in seconds (0 when it lets the attempt through). */
function waitAsked(throttle: LoginThrottle, name: string | null): number {
  try {
    throttle.begin(name);
    return 0;
  } catch (err) {
    const e = err as { code?: string; extra?: { retryAfter?: number }; message: string };
    expect(e.code).toBe('RATE_LIMITED');
    const seconds = e.extra!.retryAfter!;
    expect(e.message).toBe(`Too many unsuccessful attempts. Please wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`);
    return seconds;
  }
}

/** Fails `times` attempts at a name, waiting out each wait first. */
function failMany(c: ReturnType<typeof counter>, name: string | null, times: number) {
  for (let i = 0; i < times; i++) {
    const wait = waitAsked(c.throttle, name);
    if (wait > 0) {
      c.clock.now += wait * 1000;
      expect(waitAsked(c.throttle, name)).toBe(0);
    }
    c.throttle.failed('password', name);
  }
}

describe('waits for one user name', () => {
  it('three attempts are free; then 1 s, 2 s, 4 s ... up to five minutes', () => {
    const c = counter();
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      const wait = waitAsked(c.throttle, 'ada');
      waits.push(wait);
      c.clock.now += wait * 1000;
      if (wait > 0) expect(waitAsked(c.throttle, 'ada')).toBe(0);
      c.throttle.failed('password', 'ada');
    }
    expect(waits).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
    expect(c.throttle.failures()).toBe(14);
  });

  it('says the wait in whole seconds, rounded up, and lets the attempt in the moment it is over', () => {
    const c = counter();
    failMany(c, 'ada', 5); // the next attempt waits 4 s
    c.clock.now += 2500;
    expect(waitAsked(c.throttle, 'ada')).toBe(2);
    c.clock.now += 1000;
    expect(waitAsked(c.throttle, 'ada')).toBe(1);
    c.clock.now += 500;
    expect(waitAsked(c.throttle, 'ada')).toBe(0);
  });

  it('failed() answers the wait now in force, and nothing once it has passed', () => {
    const c = counter();
    for (let i = 0; i < 3; i++) {
      c.throttle.begin('ada');
      expect(c.throttle.failed('password', 'ada')).toBe(i < 2 ? 0 : 1);
    }
    c.clock.now += 1000;
    c.throttle.begin('ada');
    expect(c.throttle.failed('password', 'ada')).toBe(2);
    c.clock.now += 10_000;
    expect(c.throttle.failed(null, 'ada')).toBe(0);
  });

  it('a user name is the same whatever its case or spaces, and is never written to the file', () => {
    const c = counter();
    failMany(c, 'Ada.Lovelace', 2);
    failMany(c, '  ada.lovelace ', 1);
    c.throttle.succeeded(null); // the shared count starts again; the name's own count of 3 stays
    expect(waitAsked(c.throttle, 'ADA.LOVELACE')).toBe(1);
    // 'lovelace' has letters that are not hex, so a salt or hash cannot hold it by chance ('ada' can: 1 run in 40).
    expect(readFileSync(c.file, 'utf8').toLowerCase()).not.toContain('lovelace');
    // Each name is kept as a short salted hash: 32 hex characters.
    const names = Object.keys((JSON.parse(readFileSync(c.file, 'utf8')) as { names: object }).names);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it('different names have different counts', () => {
    const c = counter();
    failMany(c, 'ada', 4);
    c.throttle.succeeded(null);
    expect(waitAsked(c.throttle, 'bea')).toBe(0);
    c.clock.now += 2000;
    expect(waitAsked(c.throttle, 'ada')).toBe(0);
  });

  it('an attempt with no user name counts for nobody by name', () => {
    const c = counter();
    c.throttle.begin(null);
    c.throttle.failed('recovery-key', null);
    expect((JSON.parse(readFileSync(c.file, 'utf8')) as { names: object }).names).toEqual({});
  });

  it('failed() answers the name’s own wait when it is the longer one, and nothing for a name never tried', () => {
    const c = counter();
    failMany(c, 'ada', 5); // ada's next attempt waits 4 s
    c.throttle.succeeded(null); // the shared count has no wait now
    expect(c.throttle.failed(null, 'ada')).toBe(4);
    expect(c.throttle.failed(null, 'nobody')).toBe(0);
    expect(c.throttle.failed(null, null)).toBe(0);
  });

  it('a success starts that name and the shared count again, and leaves other names waiting', () => {
    const c = counter(30);
    failMany(c, 'bea', 6);
    failMany(c, 'ada', 4);
    c.clock.now += 60_000;
    c.throttle.begin('ada');
    c.throttle.succeeded('ada');
    expect(c.throttle.failures()).toBe(0);
    expect(waitAsked(c.throttle, 'ada')).toBe(0);
    c.throttle.failed('password', 'ada');
    // Bea's own count is kept: her sixth failure means 8 s from then, long passed; her seventh waits 16 s.
    failMany(c, 'bea', 1);
    expect(waitAsked(c.throttle, 'bea')).toBe(16);
  });

  it('a forgiven attempt is taken back, and below three failures its wait goes with it', () => {
    const c = counter();
    failMany(c, 'ada', 3);
    c.clock.now += 1000;
    c.throttle.begin('ada'); // would be the fourth, but it was an edited key file
    c.throttle.forgive('ada');
    expect(c.throttle.failures()).toBe(3);
    // Still three failures: a wait stays in force.
    expect(waitAsked(c.throttle, 'ada')).toBe(2);
    c.throttle.forgive('ada');
    expect(c.throttle.failures()).toBe(2);
    expect(waitAsked(c.throttle, 'ada')).toBe(0);
  });

  it('a forgiven attempt keeps the name’s wait while three or more failures remain, and lifts it below that', () => {
    const c = counter();
    failMany(c, 'bea', 1);
    failMany(c, 'ada', 4);
    c.throttle.succeeded(null); // only the name's own count is left
    c.clock.now += 2000;
    c.throttle.begin('ada'); // the fifth, forgiven: its wait (4 s) is not taken back while ada still has 4
    c.throttle.forgive('ada');
    expect(waitAsked(c.throttle, 'ada')).toBe(4);
    c.throttle.forgive('ada'); // 3 left: still waiting
    expect(waitAsked(c.throttle, 'ada')).toBe(4);
    c.throttle.forgive('ada'); // 2 left: free again
    expect(waitAsked(c.throttle, 'ada')).toBe(0);
    // Bea's own count was not touched by forgiving ada.
    const names = (JSON.parse(readFileSync(c.file, 'utf8')) as { names: Record<string, { failures: number }> }).names;
    expect(Object.values(names).map((n) => n.failures).sort()).toEqual([1, 3]);
  });

  it('a forgiven attempt with no name keeps the shared wait while three or more failures remain', () => {
    const c = counter();
    failMany(c, null, 4);
    c.clock.now += 2000;
    c.throttle.begin(null);
    c.throttle.forgive(null);
    expect(c.throttle.failures()).toBe(4);
    expect(waitAsked(c.throttle, null)).toBe(4);
    c.throttle.forgive(null);
    expect(waitAsked(c.throttle, null)).toBe(4);
    c.throttle.forgive(null);
    expect(c.throttle.failures()).toBe(2);
    expect(waitAsked(c.throttle, null)).toBe(0);
  });

  it('forgiving with nothing counted leaves nothing counted', () => {
    const c = counter();
    c.throttle.forgive('ada');
    c.throttle.forgive(null);
    expect(c.throttle.failures()).toBe(0);
    expect(waitAsked(c.throttle, 'ada')).toBe(0);
  });
});

describe('the count for everybody together', () => {
  it('guesses at one name keep that name waiting long, but everybody else at most the shared cap', () => {
    const c = counter(30);
    failMany(c, 'ada', 11);
    expect(waitAsked(c.throttle, 'bea')).toBe(30);
    expect(waitAsked(c.throttle, 'ada')).toBe(256);
    c.clock.now += 30_000;
    expect(waitAsked(c.throttle, 'bea')).toBe(0);
  });

  it('attempts with no user name (a recovery key) count for everybody, up to the five-minute cap by default', () => {
    const c = counter();
    failMany(c, null, 11);
    expect(waitAsked(c.throttle, null)).toBe(256);
    expect(waitAsked(c.throttle, 'ada')).toBe(256);
  });

  it('a wait written further ahead than the shared cap is held to the cap', () => {
    const c = counter(30);
    writeFileSync(c.file, JSON.stringify({ failures: 20, nextAttemptAt: START + 10 * 3600_000, attempts: [] }));
    expect(waitAsked(c.throttle, 'bea')).toBe(30);
  });
});

describe('the file beside the keyring', () => {
  it('keeps the count, the names and the attempts over a restart', () => {
    const c = counter();
    failMany(c, 'ada', 4);
    const again = c.make();
    expect(again.failures()).toBe(4);
    expect(waitAsked(again, 'ada')).toBe(2);
    expect(again.takeAttempts()).toHaveLength(4);
  });

  it('a fresh counter holds no attempts, and reading it writes no file', () => {
    const c = counter();
    expect(c.throttle.takeAttempts()).toEqual([]);
    expect(c.throttle.failures()).toBe(0);
    expect(existsSync(c.file)).toBe(false);
  });

  it('is made with its folder when there is none yet', () => {
    const c = counter(undefined, 'new/folder');
    c.throttle.begin('ada');
    expect(existsSync(c.file)).toBe(true);
  });

  it('keeps each failed attempt with its time and kind for the audit log, once', () => {
    const c = counter();
    c.throttle.begin('ada');
    c.throttle.failed('password', 'ada');
    c.clock.now += 5000;
    c.throttle.begin(null);
    c.throttle.failed('recovery-key', null);
    c.throttle.begin('ada');
    c.throttle.failed(null, 'ada');
    expect(c.throttle.takeAttempts()).toEqual([
      { at: '2026-03-02T10:00:00.000Z', kind: 'password' },
      { at: '2026-03-02T10:00:05.000Z', kind: 'recovery-key' },
    ]);
    expect(c.throttle.takeAttempts()).toEqual([]);
    expect(c.throttle.failures()).toBe(3);
  });

  it('keeps the newest 200 attempts and the newest 100 user names', () => {
    const c = counter();
    writeFileSync(c.file, JSON.stringify({ failures: 0, nextAttemptAt: 0, attempts: Array.from({ length: 250 }, (_, i) => ({ at: `a${i}`, kind: 'password' })) }));
    const attempts = c.throttle.takeAttempts();
    expect(attempts).toHaveLength(200);
    expect(attempts[0]!.at).toBe('a50');
    const inFile = () => JSON.parse(readFileSync(c.file, 'utf8')) as { names: object; attempts: unknown[] };
    for (let i = 0; i < 205; i++) {
      c.throttle.begin(`name${i}`);
      expect(Object.keys(inFile().names).length).toBeLessThanOrEqual(100);
      c.throttle.succeeded(null);
      c.throttle.failed('password', `name${i}`);
      expect(inFile().attempts.length).toBe(Math.min(i + 1, 200));
    }
    expect(c.throttle.takeAttempts()).toHaveLength(200);
    expect(Object.keys(inFile().names)).toHaveLength(100);
    // The oldest names are forgotten: name0 starts from nothing, name204 has its failure.
    failMany(c, 'name0', 3);
    expect(waitAsked(c.throttle, 'name0')).toBe(1);
  });

  it('a file cut to the last 100 names when read, whatever it holds', () => {
    const c = counter();
    const names = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`h${i}`, { failures: 1, nextAttemptAt: 0 }]));
    writeFileSync(c.file, JSON.stringify({ failures: 0, nextAttemptAt: 0, attempts: [], salt: 's', names }));
    c.throttle.succeeded(null);
    const kept = Object.keys((JSON.parse(readFileSync(c.file, 'utf8')) as { names: object }).names);
    expect(kept).toHaveLength(100);
    expect(kept[0]).toBe('h20');
  });

  it('a damaged file counts as three failures already: the next attempt passes, the one after waits', () => {
    const c = counter();
    writeFileSync(c.file, '{ not json');
    expect(c.throttle.failures()).toBe(3);
    expect(c.throttle.takeAttempts()).toEqual([]);
    expect(waitAsked(c.throttle, 'ada')).toBe(0);
    c.throttle.failed('password', 'ada');
    expect(waitAsked(c.throttle, 'bea')).toBe(2);
  });

  it('values of the wrong kind in the file are read as nothing, and broken entries are left out', () => {
    const c = counter();
    writeFileSync(
      c.file,
      JSON.stringify({
        failures: 2.5,
        nextAttemptAt: 'soon',
        attempts: [{ at: '2026-01-01T00:00:00.000Z', kind: 'password' }, { kind: 'password' }, null, 'x'],
        salt: 42,
        names: { good: { failures: 4, nextAttemptAt: START + 5000 }, bad: { failures: 'x', nextAttemptAt: 1 }, worse: { failures: 1, nextAttemptAt: null }, none: null },
      }),
    );
    expect(c.throttle.failures()).toBe(0);
    expect(c.throttle.takeAttempts()).toEqual([{ at: '2026-01-01T00:00:00.000Z', kind: 'password' }]);
    c.throttle.succeeded(null);
    const written = JSON.parse(readFileSync(c.file, 'utf8')) as { names: Record<string, unknown>; salt?: unknown };
    expect(written.names).toEqual({ good: { failures: 4, nextAttemptAt: START + 5000 } });
    expect(written.salt).toBeUndefined();
  });

  it('a file holding no names, or names that are not a list of counts, is read as no names', () => {
    const c = counter();
    for (const names of [undefined, null, 'text', 7]) {
      writeFileSync(c.file, JSON.stringify({ failures: 1, nextAttemptAt: 0, attempts: 'none', names }));
      // read as it is, not as a damaged file (which would count 3)
      expect(c.throttle.failures()).toBe(1);
      expect(c.throttle.takeAttempts()).toEqual([]);
      c.throttle.succeeded(null);
      expect((JSON.parse(readFileSync(c.file, 'utf8')) as { names: unknown }).names).toEqual({});
    }
  });

  it('a salt already in the file is kept, so the same name keeps its count', () => {
    const c = counter();
    failMany(c, 'ada', 4);
    const salt = (JSON.parse(readFileSync(c.file, 'utf8')) as { salt: string }).salt;
    expect(salt).toMatch(/^[0-9a-f]{32}$/);
    failMany(c, 'bea', 1);
    expect((JSON.parse(readFileSync(c.file, 'utf8')) as { salt: string }).salt).toBe(salt);
  });
});
