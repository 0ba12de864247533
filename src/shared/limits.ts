/**
 * Size limits on route input (issue 13): every string, array and record a route accepts has a
 * maximum, so a huge input is refused by the schema with the field named, never carried into
 * the service, an error reply or the audit log. tests/main/ipc/input-limits.test.ts walks
 * every route's schema and fails on one without.
 */
import { z } from 'zod';

/** A record (an object keyed by ids or question numbers) of at most `max` entries; the marker lets the test see the limit. */
export function boundedRecord<K extends z.ZodType<string>, V extends z.ZodType>(key: K, value: V, max: number, what: string) {
  return z.record(key, value).refine((r) => Object.keys(r).length <= max, { message: `Too many ${what} (at most ${max})`, params: { maxKeys: max } });
}
