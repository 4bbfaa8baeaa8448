import { useState } from 'preact/hooks';
import { usePanel } from '../state/context.ts';
import { MAX_TAG_LENGTH } from '../../extension/record-facts.ts';
import { FireResultNote, useFireResult } from './FireResult.tsx';
import { Reason } from './Reason.tsx';

/** Fire any tag, listed or not: Chrome's dispatch runs the handler even for a tag never registered. */
export function FireTagForm() {
  const { store, actions } = usePanel();
  const { fire, simulate } = actions;
  const regs = store.registrations.value;
  const scopes = regs?.scopes ?? [];
  const capabilities = store.session.value?.capabilities;
  const [tag, setTag] = useState('');
  const [scope, setScope] = useState('');
  const [lastChance, setLastChance] = useState(false);
  const [periodic, setPeriodic] = useState(false);
  const [fireResult, fireCount, showFireResult, hideFireResult] = useFireResult();
  const chosenScope = scopes.find((s) => s.scope === scope) ?? scopes[0];
  const can = periodic ? capabilities?.firePeriodic : capabilities?.fire;
  return (
    <form
      class="fire-form"
      aria-label="Fire any tag"
      onSubmit={(e) => {
        e.preventDefault();
        if (!regs || !chosenScope || !tag) return;
        void fire(regs.origin, chosenScope, tag, { lastChance: periodic ? false : lastChance, periodic }).then(
          showFireResult,
        );
      }}
    >
      <h3>Fire any tag</h3>
      <div class="row">
        <input
          type="text"
          placeholder="tag"
          aria-label="Tag to fire"
          value={tag}
          maxLength={MAX_TAG_LENGTH}
          onInput={(e) => setTag(e.currentTarget.value)}
        />
        {scopes.length > 1 && (
          <select
            aria-label="Service worker"
            value={chosenScope?.scope}
            onChange={(e) => setScope(e.currentTarget.value)}
          >
            {scopes.map((s) => (
              <option key={s.scope} value={s.scope}>
                {s.scope}
              </option>
            ))}
          </select>
        )}
      </div>
      <div class="row">
        <label class="check">
          <input type="checkbox" checked={periodic} onChange={(e) => setPeriodic(e.currentTarget.checked)} />
          periodic
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={lastChance && !periodic}
            aria-label="lastChance for the typed tag"
            disabled={periodic || (!capabilities?.lastChance.available && !capabilities?.simulate.available)}
            onChange={(e) => setLastChance(e.currentTarget.checked)}
          />
          lastChance
        </label>
        <span class="spacer" />
        <button
          type="submit"
          class="primary"
          disabled={!can?.available || !tag || !chosenScope}
          title={can?.reason ?? ''}
        >
          Fire sync now
        </button>
      </div>
      <Reason state={can} />
      <FireResultNote result={fireResult} count={fireCount} onDone={hideFireResult} />
      <div class="row">
        <span class="spacer" />
        <button
          type="button"
          disabled={periodic || !tag || !chosenScope || !capabilities?.reregister.available}
          title={
            capabilities?.reregister.reason ??
            'registration.sync.register() from the page: Chrome fires a completed tag again, for real.'
          }
          onClick={async () => {
            if (!chosenScope) return;
            await actions.reregister(chosenScope.scope, tag);
          }}
        >
          Re-register
        </button>
        <button
          type="button"
          disabled={periodic || !tag || !chosenScope || !capabilities?.simulate.available}
          title={
            capabilities?.simulate.reason ??
            "A synthetic sync event in the worker: your handlers run, Chrome's registration is untouched."
          }
          onClick={() => chosenScope && void simulate(chosenScope.scope, tag, lastChance)}
        >
          Simulate
        </button>
      </div>
    </form>
  );
}
