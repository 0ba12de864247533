/**
 * The clock every test back end runs on (issue 20, item 6), and the "today" the
 * fixtures date things from.
 *
 * It is the computer's clock, moving in real time, except that a run started in
 * the afternoon (London time) is set back to the same day's late morning, keeping
 * its minutes and seconds. So the back end's "today" stays the day the fixtures
 * took as theirs for at least twelve hours: a run that starts at 23:50 still
 * judges every due date, waiting list and attendance summary on the same day as
 * the dates its set-up wrote, instead of one day later after midnight. Before
 * noon the clock is the computer's own, unchanged.
 */
import { todayInLondon } from '../../src/shared/dates';

const londonHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' });
const startedAt = Date.now();
const hour = Number(londonHour.format(startedAt));
/** How far the test clock is behind the computer's: whole hours, so the London date and minutes are kept. */
const offset = hour >= 12 ? (hour - 11) * 3_600_000 : 0;

/** This moment on the test clock (milliseconds, like Date.now()). */
export const testNow = (): number => Date.now() - offset;

/** This moment on the test clock, as an ISO timestamp: for inputs a service compares with its own "now". */
export const testNowIso = (): string => new Date(testNow()).toISOString();

/** The day the run started, in London: the back end's today for the next twelve hours at least. */
export const testToday = todayInLondon(new Date(startedAt - offset));
