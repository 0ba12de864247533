/**
 * Locks the window after `minutes` without use (mouse, keyboard, wheel,
 * touch). While someone is active it tells the back end at most once a minute
 * (`auth.touch`), so the back end's own back-stop timer does not lock first.
 * Real timers and Date, so tests can fast-forward them with page.clock.
 */
import { useEffect, useRef } from 'react';
import { call } from './api';

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart', 'touchmove'] as const;
export const TOUCH_INTERVAL_MS = 60_000;

export function useIdleLock(enabled: boolean, minutes: number, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    if (!enabled) return;
    const limit = Math.max(1, minutes) * 60_000;
    let lastActivity = Date.now();
    let lastTouch = Date.now();
    let fired = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const check = () => {
      const idleFor = Date.now() - lastActivity;
      if (idleFor >= limit) {
        fired = true;
        onIdleRef.current();
        return;
      }
      timer = setTimeout(check, limit - idleFor);
    };

    const activity = () => {
      if (fired) return;
      const now = Date.now();
      lastActivity = now;
      if (now - lastTouch >= TOUCH_INTERVAL_MS) {
        lastTouch = now;
        call('auth.touch', {}).catch(() => {
          // A refusal here (LOCKED) is handled by the onLocked listener.
        });
      }
    };

    timer = setTimeout(check, limit);
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, activity, { passive: true, capture: true });
    return () => {
      if (timer) clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, activity, { capture: true });
    };
  }, [enabled, minutes]);
}
