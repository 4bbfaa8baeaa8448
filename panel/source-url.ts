/**
 * Which source locations the panel hands to `chrome.devtools.panels.openResource`. The URL comes from
 * the inspected page (a stack, a report), so only what DevTools would show as a page's own script is
 * opened: http(s). A `javascript:`, `chrome-extension:` or `data:` URL is shown as text, never opened.
 */
export function openableSourceURL(url: string): boolean {
  if (url.length > 8192) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

export const notOpenable =
  'Not opened: the page reported this location, and only http(s) sources are opened in the Sources panel.';
