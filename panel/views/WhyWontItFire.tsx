import { useComputed } from '@preact/signals';
import { useMemo, useRef, useState } from 'preact/hooks';
import { memo } from '../memo.ts';
import { usePanel } from '../state/context.ts';
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
  const knownRef = useRef<string[]>([]);
  // The origin's tags in the log, in the order first seen: a new array only when a new tag appears,
  // so a live batch does not render this form again.
  const logged = useComputed(() => (origin === undefined ? undefined : store.tags.value.tagsByOrigin.get(origin)));
  const seenTags = logged.value;
  const known = useMemo(() => {
    const tags = new Set<string>();
    for (const s of regs?.scopes ?? []) {
      for (const t of s.syncTags) tags.add(t);
      for (const p of s.periodicTags) tags.add(p.tag);
    }
    for (const t of seenTags ?? []) {
      if (tags.size >= 500) break;
      tags.add(t);
    }
    const list = [...tags];
    // Past 500 tags (or with no new one among them) a batch changes nothing: keep the same list.
    const previous = knownRef.current;
    if (previous.length === list.length && previous.every((t, i) => t === list[i])) return previous;
    return (knownRef.current = list);
  }, [regs, seenTags]);
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
        <KnownTags tags={known} />
        <label class="check">
          <input type="checkbox" checked={periodic} onChange={(e) => setPeriodic(e.currentTarget.checked)} />
          periodic
        </label>
        {regs.scopes.length > 1 && (
          <select
            aria-label="Service worker to diagnose"
            value={scope.scope}
            onChange={(e) => setScopeUrl(e.currentTarget.value)}
          >
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

/** Up to 500 options: rendered again only when the list changes. */
const KnownTags = memo(({ tags }: { tags: string[] }) => (
  <datalist id="known-tags">
    {tags.map((t) => (
      <option key={t} value={t} />
    ))}
  </datalist>
));
