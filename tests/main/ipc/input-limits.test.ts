/**
 * Issue 13, review finding: every string, array and record in every route's input schema has a
 * maximum size; an error reply never echoes a huge input; a refused call's audit entry is bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Backend } from '../../../src/main/backend';
import { api } from '../../../src/shared/api';
import { callError, setUpAndLogIn, tempDir } from '../helpers';

type Def = {
  type: string;
  checks?: Array<{ _zod: { def: { check: string; format?: string; params?: { maxKeys?: number } } } }>;
  format?: string;
  [key: string]: unknown;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The places in a schema where an input of any size would be accepted (paths, for the failure message). */
function unbounded(schema: z.ZodType, path: string, seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  const hasMax = checks.some((c) => c.check === 'max_length' || c.check === 'length_equals' || c.check === 'max_size');
  const walk = (inner: unknown, at = path) => unbounded(inner as z.ZodType, at, seen);
  switch (def.type) {
    case 'object': {
      const out = Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => walk(v, `${path}.${k}`));
      const catchall = def.catchall as z.ZodType | undefined;
      return catchall && defOf(catchall).type !== 'never' ? [...out, `${path}: an object that takes any extra key`] : out;
    }
    case 'array':
      return [...(hasMax ? [] : [`${path}: an array with no maximum`]), ...walk(def.element, `${path}[]`)];
    case 'record': {
      const bounded = checks.some((c) => c.check === 'custom' && typeof c.params?.maxKeys === 'number');
      return [...(bounded ? [] : [`${path}: a record with no maximum`]), ...walk(def.keyType, `${path}{key}`), ...walk(def.valueType, `${path}{}`)];
    }
    case 'string': {
      // A fixed format (uuid, ISO date, email ...) bounds it; a bare regex does not.
      const format = (def.format && def.format !== 'regex') || checks.some((c) => c.check === 'string_format' && c.format && c.format !== 'regex');
      return hasMax || format ? [] : [`${path}: a string with no maximum`];
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return walk(def.innerType);
    case 'pipe':
      return walk(def.in);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((o, i) => walk(o, `${path}|${i}`));
    case 'intersection':
      return [...walk(def.left), ...walk(def.right)];
    case 'tuple':
      return [...(def.items as z.ZodType[]).flatMap((o, i) => walk(o, `${path}[${i}]`)), ...(def.rest ? [`${path}: a tuple with no maximum`] : [])];
    case 'lazy':
      return walk((def.getter as () => z.ZodType)());
    case 'number':
    case 'int':
    case 'boolean':
    case 'enum':
    case 'literal':
    case 'null':
    case 'undefined':
    case 'date':
    case 'never':
    case 'void':
    case 'transform':
      return [];
    default:
      return [`${path}: a ${def.type} the test does not know how to check`];
  }
}

describe('every route’s input schema', () => {
  it('has a maximum on every string, array and record', () => {
    const found = Object.entries(api).flatMap(([name, def]) => unbounded(def.input, name));
    expect(found).toEqual([]);
  });

  it('the walker itself finds an unbounded array, record and string', async () => {
    const { z } = await import('zod');
    expect(unbounded(z.object({ a: z.array(z.uuid()), b: z.record(z.string().max(3), z.number()), c: z.string().regex(/x/) }), 'x')).toEqual([
      'x.a: an array with no maximum',
      'x.b: a record with no maximum',
      'x.c: a string with no maximum',
    ]);
  });
});

describe('a huge input through the real router', () => {
  let backend: Backend;
  let cleanup: () => void;
  beforeAll(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    ({ backend } = await setUpAndLogIn(t.dir));
  });
  afterAll(async () => {
    await backend.shutdown();
    cleanup();
  });

  const lastRefusal = async () =>
    backend.requireDb().selectFrom('audit_log').select(['action', 'detail']).where('outcome', '=', 'refused').orderBy('seq', 'desc').executeTakeFirstOrThrow();

  it('is refused with a short reply and a short audit entry, whatever its shape', async () => {
    const longKey = 'k'.repeat(100_000);
    const inputs: Array<[string, unknown]> = [
      ['tasks.add', { title: 'x'.repeat(2_000_000), assigneeRole: 'admin', dueOn: '2026-01-01' }],
      ['reports.update', { id: crypto.randomUUID(), version: 1, sections: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`${longKey.slice(0, 50)}${i}`, 'y'])) }],
      ['reports.update', { id: crypto.randomUUID(), version: 1, sections: { [longKey]: 'y' } }],
      ['participants.restrict', { id: crypto.randomUUID(), version: 1, restricted: true, staffIds: Array.from({ length: 50_000 }, (_, i) => `not-a-uuid-${i}`) }],
      ['staff.create', { fullName: 'x'.repeat(1_000_000), username: 'y'.repeat(1_000_000), jobTitle: '', role: 'admin' }],
    ];
    for (const [route, input] of inputs) {
      const error = await callError(backend, route as never, input);
      expect(error.code).toBe('VALIDATION');
      expect({ route, reply: JSON.stringify(error).length < 5_000 }).toEqual({ route, reply: true });
      const audit = await lastRefusal();
      expect(audit.action).toBe(route);
      expect({ route, audit: (audit.detail ?? '').length < 3_000 }).toEqual({ route, audit: true });
    }
  });
});
