import { useState } from 'preact/hooks';
import { describeFakedAnswer, type ArmedFailure } from '../../extension/activity-model.ts';
import { usePanel } from '../state/context.ts';

/**
 * "Make this sync fail": the worker's requests matching a pattern get a network error or a chosen
 * HTTP status from Sync Inspector for the next attempts, to exercise retry, back-off and lastChance
 * without touching the server. Said loudly while armed; off when the panel closes.
 */
export function FailureControl() {
  const { store } = usePanel();
  const armed = store.session.value?.failure;
  const canAttach = store.session.value?.engine !== 'none';
  return (
    <section class="failure-control" aria-label="Make this sync fail">
      {armed ? <ArmedView armed={armed} /> : <ArmForm disabled={!canAttach} />}
    </section>
  );
}

function ArmedView({ armed }: { armed: ArmedFailure }) {
  const { actions } = usePanel();
  const left =
    armed.remaining === null
      ? 'until turned off'
      : `for ${armed.remaining} more ${armed.remaining === 1 ? 'attempt' : 'attempts'}`;
  return (
    <p class="armed" role="status" data-testid="failure-armed">
      Failing on purpose: the worker's requests matching {armed.plan.urlPattern} get {describeFakedAnswer(armed.plan)}{' '}
      from Sync Inspector, {left} ({armed.faked} faked so far).{' '}
      <button type="button" class="danger" onClick={() => void actions.setFailure(null)}>
        Stop failing
      </button>
    </p>
  );
}

function ArmForm({ disabled }: { disabled: boolean }) {
  const { actions } = usePanel();
  const [open, setOpen] = useState(false);
  const [pattern, setPattern] = useState('*');
  const [kind, setKind] = useState<'status' | 'network'>('status');
  const [status, setStatus] = useState(503);
  const [attempts, setAttempts] = useState(1);
  const [untilOff, setUntilOff] = useState(false);
  if (!open)
    return (
      <button
        type="button"
        disabled={disabled}
        title="Answer the worker's requests with a failure, to exercise retries, back-off and lastChance"
        onClick={() => setOpen(true)}
      >
        Make this sync fail…
      </button>
    );
  const arm = () =>
    void actions.setFailure({
      urlPattern: pattern,
      answer: kind === 'network' ? { kind: 'network' } : { kind: 'status', status },
      attempts: untilOff ? null : attempts,
    });
  return (
    <form
      class="failure-form"
      onSubmit={(e) => {
        e.preventDefault();
        arm();
      }}
    >
      <label>
        Requests matching{' '}
        <input
          type="text"
          value={pattern}
          aria-label="URL pattern"
          title="* matches any run of characters, ? one character"
          onInput={(e) => setPattern(e.currentTarget.value)}
        />
      </label>{' '}
      <label>
        get{' '}
        <select
          aria-label="Faked answer"
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as 'status' | 'network')}
        >
          <option value="status">HTTP status</option>
          <option value="network">a network error</option>
        </select>
      </label>{' '}
      {kind === 'status' && (
        <input
          type="number"
          min={100}
          max={599}
          value={status}
          aria-label="HTTP status"
          onInput={(e) => setStatus(Number(e.currentTarget.value))}
        />
      )}{' '}
      <label>
        for the next{' '}
        <input
          type="number"
          min={1}
          max={1000}
          value={attempts}
          disabled={untilOff}
          aria-label="Attempts"
          onInput={(e) => setAttempts(Number(e.currentTarget.value))}
        />{' '}
        attempts
      </label>{' '}
      <label class="check">
        <input type="checkbox" checked={untilOff} onChange={(e) => setUntilOff(e.currentTarget.checked)} /> until turned
        off
      </label>{' '}
      <button type="submit" class="danger">
        Start failing
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
