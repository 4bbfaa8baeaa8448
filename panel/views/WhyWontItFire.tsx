import { useMemo, useState } from 'preact/hooks';
import { usePanel } from './context.ts';
import { DiagnosisChecks } from './DiagnosisChecks.tsx';

/**
 * "Why won't it fire?" for any tag of this origin: pending ones, ones seen in the log (e.g. a tag that
 * ran out of attempts and is no longer pending), or one typed in.
 */
export function WhyWontItFire() {
  const { store } = usePanel();
  const regs = store.registrations.value;
  const [tag, setTag] = useState('');
  const [periodic, setPeriodic] = useState(false);
  const [scopeUrl, setScopeUrl] = useState('');
  const origin = regs?.origin;
  const records = store.records.value;
  const known = useMemo(() => {
    const tags = new Set<string>();
    for (const s of regs?.scopes ?? []) {
      for (const t of s.syncTags) tags.add(t);
      for (const p of s.periodicTags) tags.add(p.tag);
    }
    for (const r of records) if (r.origin === origin && tags.size < 500) tags.add(r.tag);
    return [...tags];
  }, [regs, records, origin]);
  if (!regs || regs.error || regs.scopes.length === 0) return null;
  const scope = regs.scopes.find((s) => s.scope === scopeUrl) ?? regs.scopes[0]!;
  return (
    <div class="why-form" role="group" aria-label="Why won't it fire">
      <h3>Why won't it fire?</h3>
      <div class="row">
        <input
          type="text"
          list="known-tags"
          placeholder="tag"
          aria-label="Tag to diagnose"
          value={tag}
          onInput={(e) => setTag(e.currentTarget.value)}
        />
        <datalist id="known-tags">
          {known.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <label class="check">
          <input type="checkbox" checked={periodic} onChange={(e) => setPeriodic(e.currentTarget.checked)} />
          periodic
        </label>
        {regs.scopes.length > 1 && (
          <select aria-label="Service worker to diagnose" value={scope.scope} onChange={(e) => setScopeUrl(e.currentTarget.value)}>
            {regs.scopes.map((s) => (
              <option key={s.scope} value={s.scope}>
                {s.scope}
              </option>
            ))}
          </select>
        )}
      </div>
      {tag && <DiagnosisChecks regs={regs} scope={scope} tag={tag} periodic={periodic} />}
    </div>
  );
}
