/**
 * Reads the inspected page's service-worker registrations, their sync tags and permission states by
 * evaluating a script in the page (in a world of our own: our-page-world.ts). Runtime.evaluate is
 * allowed to chrome.debugger too, so this one reader serves both engines.
 */
import type { CdpClient } from '../extension/cdp/client.ts';
import type { OriginRegistrations, ScopeRegistration } from '../extension/model.ts';
import { evaluateInOurWorld } from './our-page-world.ts';
import { readWorkboxQueues } from './sync-activity/queue-reader.ts';

/** Runs in the page. Self-contained: it is sent as source text. */
async function readInPage() {
  const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  const permission = async (name: string) => {
    try {
      return (await navigator.permissions.query({ name } as unknown as PermissionDescriptor)).state as string;
    } catch (e) {
      return `unknown (${errorText(e)})`;
    }
  };
  const result = {
    origin: location.origin,
    url: location.href,
    secureContext: isSecureContext,
    online: navigator.onLine,
    permissions: {} as Record<string, string>,
    scopes: [] as Array<Record<string, unknown>>,
    error: undefined as string | undefined,
  };
  if (!('serviceWorker' in navigator)) {
    result.error = isSecureContext
      ? 'This page has no navigator.serviceWorker.'
      : 'Not a secure context: service workers and Background Sync need https:// or http://localhost.';
    return result;
  }
  // Every query at once: the panel's first view waits for this read.
  const [backgroundSync, periodicBackgroundSync, registrations] = await Promise.all([
    permission('background-sync'),
    permission('periodic-background-sync'),
    navigator.serviceWorker.getRegistrations(),
  ]);
  result.permissions.backgroundSync = backgroundSync;
  result.permissions.periodicBackgroundSync = periodicBackgroundSync;
  const readScope = async (reg: ServiceWorkerRegistration) => {
    const worker = reg.active ?? reg.waiting ?? reg.installing;
    const entry: Record<string, unknown> = {
      scope: reg.scope,
      workerState: worker ? worker.state : 'none',
      scriptURL: worker?.scriptURL,
      syncTags: [],
      periodicTags: [],
    };
    const r = reg as ServiceWorkerRegistration & {
      sync?: { getTags(): Promise<string[]> };
      periodicSync?: { getTags(): Promise<string[]> };
    };
    // Async wrappers: a page's getTags that throws at once is that scope's error, like a rejection.
    const [sync, periodic] = await Promise.allSettled([
      (async () => (r.sync ? r.sync.getTags() : []))(),
      (async () => (r.periodicSync ? (await r.periodicSync.getTags()).map((tag) => ({ tag })) : []))(),
    ]);
    const errors: string[] = [];
    if (sync.status === 'fulfilled') entry.syncTags = sync.value;
    else errors.push(`sync.getTags(): ${errorText(sync.reason)}`);
    if (periodic.status === 'fulfilled') entry.periodicTags = periodic.value;
    else errors.push(`periodicSync.getTags(): ${errorText(periodic.reason)}`);
    if (errors.length) entry.error = errors.join('; ');
    return entry;
  };
  result.scopes = await Promise.all(registrations.map(readScope));
  return result;
}

const READ_EXPRESSION = `(${readInPage.toString()})()`;

export async function readRegistrations(client: CdpClient, sessionId?: string): Promise<OriginRegistrations> {
  // The Workbox queues in the same round trip's time: two evaluations under way at once.
  const queues = readWorkboxQueues(client, sessionId);
  // In a world of our own: the page may have replaced the Promise built-ins this read uses.
  const { result, exceptionDetails } = await evaluateInOurWorld(
    client,
    { expression: READ_EXPRESSION, awaitPromise: true, returnByValue: true, silent: true, userGesture: false },
    sessionId,
  );
  if (exceptionDetails) {
    throw new Error(
      `reading registrations failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
    );
  }
  const snapshot = sanitize(result.value);
  if (!snapshot.error) snapshot.queues = await queues;
  return snapshot;
}

/** The page answered: check every field, since the page controls all of it. */
function sanitize(value: unknown): OriginRegistrations {
  const v = (value ?? {}) as Record<string, unknown>;
  const str = (x: unknown, fallback = '') => (typeof x === 'string' ? x : fallback);
  const origin = str(v.origin);
  const permissions = (v.permissions ?? {}) as Record<string, unknown>;
  const scopes: ScopeRegistration[] = Array.isArray(v.scopes)
    ? v.scopes.map((s: Record<string, unknown>) => ({
        scope: str(s.scope),
        workerState: str(s.workerState, 'none'),
        ...(typeof s.scriptURL === 'string' ? { scriptURL: s.scriptURL } : {}),
        syncTags: Array.isArray(s.syncTags) ? s.syncTags.filter((t): t is string => typeof t === 'string') : [],
        periodicTags: Array.isArray(s.periodicTags)
          ? s.periodicTags
              .filter((t: { tag?: unknown }) => typeof t?.tag === 'string')
              .map((t: { tag: string }) => ({ tag: t.tag }))
          : [],
        heldOffline: false,
        ...(typeof s.error === 'string' ? { error: s.error } : {}),
      }))
    : [];
  return {
    origin: origin.endsWith('/') || origin === 'null' || origin === '' ? origin : origin + '/',
    url: str(v.url),
    secureContext: v.secureContext === true,
    ...(typeof v.online === 'boolean' ? { online: v.online } : {}),
    permissions: {
      ...(typeof permissions.backgroundSync === 'string' ? { backgroundSync: permissions.backgroundSync } : {}),
      ...(typeof permissions.periodicBackgroundSync === 'string'
        ? { periodicBackgroundSync: permissions.periodicBackgroundSync }
        : {}),
    },
    scopes,
    readAt: Date.now(),
    ...(typeof v.error === 'string' ? { error: v.error } : {}),
  };
}
