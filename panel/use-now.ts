import { useEffect, useState } from 'preact/hooks';

/** The current time, re-read every `everyMs` while the component is shown: drives countdowns and the "now" line. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
