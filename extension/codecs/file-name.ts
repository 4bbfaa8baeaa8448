/**
 * Export file names: a safe form of the origin (page-controlled text never reaches a file name as it
 * is) and the time, compact and sortable.
 */

/** `http://localhost:8088/` -> `localhost_8088`; anything outside [A-Za-z0-9.-] becomes `_`. */
export function safeOriginPart(origin: string | undefined): string {
  if (!origin) return 'all-origins';
  const withoutScheme = origin.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '');
  const safe = withoutScheme
    .replace(/[^A-Za-z0-9.-]+/g, '_')
    .replace(/^[._-]+|[._-]+$/g, '')
    .replace(/\.{2,}/g, '.')
    .slice(0, 64);
  return safe || 'origin';
}

/** `20261124T031500`, in UTC (the same file name wherever it was made). */
export function compactTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}` +
    `T${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`
  );
}

export function exportFileName(prefix: string, origin: string | undefined, now: number, suffix: string): string {
  return `${prefix}-${safeOriginPart(origin)}-${compactTime(now)}${suffix}`;
}
