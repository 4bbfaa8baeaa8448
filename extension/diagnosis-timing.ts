/**
 * The rules of "Why won't it fire?" that read the log over time: a one-shot tag's retry back-off
 * (attempt n of max, the next try, attempts used up) and a periodic tag's interval.
 */
import { availability, type Check, type DiagnosisInput } from './diagnosis-check.ts';
import { formatDuration as duration } from './duration.ts';
import { metadataValue } from './model.ts';
import { isFailure } from './record-facts.ts';
import { DEFAULT_MAX_ATTEMPTS, retryStateFor } from './retry.ts';

/** Chrome's default minimum interval between periodicsync events. */
export const PERIODIC_MIN_INTERVAL_MS = 12 * 60 * 60 * 1000;

export function backoff({ records, registrations, scope, tag, now, capabilities }: DiagnosisInput): Check {
  const title = 'Retry back-off';
  const retry = retryStateFor(records, {
    origin: registrations.origin,
    tag,
    ...(scope.registrationId ? { registrationId: scope.registrationId } : {}),
  });
  const fire = capabilities.fireInBackoff;
  if (retry.inBackoff && retry.nextAttemptAt !== undefined && retry.nextAttemptAt > now) {
    const left = `in ${duration(retry.nextAttemptAt - now)}`;
    return {
      id: 'backoff',
      title,
      state: 'warning',
      detail:
        `In retry back-off: attempt ${retry.attempts} of ${DEFAULT_MAX_ATTEMPTS} failed` +
        `${retry.last?.reason ? ` (${retry.last.reason})` : ''}; Chrome tries again at ${clock(retry.nextAttemptAt)}, ` +
        `${left}, if online.`,
      countdown: { at: retry.nextAttemptAt, text: left },
      fix: 'Wait, or fire it now: the handler runs at once, while Chrome keeps its own retry schedule.',
      action: { kind: 'fire', label: 'Fire now', ...availability(fire) },
    };
  }
  const last = retry.last;
  const gaveUp = last?.kind === 'completed' && isFailure(last) && retry.attempts >= DEFAULT_MAX_ATTEMPTS;
  const pending = scope.syncTags.includes(tag);
  if (gaveUp && !pending) {
    return {
      id: 'backoff',
      title: 'Attempts used up',
      state: 'problem',
      detail: `All ${DEFAULT_MAX_ATTEMPTS} attempts failed (last: ${last.status}); Chrome dropped the registration and will not retry.`,
      fix: 'Register the tag again (the app should do so when it next runs).',
      action: { kind: 'reregister', label: 'Register again', ...availability(capabilities.reregister) },
    };
  }
  if (retry.inBackoff && pending) {
    return {
      id: 'backoff',
      title,
      state: 'info',
      detail: 'The retry time has passed: Chrome retries when it next checks and the browser is online.',
    };
  }
  return {
    id: 'backoff',
    title,
    state: 'ok',
    detail: retry.attempts ? `No back-off after ${retry.attempts} attempt(s).` : 'Not in back-off.',
  };
}

export function periodicRules({ records, registrations, tag }: DiagnosisInput): Check[] {
  const mine = records.filter(
    (r) => r.origin === registrations.origin && r.tag === tag && r.service === 'periodicBackgroundSync',
  );
  const registered = [...mine].reverse().find((r) => r.kind === 'registered');
  const minInterval = registered ? Number(metadataValue(registered.metadata, 'minInterval')) : NaN;
  const delay = [...mine].reverse().find((r) => r.nextAttemptDelayMs !== undefined)?.nextAttemptDelayMs;
  const intervalText = Number.isFinite(minInterval)
    ? `registered with minInterval ${duration(minInterval)}`
    : 'minInterval unknown';
  const checks: Check[] = [
    {
      id: 'installed',
      title: 'Installed app',
      state: registrations.permissions.periodicBackgroundSync === 'granted' ? 'ok' : 'problem',
      detail:
        registrations.permissions.periodicBackgroundSync === 'granted'
          ? 'Periodic sync is allowed (Chrome allows it for installed apps).'
          : 'Periodic sync fires only for an installed app (a PWA added to the desktop).',
      fix: 'Install the app from the address bar; on desktop it fires only while Chrome runs.',
    },
    {
      id: 'engagement',
      title: 'Site engagement',
      state: 'info',
      detail: 'Chrome stretches the interval by site engagement; with no engagement the event never fires.',
      fix: 'Use the app for a while (chrome://site-engagement shows the score).',
    },
    {
      id: 'interval',
      title: 'Minimum interval',
      state: delay === Infinity ? 'problem' : 'info',
      detail:
        `${intervalText}; Chrome waits at least ${duration(PERIODIC_MIN_INTERVAL_MS)} between events` +
        (delay === undefined
          ? '.'
          : delay === Infinity
            ? ', and said the next delay is infinite: it will not fire.'
            : `; next delay ${duration(delay)}.`),
      ...(delay === Infinity
        ? { fix: 'Raise the engagement (use the app) or check the permission: an infinite delay means never.' }
        : {}),
    },
  ];
  if (checks[0]!.state === 'ok') delete checks[0]!.fix;
  return checks;
}

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString();
}
