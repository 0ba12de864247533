/**
 * The back end's clock for services: `createBackend({ now })` (the real clock
 * unless a test sets it). A service that records "now" or judges "today" reads
 * it here rather than `new Date()`, so a test can fix the date and a run across
 * midnight gives the same answer.
 */
import { todayInLondon } from '../shared/dates';

interface HasClock {
  readonly backend: { now(): number };
}

/** This moment on the back end's clock, as an ISO timestamp (UTC). */
export const nowIso = (ctx: HasClock): string => new Date(ctx.backend.now()).toISOString();

/** Today's date in London on the back end's clock (YYYY-MM-DD). */
export const todayOf = (ctx: HasClock): string => todayInLondon(new Date(ctx.backend.now()));

/** Both at once, for work that judges the day and stamps the moment (a task raised due today). */
export const dayOf = (ctx: HasClock): { today: string; now: string } => ({ today: todayOf(ctx), now: nowIso(ctx) });
