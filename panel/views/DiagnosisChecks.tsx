import { diagnose, verdict, type Check } from '../../extension/diagnosis.ts';
import type { OriginRegistrations, ScopeRegistration } from '../../extension/model.ts';
import { useSecondTicks } from '../use-now.ts';
import { usePanel } from '../state/context.ts';

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
  if (!session) return null;
  const checks = diagnose({
    registrations: regs,
    scope,
    tag,
    periodic,
    records: store.records.value,
    capabilities: session.capabilities,
    engine: session.engine,
    now,
  });
  // Only a retry back-off counts down ("in 4 min 59 s"): then, and only then, diagnose again each second.
  useSecondTicks(checks.some((c) => c.id === 'backoff' && c.state === 'warning'));
  const first = verdict(checks);
  return (
    <section class="diagnosis" aria-label={`Why won't it fire: ${tag}`}>
      <h4>Why won't it fire?</h4>
      <p class="verdict" data-testid="verdict">
        {first ? `${first.title}: ${first.detail}` : 'Nothing stops it: Chrome fires it when it is due.'}
      </p>
      <ul class="checks">
        {checks.map((c) => (
          <CheckItem key={c.id} check={c} regs={regs} scope={scope} tag={tag} periodic={periodic} />
        ))}
      </ul>
    </section>
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
          <strong>{check.title}</strong>: {check.detail}
        </p>
        {check.fix && <p class="check-fix">Fix: {check.fix}</p>}
        {check.action && <CheckAction check={check} regs={regs} scope={scope} tag={tag} periodic={periodic} />}
      </div>
    </li>
  );
}

function CheckAction({ check, regs, scope, tag }: { check: Check } & Props) {
  const { actions } = usePanel();
  const action = check.action!;
  const run = async () => {
    switch (action.kind) {
      case 'release':
        await actions.hold(scope.scope, false);
        return;
      case 'fire':
        await actions.fire({
          origin: regs.origin,
          scope: scope.scope,
          ...(scope.registrationId ? { registrationId: scope.registrationId } : {}),
          tag,
          lastChance: false,
          periodic: false,
        });
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
    <button type="button" disabled={!action.available} title={action.reason ?? ''} onClick={() => void run()}>
      {action.label}
    </button>
  );
}
