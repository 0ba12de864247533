/** After too many wrong passwords the back end says how long to wait; this counts it down. */
import { useCallback, useEffect, useState } from 'react';

export function useRetryCountdown() {
  const [until, setUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= until) setUntil(null);
    }, 250);
    return () => clearInterval(timer);
  }, [until]);

  const start = useCallback((seconds: number | undefined) => {
    if (!seconds || seconds <= 0) return;
    const t = Date.now();
    setNow(t);
    setUntil(t + seconds * 1000);
  }, []);

  const secondsLeft = until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
  return { secondsLeft, waiting: secondsLeft > 0, start };
}

export function waitMessage(seconds: number): string {
  return `Too many unsuccessful attempts. You can try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}
