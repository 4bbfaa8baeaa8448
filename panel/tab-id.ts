/**
 * Which tab this panel inspects: DevTools says so; a panel opened as a page (tests, a pinned tab)
 * names it in the query string: panel.html?tabId=N.
 */
export function inspectedTabId(): number | undefined {
  const fromDevtools = globalThis.chrome?.devtools?.inspectedWindow?.tabId;
  if (typeof fromDevtools === 'number') return fromDevtools;
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  return Number.isInteger(fromQuery) && fromQuery > 0 ? fromQuery : undefined;
}
