import { useComputed } from '@preact/signals';
import { useMemo, useState } from 'preact/hooks';
import type { OriginRegistrations, ScopeRegistration } from '../../extension/model.ts';
import { retryStateFor, DEFAULT_MAX_ATTEMPTS, type RetryState } from '../../extension/retry.ts';
import { CountdownText } from './timeline/Countdown.tsx';
import { useAhead } from '../use-now.ts';
import { displayOrigin, formatTime } from '../format.ts';
import { originTagKey } from '../state/record-index.ts';
import { usePanel } from '../state/context.ts';
import { DiagnosisChecks } from './DiagnosisChecks.tsx';
import { FireResultNote, useFireResult } from './FireResult.tsx';
import { BackoffNote, SimulateButton } from './Instrumentation.tsx';
import { Reason } from './Reason.tsx';
import { FailureControl } from './FailureControl.tsx';
import { QueueView } from './QueueView.tsx';

/** Origin > service-worker scope > pending tags, each with Fire sync now. */
export function Registrations() {
  const { store } = usePanel();
  const regs = store.registrations.value;
  if (!regs) return <p class="muted">Reading the page's service workers…</p>;
  return (
    <div class="registrations">
      <OriginHeader regs={regs} />
      {regs.error && (
        <p class="problem" role="alert">
          {regs.error}
        </p>
      )}
      {!regs.error && isWebOrigin(regs.origin) && regs.scopes.length === 0 && <NoWorker />}
      {regs.scopes.map((scope) => (
        <ScopeView key={scope.scope} regs={regs} scope={scope} />
      ))}
      <FailureControl />
      <QueueView regs={regs} />
    </div>
  );
}

/** about:blank, a new tab or a data: page has the opaque origin "null": no web page to inspect. */
export function isWebOrigin(origin: string | undefined): origin is string {
  return Boolean(origin) && /^https?:\/\//.test(origin!);
}

function NoWorker() {
  return (
    <div class="next-step" data-testid="no-worker">
      <p>No service worker is registered for this origin, so there is nothing to sync.</p>
      <p class="muted">
        Register one in the page (<code>navigator.serviceWorker.register('/sw.js')</code>) and reload; DevTools'{' '}
        <strong>Application › Service workers</strong> shows what Chrome knows about it.
      </p>
    </div>
  );
}

function OriginHeader({ regs }: { regs: OriginRegistrations }) {
  const { store, actions } = usePanel();
  const canAllow = store.session.value?.capabilities.periodicPermission;
  const periodic = regs.permissions.periodicBackgroundSync;
  if (!isWebOrigin(regs.origin))
    return (
      <div class="origin next-step" data-testid="no-page">
        <h2 class="origin-name">No web page in this tab</h2>
        <p class="muted">Open your app's page in this tab: Sync Inspector shows the page DevTools inspects.</p>
      </div>
    );
  return (
    <div class="origin">
      <h2 class="origin-name" title={regs.url}>
        {displayOrigin(regs.origin)}
      </h2>
      {regs.origin && !regs.secureContext && (
        <p class="problem">Not a secure context: Background Sync needs https:// or http://localhost.</p>
      )}
      <p class="permissions">
        <span>background-sync: {regs.permissions.backgroundSync ?? 'unknown'}</span>
        <span>periodic-background-sync: {periodic ?? 'unknown'}</span>
        {periodic !== undefined && periodic !== 'granted' && (
          <button
            type="button"
            disabled={!canAllow?.available}
            title={canAllow?.reason ?? 'Grant periodic-background-sync to this origin (Browser.setPermission)'}
            onClick={() => actions.allowPeriodic(regs.origin)}
          >
            Allow periodic sync for this origin
          </button>
        )}
      </p>
    </div>
  );
}

function ScopeView({ regs, scope }: { regs: OriginRegistrations; scope: ScopeRegistration }) {
  const { store, actions } = usePanel();
  const hold = store.session.value?.capabilities.hold;
  const [busy, setBusy] = useState(false);
  const toggleHold = async () => {
    setBusy(true);
    await actions.hold(scope.scope, !scope.heldOffline);
    setBusy(false);
  };
  return (
    <section class="scope" aria-label={`Service worker ${scope.scope}`}>
      <div class="scope-head">
        <span class="scope-url" title={scope.scriptURL}>
          {scope.scope}
        </span>
        <span class="muted">
          {scope.workerState}
          {scope.runningStatus ? `, ${scope.runningStatus.toLowerCase()}` : ''}
        </span>
        <button
          type="button"
          aria-pressed={scope.heldOffline}
          disabled={busy || !hold?.available || scope.workerState === 'none'}
          title={hold?.reason ?? 'Keep this worker offline so new syncs wait; release to fire them for real.'}
          onClick={toggleHold}
        >
          {/* A toggle keeps its name; aria-pressed carries the state (press again to release). */}
          Hold offline
        </button>
      </div>
      {scope.heldOffline && (
        <p class="held" role="status">
          Held offline: new syncs wait, and the worker is kept running while held. Press Hold offline again to release:
          Chrome then fires them for real.
        </p>
      )}
      {scope.error && <p class="problem">{scope.error}</p>}
      <TagList regs={regs} scope={scope} />
    </section>
  );
}

function TagList({ regs, scope }: { regs: OriginRegistrations; scope: ScopeRegistration }) {
  if (!scope.syncTags.length && !scope.periodicTags.length)
    return <p class="muted tags-empty">No pending sync tags.</p>;
  return (
    <ul class="tags" aria-label={`Tags of ${scope.scope}`}>
      {scope.syncTags.map((tag) => (
        <TagRow key={`s:${tag}`} regs={regs} scope={scope} tag={tag} periodic={false} />
      ))}
      {scope.periodicTags.map(({ tag }) => (
        <TagRow key={`p:${tag}`} regs={regs} scope={scope} tag={tag} periodic={true} />
      ))}
    </ul>
  );
}

/** Chrome's own attempts (fires from the panel apart) and, ticking, when it tries next. */
function Attempts({ retry }: { retry: RetryState }) {
  const next = retry.inBackoff && retry.nextAttemptAt ? retry.nextAttemptAt : undefined;
  // Renders again only when the next attempt falls due; the countdown is a text node on the clock.
  const ahead = useAhead(next);
  return (
    <span class="muted attempts" title={next ? `Chrome's next attempt at ${formatTime(next)}` : undefined}>
      {retry.attempts > 0 && `attempt ${retry.attempts} of ${DEFAULT_MAX_ATTEMPTS}`}
      {retry.attempts > 0 && retry.firedFromOutside > 0 && ' · '}
      {retry.firedFromOutside > 0 && `fired ${retry.firedFromOutside}× from the panel`}
      {next !== undefined &&
        (ahead ? (
          <>
            , next <CountdownText at={next} />
          </>
        ) : (
          ', next attempt due'
        ))}
    </span>
  );
}

function TagRow({
  regs,
  scope,
  tag,
  periodic,
}: {
  regs: OriginRegistrations;
  scope: ScopeRegistration;
  tag: string;
  periodic: boolean;
}) {
  const { store, actions } = usePanel();
  const [lastChance, setLastChance] = useState(false);
  const [why, setWhy] = useState(false);
  const [fireResult, fireCount, showFireResult, hideFireResult] = useFireResult();
  const capabilities = store.session.value?.capabilities;
  const can = periodic ? capabilities?.firePeriodic : capabilities?.fire;
  // Only this tag's records (an index kept per batch), and only when they change: not the whole log per batch.
  const mine = useComputed(() => store.tags.value.byOriginTag.get(originTagKey(regs.origin, tag))).value;
  const registrationId = scope.registrationId;
  const retry = useMemo(
    () =>
      periodic
        ? undefined
        : retryStateFor(mine ?? [], { origin: regs.origin, tag, ...(registrationId ? { registrationId } : {}) }),
    [periodic, mine, regs.origin, tag, registrationId],
  );
  return (
    <li class="tag">
      <span class="tag-kind">{periodic ? 'periodic' : 'one-shot'}</span>
      <span class="tag-name" data-testid="tag-name">
        {tag}
      </span>
      {retry && (retry.attempts > 0 || retry.firedFromOutside > 0) && <Attempts retry={retry} />}
      <span class="spacer" />
      {!periodic && (
        <label class="check" title={capabilities?.lastChance.reason ?? 'Dispatch as the last attempt'}>
          <input
            type="checkbox"
            checked={lastChance}
            disabled={!capabilities?.lastChance.available && !capabilities?.simulate.available}
            aria-label={`lastChance for ${tag}`}
            onChange={(e) => setLastChance(e.currentTarget.checked)}
          />
          lastChance
        </label>
      )}
      <button
        type="button"
        class="primary"
        disabled={!can?.available}
        title={can?.reason ?? ''}
        aria-label={`${periodic ? 'Fire periodic sync now' : 'Fire sync now'}: ${tag}`}
        onClick={async () => showFireResult(await actions.fire(regs.origin, scope, tag, { lastChance, periodic }))}
      >
        Fire now
      </button>
      <Reason state={can} />
      {!periodic && <SimulateButton scope={scope.scope} tag={tag} lastChance={lastChance} />}
      <button type="button" aria-expanded={why} aria-label={`Why won't it fire: ${tag}`} onClick={() => setWhy(!why)}>
        Why?
      </button>
      {periodic && (
        <button
          type="button"
          aria-label={`Unregister periodic tag: ${tag}`}
          title="periodicSync.unregister() in the page"
          onClick={() => void actions.unregisterPeriodic(scope.scope, tag)}
        >
          Unregister
        </button>
      )}
      <FireResultNote result={fireResult} count={fireCount} onDone={hideFireResult} />
      {!periodic && <BackoffNote tag={tag} last={retry?.last} />}
      {why && (
        <div class="tag-diagnosis">
          <DiagnosisChecks regs={regs} scope={scope} tag={tag} periodic={periodic} />
        </div>
      )}
    </li>
  );
}
