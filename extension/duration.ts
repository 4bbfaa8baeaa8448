/**
 * How long something takes, waits or has waited, for people: "12 ms", "1.5 s", "4 min 59 s", "12 h",
 * "2 days 3 h", "never".
 * Below 10 s a tenth of a second still tells handler runs apart; above, whole units read better.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'never';
  if (ms <= 0) return '0 s';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${+(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  const days = d === 1 ? '1 day' : `${d} days`;
  return h % 24 ? `${days} ${h % 24} h` : days;
}
