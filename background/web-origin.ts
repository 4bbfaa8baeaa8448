/** The origin of a URL (or a context's origin string) when it is a web origin (http/https); otherwise undefined. */
export function webOrigin(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
