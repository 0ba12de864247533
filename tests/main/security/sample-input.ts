/**
 * Builds an input that passes a route's zod schema, so the permission check
 * (which the router runs after validation) is what decides the answer. The
 * values are dull on purpose (ids that match nothing), so an allowed call ends
 * in "not found" or a harmless change rather than touching real records.
 */
import type { z } from 'zod';

const NIL_ID = '00000000-0000-4000-8000-000000000000';

type Def = { type: string; [key: string]: unknown };
type Schema = { _zod: { def: Def } };
type Check = { _zod: { def: { check: string; format?: string; pattern?: RegExp; minimum?: number } } };

function stringSample(s: Schema, name: string): string {
  const def = s._zod.def;
  const checks = ((def.checks as Check[] | undefined) ?? []).map((c) => c._zod.def);
  const formats = [def.format as string | undefined, ...checks.map((c) => c.format)];
  if (formats.includes('uuid') || formats.includes('guid')) return NIL_ID;
  if (formats.includes('email')) return 'someone@example.org';
  if (formats.includes('date')) return '2026-01-05';
  if (formats.includes('datetime')) return '2026-01-05T10:00:00.000Z';
  for (const { pattern } of checks) {
    if (!pattern) continue;
    for (const candidate of ['2026-01-05', '10:00', '2026-01-05T10:00:00.000Z', 'P-2026-0001', 'AAAA-BBBB']) {
      if (pattern.test(candidate)) return candidate;
    }
  }
  const min = Math.max(0, ...checks.map((c) => (c.check === 'min_length' ? Number(c.minimum) : 0)));
  const text = `${name} sample words`;
  return text.length >= min ? text : text.padEnd(min, 'x');
}

export function sample(schema: z.ZodType, name = 'value'): unknown {
  const s = schema as unknown as Schema;
  const def = s._zod.def;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(shape)) {
        const t = (field as unknown as Schema)._zod.def.type;
        if (t === 'optional' || t === 'default') continue;
        out[key] = sample(field, key);
      }
      return out;
    }
    case 'string':
      return stringSample(s, name);
    case 'number':
    case 'int': {
      const checks = ((def.checks as Check[] | undefined) ?? []).map((c) => c._zod.def);
      const min = checks.find((c) => c.check === 'greater_than')?.['value' as 'minimum'];
      return typeof min === 'number' ? Math.max(min, 1) : 1;
    }
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'array': {
      const checks = ((def.checks as Check[] | undefined) ?? []).map((c) => c._zod.def);
      const min = Math.max(0, ...checks.map((c) => (c.check === 'min_length' ? Number(c.minimum) : 0)));
      return Array.from({ length: min }, () => sample(def.element as z.ZodType, name));
    }
    case 'record':
      return {};
    case 'nullable':
      return null;
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return sample(def.innerType as z.ZodType, name);
    case 'pipe':
      return sample(def.in as z.ZodType, name);
    case 'union':
      return sample((def.options as z.ZodType[])[0]!);
    case 'discriminatedUnion':
      return sample((def.options as z.ZodType[])[0]!);
    case 'intersection':
      return { ...(sample(def.left as z.ZodType) as object), ...(sample(def.right as z.ZodType) as object) };
    case 'lazy':
      return sample((def.getter as () => z.ZodType)());
    default:
      return undefined;
  }
}
