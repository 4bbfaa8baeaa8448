import { diagnose, verdict, type Check } from '../../extension/diagnosis.ts';
import type { OriginRegistrations, ScopeRegistration } from '../../extension/model.ts';
import { retryStateFor } from '../../extension/retry.ts';
import { formatTime } from '../format.ts';
import { originTagKey } from '../state/record-index.ts';
import { useAhead } from '../use-now.ts';
import { usePanel } from '../state/context.ts';
import { shortReason } from '../status-words.ts';
import { FireResultNote, useFireResult } from './FireResult.tsx';
import { CountdownText } from './timeline/Countdown.tsx';

const ICON = { ok: '✓', problem: '✗', warning: '!', info: 'i' } as const;
const STATE_LABEL = { ok: 'fine', problem: 'blocks it', warning: 'delays it', info: 'note' } as const;

interface Props {
  regs: OriginRegistrations;
  scope: ScopeRegistration;
  tag: string;
  periodic: boolean;
}

/** "Why won't it fire?" for one tag: every rule, what was found, what to do, and a button where we can do it. */
export function DiagnosisChecks({ regs, scope, tag, periodic }: Props) {
  const { store } = usePanel();
  const now = Date.now();
  const session = store.session.value;
  const checks = session
    ? diagnose({
        registrations: regs,
        scope,
        tag,
        periodic,
        records: store.records.value,
        capabilities: session.capabilities,
        engine: session.engine,
        now,
      })
    : [];
  // A retry back-off counts down ("in 4 min 59 s", and the note after a fire): its words are text
  // nodes on the clock (LiveDetail); the rules run again only when the retry time passes.
  useAhead(checks.find((c) => c.countdown)?.countdown?.at);
  if (!session) return null;
  const first = verdict(checks);
  // Problems first, then what delays it and notes; the checks that pass fold away under one line.
  const rank = { problem: 0, warning: 1, info: 2, ok: 3 } as const;
  const open = checks.filter((c) => c.state !== 'ok').sort((a, b) => rank[a.state] - rank[b.state]);
  const passing = checks.filter((c) => c.state === 'ok');
  const item = (c: Check) => <CheckItem key={c.id} check={c} regs={regs} scope={scope} tag={tag} periodic={periodic} />;
  return (
    <section class="diagnosis" aria-label={`Why won't it fire: ${tag}`}>
      <h4>Why won't it fire?</h4>
      {store.loading.value && (
        <p class="muted" data-testid="diagnosis-partial">
          Older events are still loading: these checks read the newest {store.loading.value.held} of{' '}
          {store.loading.value.total}.
        </p>
      )}
      <p class="verdict" data-testid="verdict">
        {first ? (
          <>
            {first.title}: <LiveDetail text={first.detail} countdown={first.countdown} />
          </>
        ) : (
          'Nothing stops it: Chrome fires it when it is due.'
        )}
      </p>
      {!periodic && <ManualFireNote regs={regs} scope={scope} tag={tag} now={now} />}
      {open.length > 0 && <ul class="checks">{open.map(item)}</ul>}
      {passing.length > 0 && (
        <details class="passing">
          <summary>
            {passing.length} {passing.length === 1 ? 'check passes' : 'checks pass'}
          </summary>
          <ul class="checks">{passing.map(item)}</ul>
        </details>
      )}
    </section>
  );
}

/**
 * After a fire from the panel: how it ended, and that Chrome's own registration is untouched by it (a
 * tag in back-off still gets Chrome's scheduled retry at its time).
 */
function ManualFireNote({
  regs,
  scope,
  tag,
  now,
}: {
  regs: OriginRegistrations;
  scope: ScopeRegistration;
  tag: string;
  now: number;
}) {
  const { store } = usePanel();
  const mine = store.tags.value.byOriginTag.get(originTagKey(regs.origin, tag)) ?? [];
  const retry = retryStateFor(mine, {
    origin: regs.origin,
    tag,
    ...(scope.registrationId ? { registrationId: scope.registrationId } : {}),
  });
  const outcome = retry.lastFromOutside;
  if (!outcome) return null;
  const ok = outcome.kind === 'completed' && (outcome.status === undefined || outcome.status === 'succeeded');
  const next = retry.inBackoff && retry.nextAttemptAt !== undefined ? retry.nextAttemptAt : undefined;
  return (
    <p class={`manual-fire ${ok ? 'ok' : 'bad'}`} data-testid="manual-fire">
      {ok
        ? `Your fire from the panel at ${formatTime(outcome.time)} succeeded.`
        : `Your fire from the panel at ${formatTime(outcome.time)} failed${outcome.reason ? `: ${outcome.reason}` : '.'}`}{' '}
      {next !== undefined ? (
        next > now ? (
          <>
            Chrome's own registration still waits in back-off: Chrome runs its scheduled retry{' '}
            <CountdownText at={next} /> ({formatTime(next)}) all the same.
          </>
        ) : (
          `Chrome's own registration still waits in back-off: Chrome runs its scheduled retry now (${formatTime(next)}) all the same.`
        )
      ) : (
        "Chrome's own registration is not changed by it."
      )}
    </p>
  );
}

/** A check's words, its countdown (when it has one) kept current by the clock without a render. */
function LiveDetail({ text, countdown }: { text: string; countdown: Check['countdown'] }) {
  const at = countdown ? text.indexOf(countdown.text) : -1;
  if (!countdown || at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <CountdownText at={countdown.at} />
      {text.slice(at + countdown.text.length)}
    </>
  );
}

function CheckItem({ check, regs, scope, tag, periodic }: { check: Check } & Props) {
  return (
    <li class={`check-item check-${check.state}`} data-check={check.id} data-state={check.state}>
      <span class="check-icon" aria-label={STATE_LABEL[check.state]}>
        {ICON[check.state]}
      </span>
      <div class="check-body">
        <p>
          <strong>{check.title}</strong>: <LiveDetail text={check.detail} countdown={check.countdown} />
        </p>
        {check.fix && <p class="check-fix">Fix: {check.fix}</p>}
        {check.action && <CheckAction check={check} regs={regs} scope={scope} tag={tag} periodic={periodic} />}
      </div>
    </li>
  );
}

function CheckAction({ check, regs, scope, tag }: { check: Check } & Props) {
  const { actions } = usePanel();
  const [fireResult, fireCount, showFireResult, hideFireResult] = useFireResult();
  const action = check.action!;
  const run = async () => {
    switch (action.kind) {
      case 'release':
        await actions.hold(scope.scope, false);
        return;
      case 'fire':
        showFireResult(await actions.fire(regs.origin, scope, tag, { lastChance: false, periodic: false }));
        return;
      case 'reregister': {
        await actions.reregister(scope.scope, tag);
        return;
      }
      case 'allowPeriodic':
        await actions.allowPeriodic(regs.origin);
        return;
      case 'unregisterPeriodic':
        await actions.unregisterPeriodic(scope.scope, tag);
        return;
    }
  };
  return (
    <>
      <button type="button" disabled={!action.available} title={action.reason ?? ''} onClick={() => void run()}>
        {action.label}
      </button>
      {!action.available && action.reason && <span class="reason">{shortReason(action.reason)}</span>}
      <FireResultNote result={fireResult} count={fireCount} onDone={hideFireResult} />
    </>
  );
}
