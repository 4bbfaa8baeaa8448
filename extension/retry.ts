/**
 * Retry arithmetic from Chrome's log: where a one-shot tag stands in its attempts, and when Chrome
 * will try it next. Pure: a function of the records only.
 */
import type { SyncRecord, SyncService } from './model.ts';

/** Chrome's default: 3 attempts, the last one with lastChance (content/browser/background_sync). */
export const DEFAULT_MAX_ATTEMPTS = 3;

export interface RetryState {
  /** Chrome's own attempts since the tag was last registered (fires from the panel not counted). */
  attempts: number;
  /** Dispatches from outside (the panel's Fire now) since then. */
  firedFromOutside: number;
  /** True when the last outcome was a failure Chrome will retry. */
  inBackoff: boolean;
  /** When Chrome plans the next attempt (ms), if it said. */
  nextAttemptAt?: number;
  /** The last outcome, if any. */
  last?: SyncRecord;
  /** The outcome of the last fire from outside since the tag was registered, if it had one. */
  lastFromOutside?: SyncRecord;
}

/** Only Chrome's own log gives an outcome these (its retry delay, its failure reason or status keys). */
function isChromeOutcome(r: SyncRecord): boolean {
  return r.nextAttemptDelayMs !== undefined || r.metadata.some((m) => m.key === 'Status' || m.key === 'Failure Reason');
}

/**
 * Which dispatches of a one-shot tag were not Chrome's own attempts but fires from outside (the panel's
 * Fire now: ServiceWorker.dispatchSyncEvent), and their outcomes. Chrome attempts a registration at
 * once, then only when the retry delay it announced has passed, never twice at a time and never after
 * it completed or gave up; and where Chrome's log is at hand, each of its attempts ends in an outcome
 * it logged itself (a fire from outside never does). Any other dispatch is a fire from outside, and
 * Chrome's count stays as it was. `sorted`: one tag's records, by time.
 */
export function firesFromOutside(sorted: readonly SyncRecord[]): Set<string> {
  const outside = new Set<string>();
  const lane = sorted.filter((r) => r.service === 'backgroundSync' && r.source !== 'simulated');
  const chromeLogged = lane.some(
    (r) => r.eventName === 'Registered sync' || isChromeOutcome(r) || r.metadata.some((m) => m.key === 'Last Chance'),
  );
  // Each dispatch's outcome: the next failure or completion before the next dispatch or registration.
  const outcomeOf = new Map<string, SyncRecord>();
  let open: SyncRecord | undefined;
  for (const r of lane) {
    if (r.kind === 'dispatched') open = r;
    else if (r.kind === 'registered' || r.kind === 'reregistered') open = undefined;
    else if ((r.kind === 'failed' || r.kind === 'completed') && open) {
      outcomeOf.set(open.id, r);
      open = undefined;
    }
  }
  type State = { kind: 'fresh' } | { kind: 'running' } | { kind: 'waiting'; until: number } | { kind: 'done' };
  let state: State = { kind: 'fresh' };
  let lastWasOutside = false;
  for (const r of lane) {
    if (r.kind === 'registered' || r.kind === 'reregistered') {
      state = { kind: 'fresh' };
      lastWasOutside = false;
    } else if (r.kind === 'dispatched') {
      const outcome = outcomeOf.get(r.id);
      const due = state.kind === 'fresh' || (state.kind === 'waiting' && r.time >= state.until);
      const chromes = chromeLogged && outcome ? isChromeOutcome(outcome) : due;
      lastWasOutside = !chromes;
      if (chromes) state = { kind: 'running' };
      else outside.add(r.id);
    } else if (r.kind === 'failed' || r.kind === 'completed') {
      if (lastWasOutside) {
        outside.add(r.id);
        continue;
      }
      const delay = r.nextAttemptDelayMs;
      if (r.kind === 'completed' || delay === Infinity) state = { kind: 'done' };
      // A retry runs when its delay has passed (a little slack for clock rounding); without a delay
      // (an outcome seen by instrumentation alone) the next dispatch is taken as Chrome's.
      else state = { kind: 'waiting', until: r.time + (delay ?? 0) - Math.min(1000, (delay ?? 0) / 10) };
    }
  }
  return outside;
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
  const outside = firesFromOutside(mine);
  let attempts = 0;
  let firedFromOutside = 0;
  let last: SyncRecord | undefined;
  let lastFromOutside: SyncRecord | undefined;
  for (const r of mine) {
    if (r.kind === 'registered') {
      attempts = 0;
      firedFromOutside = 0;
      last = undefined;
      lastFromOutside = undefined;
    } else if ((r.kind === 'failed' || r.kind === 'completed') && outside.has(r.id)) {
      lastFromOutside = r;
    } else if (r.kind === 'dispatched') {
      if (outside.has(r.id)) firedFromOutside++;
      else attempts++;
    } else if ((r.kind === 'failed' || r.kind === 'completed') && !outside.has(r.id)) {
      last = r;
    }
  }
  const delay = last?.kind === 'failed' ? last.nextAttemptDelayMs : undefined;
  const inBackoff = delay !== undefined && Number.isFinite(delay);
  return {
    attempts,
    firedFromOutside,
    inBackoff,
    ...(inBackoff && last ? { nextAttemptAt: last.time + delay! } : {}),
    ...(last ? { last } : {}),
    ...(lastFromOutside ? { lastFromOutside } : {}),
  };
}
