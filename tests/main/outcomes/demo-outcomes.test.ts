/**
 * The demo's outcomes (issue 18, part 7): its programme types have objectives, so the
 * facilitators' rating of his progress has figures on the outcomes page, as his own view and her
 * answers do.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { addDays } from '../../../src/shared/dates';
import { DEMO_ACCOUNTS, seedDemo } from '../../../src/main/demo/seed';
import { call, newBackend, tempDir } from '../helpers';
import { testToday } from '../test-clock';

const temp = tempDir();
let backend: Backend;
beforeAll(async () => {
  backend = await newBackend(temp.dir);
  await seedDemo(backend);
}, 180_000);
afterAll(async () => {
  await backend?.shutdown();
  temp.cleanup();
});

it('gives every programme type objectives, and the outcomes page a facilitators’ rating', async () => {
  if (backend.session) await call(backend, 'auth.logout', {});
  await call(backend, 'auth.login', { username: 'manager', password: DEMO_ACCOUNTS.find((a) => a.username === 'manager')!.password });
  for (const p of await call(backend, 'programmes.list', {})) expect(p.objectives.length, p.name).toBeGreaterThan(0);
  const today = testToday;
  const s = await call(backend, 'outcomes.summary', { from: addDays(today, -365 * 3), to: today });
  expect(s.tooFew).toBeNull();
  const progress = s.indicators.find((i) => i.set === 'rating');
  expect(progress, 'an indicator of the facilitators’ rating').toBeDefined();
  expect(progress!.points.some((p) => p.paired !== '0')).toBe(true);
}, 60_000);
