/**
 * What the panel shows at the moment of an export, beside the records: the inspected origin, its
 * service-worker scopes and worker states, the permissions, and every pending tag with where it stands
 * in Chrome's attempts. An export made before anything was observed still says what is pending.
 * Documented in docs/export-format.md ("snapshot"); pure, so it is unit-tested.
 */
import type { EngineKind } from '../messages.ts';
import type { OriginRegistrations, SyncRecord } from '../model.ts';
import { DEFAULT_MAX_ATTEMPTS, retryStateFor } from '../retry.ts';

export interface PendingTagSnapshot {
  tag: string;
  /** Chrome's own attempts since the tag was registered (fires from the panel apart). */
  attempts: number;
  maxAttempts: number;
  /** Fires from outside (Sync Inspector's Fire now) since then. */
  firedFromPanel: number;
  /** Waiting in Chrome's retry back-off after a failed attempt. */
  inBackoff: boolean;
  /** When Chrome plans its next attempt, ISO 8601 UTC, if it said. */
  nextAttemptAt?: string;
  /** The last outcome of Chrome's own attempts, if any. */
  lastOutcome?: { kind: 'failed' | 'completed'; at: string; status?: string; reason?: string };
}

export interface ScopeSnapshot {
  scope: string;
  registrationId?: string;
  scriptURL?: string;
  workerState: string;
  runningStatus?: string;
  heldOffline: boolean;
  syncTags: PendingTagSnapshot[];
  periodicTags: Array<{ tag: string }>;
  error?: string;
}

export interface ExportSnapshot {
  /** ISO 8601 UTC: when the page's registrations were read. */
  readAt: string;
  origin: string;
  url: string;
  secureContext: boolean;
  online?: boolean;
  /** Which engine served the tab (docs: "Two engines behind one panel"). */
  engine: EngineKind;
  permissions: { backgroundSync?: string; periodicBackgroundSync?: string };
  scopes: ScopeSnapshot[];
  error?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function exportSnapshot(
  registrations: OriginRegistrations,
  records: readonly SyncRecord[],
  engine: EngineKind,
): ExportSnapshot {
  return {
    readAt: iso(registrations.readAt),
    origin: registrations.origin,
    url: registrations.url,
    secureContext: registrations.secureContext,
    ...(registrations.online !== undefined ? { online: registrations.online } : {}),
    engine,
    permissions: { ...registrations.permissions },
    scopes: registrations.scopes.map((s) => ({
      scope: s.scope,
      ...(s.registrationId !== undefined ? { registrationId: s.registrationId } : {}),
      ...(s.scriptURL !== undefined ? { scriptURL: s.scriptURL } : {}),
      workerState: s.workerState,
      ...(s.runningStatus !== undefined ? { runningStatus: s.runningStatus } : {}),
      heldOffline: s.heldOffline,
      syncTags: s.syncTags.map((tag) => pendingTag(records, registrations.origin, tag, s.registrationId)),
      periodicTags: s.periodicTags.map((p) => ({ tag: p.tag })),
      ...(s.error !== undefined ? { error: s.error } : {}),
    })),
    ...(registrations.error !== undefined ? { error: registrations.error } : {}),
  };
}

function pendingTag(
  records: readonly SyncRecord[],
  origin: string,
  tag: string,
  registrationId: string | undefined,
): PendingTagSnapshot {
  const retry = retryStateFor(records, { origin, tag, ...(registrationId !== undefined ? { registrationId } : {}) });
  const last = retry.last;
  return {
    tag,
    attempts: retry.attempts,
    maxAttempts: DEFAULT_MAX_ATTEMPTS,
    firedFromPanel: retry.firedFromOutside,
    inBackoff: retry.inBackoff,
    ...(retry.nextAttemptAt !== undefined ? { nextAttemptAt: iso(retry.nextAttemptAt) } : {}),
    ...(last && (last.kind === 'failed' || last.kind === 'completed')
      ? {
          lastOutcome: {
            kind: last.kind,
            at: iso(last.time),
            ...(last.status !== undefined ? { status: last.status } : {}),
            ...(last.reason !== undefined ? { reason: last.reason } : {}),
          },
        }
      : {}),
  };
}
