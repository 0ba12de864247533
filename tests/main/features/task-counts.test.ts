/**
 * "My tasks" are those given to me by name and those given to my role with no
 * one named. The list counts the two apart (each on its own index) and adds
 * them: the total and the overdue count must still be exactly what the list holds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { addDays } from '../../../src/shared/dates';
import { addStaff, call, setUpAndLogIn, switchTo, tempDir } from '../helpers';
import { testToday } from '../test-clock';

let cleanup: () => void = () => {};
let backend: Backend | null = null;
afterEach(async () => {
  await backend?.shutdown();
  backend = null;
  cleanup();
});

describe('my tasks: the counts', () => {
  it('count mine by name and mine by role once each, and nobody else’s', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const made = await setUpAndLogIn(t.dir);
    const b = (backend = made.backend);
    const mona = await addStaff(b, 'mona', 'manager');
    const mark = await addStaff(b, 'mark', 'manager');
    await switchTo(b, 'mona', mona.temporaryPassword);
    const today = testToday;
    const add = (title: string, who: { assigneeId?: string; assigneeRole?: 'manager' | 'facilitator' }, dueOn: string) =>
      call(b, 'tasks.add', { title, assigneeId: who.assigneeId ?? null, assigneeRole: who.assigneeRole ?? null, dueOn, urgent: false, participantId: null, detail: '' });
    await add('Mine by name, overdue', { assigneeId: mona.staff.id }, addDays(today, -3));
    await add('Mine by name', { assigneeId: mona.staff.id }, addDays(today, 2));
    await add('Any manager, overdue', { assigneeRole: 'manager' }, addDays(today, -1));
    await add('Any manager', { assigneeRole: 'manager' }, addDays(today, 5));
    await add('Mark’s, overdue', { assigneeId: mark.staff.id }, addDays(today, -2));
    await add('Any facilitator', { assigneeRole: 'facilitator' }, today);
    const done = await add('Mine, done', { assigneeId: mona.staff.id }, addDays(today, -5));
    await call(b, 'tasks.complete', { id: done.id, note: 'Done' });

    const mine = await call(b, 'tasks.list', { scope: 'mine', pageSize: 200 });
    expect(mine.tasks.map((task) => task.title)).toEqual(['Mine by name, overdue', 'Any manager, overdue', 'Mine by name', 'Any manager']);
    expect(mine.total).toBe(4);
    expect(mine.overdue).toBe(2);

    // A page smaller than the list: the total is still all of them.
    for (let i = 0; i < 12; i++) await add(`More ${i}`, i % 2 ? { assigneeId: mona.staff.id } : { assigneeRole: 'manager' }, addDays(today, 10 + i));
    const first = await call(b, 'tasks.list', { scope: 'mine', pageSize: 10 });
    const second = await call(b, 'tasks.list', { scope: 'mine', pageSize: 10, page: 2 });
    expect(first.total).toBe(16);
    expect(first.tasks).toHaveLength(10);
    expect(second.tasks).toHaveLength(6);
    // Each answer says which page it is, so the window's "Showing 11–16" matches the rows it shows while the next page loads.
    expect([first.page, second.page]).toEqual([1, 2]);
    // A page past the end (its last task was just closed) answers with the last page that has tasks.
    const past = await call(b, 'tasks.list', { scope: 'mine', pageSize: 10, page: 3 });
    expect(past.page).toBe(2);
    expect(past.tasks.map((task) => task.id)).toEqual(second.tasks.map((task) => task.id));
    expect(new Set([...first.tasks, ...second.tasks].map((task) => task.id)).size).toBe(16);

    const closed = await call(b, 'tasks.list', { scope: 'mine', status: 'done' });
    expect(closed.total).toBe(1);
    expect(closed.overdue).toBe(0);
  });
});
