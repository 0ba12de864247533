import { performance } from 'node:perf_hooks';

/**
 * The longest the main thread went without running a timer while `work` ran:
 * how long a call from the window could have waited. A timer every 5 ms; any
 * gap beyond that is the event loop held by something synchronous (or, on a
 * busy machine, by the operating system: quote it with the machine's load).
 */
export async function longestStall<T>(work: () => Promise<T>): Promise<[number, T]> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    const value = await work();
    longest = Math.max(longest, performance.now() - last);
    return [longest, value];
  } finally {
    clearInterval(timer);
  }
}
