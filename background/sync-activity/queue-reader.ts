/**
 * Reads the inspected origin's Workbox queues through Runtime.evaluate in the page (both engines have
 * a page session), removes one entry on the user's request, and exports a queue. What the page
 * answers is checked again here: the page controls its database and our evaluated code's globals.
 */
import type { CdpClient } from '../../extension/cdp/client.ts';
import { MAX_URL, type QueueEntry, type WorkboxQueues } from '../../extension/activity-model.ts';
import { exportInPage, readQueuesInPage, removeInPage } from './queue-in-page.ts';
import { errorMessage } from '../../extension/error-message.ts';
import { evaluateInOurWorld } from '../our-page-world.ts';
import { MAX_TAG_LENGTH } from '../../extension/record-facts.ts';

/** At most this many entries are listed; the rest are counted. */
export const MAX_LISTED_ENTRIES = 500;
const READ_TIMEOUT_MS = 3000;
/** Exported bodies are cut at this many bytes each. */
export const MAX_EXPORTED_BODY = 1024 * 1024;

async function evaluate(client: CdpClient, expression: string, sessionId?: string): Promise<unknown> {
  // In a world of our own (the page's IndexedDB, built-ins the page cannot have replaced).
  const { result, exceptionDetails } = await evaluateInOurWorld(
    client,
    { expression, awaitPromise: true, returnByValue: true, silent: true, userGesture: false },
    sessionId,
  );
  if (exceptionDetails)
    throw new Error(exceptionDetails.exception?.description?.split('\n')[0] ?? exceptionDetails.text);
  return result.value;
}

export async function readWorkboxQueues(client: CdpClient, sessionId?: string): Promise<WorkboxQueues> {
  const expression = `(${readQueuesInPage.toString()})(${MAX_LISTED_ENTRIES}, ${MAX_URL}, ${READ_TIMEOUT_MS})`;
  try {
    return sanitizeQueues(await evaluate(client, expression, sessionId));
  } catch (error) {
    return unreadable(`Could not read the Workbox queues: ${errorMessage(error)}`);
  }
}

export async function removeQueueEntry(
  client: CdpClient,
  entry: { id: number; queueName: string; queuedAt: number },
): Promise<{ removed: boolean; reason?: string }> {
  if (!Number.isSafeInteger(entry.id) || typeof entry.queueName !== 'string' || !Number.isFinite(entry.queuedAt))
    throw new Error('Not a queue entry.');
  const args = [entry.id, entry.queueName, entry.queuedAt].map((a) => JSON.stringify(a)).join(', ');
  const value = (await evaluate(client, `(${removeInPage.toString()})(${args})`)) as Record<string, unknown> | null;
  return {
    removed: value?.removed === true,
    ...(typeof value?.reason === 'string' ? { reason: value.reason.slice(0, 500) } : {}),
  };
}

/** A queue's entries with headers and (capped) bodies, as plain JSON for a file. */
export async function exportQueue(client: CdpClient, queueName: string): Promise<unknown[]> {
  if (typeof queueName !== 'string' || queueName.length > MAX_TAG_LENGTH) throw new Error('Not a queue name.');
  const expression = `(${exportInPage.toString()})(${JSON.stringify(queueName)}, ${MAX_EXPORTED_BODY})`;
  const value = await evaluate(client, expression);
  return Array.isArray(value) ? value : [];
}

function unreadable(reason: string): WorkboxQueues {
  return { state: 'unreadable', reason, entries: [], skipped: 0, skippedReasons: [], notListed: 0 };
}

const count = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0);
const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : undefined);

/** Checks the page's answer field by field; an entry of the wrong shape is skipped and counted. */
export function sanitizeQueues(value: unknown): WorkboxQueues {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  if (v.state === 'none') return { state: 'none', entries: [], skipped: 0, skippedReasons: [], notListed: 0 };
  if (v.state !== 'read') return unreadable(text(v.reason, 1000) ?? 'The page gave no readable answer.');
  const entries: QueueEntry[] = [];
  let skipped = count(v.skipped);
  const skippedReasons = Array.isArray(v.skippedReasons)
    ? v.skippedReasons
        .map((r) => text(r, 200))
        .filter((r): r is string => r !== undefined)
        .slice(0, 5)
    : [];
  for (const raw of Array.isArray(v.entries) ? v.entries.slice(0, MAX_LISTED_ENTRIES) : []) {
    const e = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const url = text(e.url, MAX_URL);
    const queueName = text(e.queueName, MAX_URL);
    if (
      !Number.isSafeInteger(e.id) ||
      url === undefined ||
      queueName === undefined ||
      typeof e.queuedAt !== 'number' ||
      !Number.isFinite(e.queuedAt)
    ) {
      skipped++;
      continue;
    }
    entries.push({
      id: e.id as number,
      queueName,
      queuedAt: e.queuedAt,
      method: text(e.method, 20) ?? 'GET',
      url,
      ...(e.urlTruncated === true ? { urlTruncated: true } : {}),
      bodySize: typeof e.bodySize === 'number' && Number.isFinite(e.bodySize) ? e.bodySize : -1,
      headerCount: count(e.headerCount),
    });
  }
  return { state: 'read', entries, skipped, skippedReasons, notListed: count(v.notListed) };
}
