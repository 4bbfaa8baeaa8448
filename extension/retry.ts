/**
 * Retry arithmetic from Chrome's log: where a one-shot tag stands in its attempts, and when Chrome
 * will try it next. Pure: a function of the records only.
 */
import type { SyncRecord, SyncService } from './model.ts';

/** Chrome's default: 3 attempts, the last one with lastChance (content/browser/background_sync). */
export const DEFAULT_MAX_ATTEMPTS = 3;

export interface RetryState {
  /** Dispatches seen since the tag was last registered. */
  attempts: number;
  /** True when the last outcome was a failure Chrome will retry. */
  inBackoff: boolean;
  /** When Chrome plans the next attempt (ms), if it said. */
  nextAttemptAt?: number;
  /** The last outcome, if any. */
  last?: SyncRecord;
}

export function retryStateFor(
  records: readonly SyncRecord[],
  key: { origin: string; tag: string; service?: SyncService; registrationId?: string },
): RetryState {
  const service = key.service ?? 'backgroundSync';
  const mine = records
    .filter(
      (r) =>
        r.source !== 'simulated' &&
        r.origin === key.origin &&
        r.tag === key.tag &&
        r.service === service &&
        (key.registrationId === undefined || r.registrationId === key.registrationId),
    )
    .sort((a, b) => a.time - b.time);
  let attempts = 0;
  let last: SyncRecord | undefined;
  for (const r of mine) {
    if (r.kind === 'registered') {
      attempts = 0;
      last = undefined;
    } else if (r.kind === 'dispatched') {
      attempts++;
    } else if (r.kind === 'failed' || r.kind === 'completed') {
      last = r;
    }
  }
  const delay = last?.kind === 'failed' ? last.nextAttemptDelayMs : undefined;
  const inBackoff = delay !== undefined && Number.isFinite(delay);
  return {
    attempts,
    inBackoff,
    ...(inBackoff && last ? { nextAttemptAt: last.time + delay! } : {}),
    ...(last ? { last } : {}),
  };
}
