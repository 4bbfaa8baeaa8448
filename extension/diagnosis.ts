/**
 * "Why won't it fire?": every condition Chrome puts on a sync firing, checked for one registration
 * and tag, each with what to do about it. Pure: a function of the registrations snapshot, the
 * records, what the engine can do, and the time — so every rule is unit-tested.
 * Sources: platform facts §4 (content/browser/background_sync), verified in real runs where marked there.
 */
import { handlerCheck } from './diagnosis-handler.ts';
import { availability, type Check, type DiagnosisInput } from './diagnosis-check.ts';
import { backoff, periodicRules } from './diagnosis-timing.ts';
import { MAX_TAG_LENGTH } from './record-facts.ts';

export type { Check, CheckAction, CheckState, DiagnosisInput } from './diagnosis-check.ts';

export function diagnose(input: DiagnosisInput): Check[] {
  const checks = [
    secureContext(input),
    activeWorker(input),
    handlerCheck(input),
    windowOpen(input),
    ...permissions(input),
    network(input),
    heldOffline(input),
    tagLength(input),
  ];
  if (input.periodic) checks.push(...periodicRules(input));
  else checks.push(backoff(input));
  checks.push(engineCan(input));
  return checks;
}

/** The first reason it will not fire, for a one-line answer; undefined when nothing blocks it. */
export function verdict(checks: readonly Check[]): Check | undefined {
  return checks.find((c) => c.state === 'problem') ?? checks.find((c) => c.state === 'warning');
}

function secureContext({ registrations }: DiagnosisInput): Check {
  return registrations.secureContext
    ? { id: 'secure-context', title: 'Secure context', state: 'ok', detail: 'The page is a secure context.' }
    : {
        id: 'secure-context',
        title: 'Secure context',
        state: 'problem',
        detail: 'The page is not a secure context: service workers and Background Sync are unavailable.',
        fix: 'Serve the page over https://, or from http://localhost while developing.',
      };
}

function activeWorker({ scope }: DiagnosisInput): Check {
  const title = 'Active service worker';
  if (scope.workerState === 'activated') {
    return { id: 'active-worker', title, state: 'ok', detail: `The worker for ${scope.scope} is activated.` };
  }
  if (scope.workerState === 'none' || scope.workerState === 'redundant') {
    return {
      id: 'active-worker',
      title,
      state: 'problem',
      detail: `No active worker for ${scope.scope}: registering fails and nothing can be dispatched.`,
      fix: 'Register the service worker and wait for navigator.serviceWorker.ready before registering a sync.',
    };
  }
  return {
    id: 'active-worker',
    title,
    state: 'warning',
    detail: `The newest worker is ${scope.workerState}, not yet active.`,
    fix: 'Call self.skipWaiting() in install (and clients.claim() in activate), or close the other tabs of this app.',
  };
}

function windowOpen({ registrations, scope }: DiagnosisInput): Check {
  const title = 'A window of the origin';
  const ours =
    registrations.origin !== '' && !registrations.error && scope.scope.startsWith(trimSlash(registrations.origin));
  return ours
    ? {
        id: 'window-open',
        title,
        state: 'ok',
        detail: 'The inspected tab is a window of this origin. Registering needs one open; firing does not.',
      }
    : {
        id: 'window-open',
        title,
        state: 'warning',
        detail: 'The inspected tab is not a window of this origin: register() from a worker without a window fails.',
        fix: 'Open a page of the origin in a tab and register the sync from that page.',
      };
}

function permissions({ registrations, periodic, capabilities }: DiagnosisInput): Check[] {
  const out: Check[] = [];
  const sync = registrations.permissions.backgroundSync;
  out.push(
    sync === 'denied'
      ? {
          id: 'permission-sync',
          title: 'background-sync permission',
          state: 'problem',
          detail: 'background-sync is denied for this origin: register() rejects with NotAllowedError.',
          fix: 'Allow Background sync in the site settings (the lock icon, or chrome://settings/content/backgroundSync).',
        }
      : {
          id: 'permission-sync',
          title: 'background-sync permission',
          state: sync === undefined || sync.startsWith('unknown') ? 'info' : 'ok',
          detail: `background-sync: ${sync ?? 'unknown'}.`,
        },
  );
  if (!periodic) return out;
  const p = registrations.permissions.periodicBackgroundSync;
  const allow = capabilities.periodicPermission;
  out.push(
    p === 'granted'
      ? {
          id: 'permission-periodic',
          title: 'periodic-background-sync permission',
          state: 'ok',
          detail: 'periodic-background-sync: granted.',
        }
      : {
          id: 'permission-periodic',
          title: 'periodic-background-sync permission',
          state: 'problem',
          detail: `periodic-background-sync: ${p ?? 'unknown'}. Chrome grants it only to an installed app, and never prompts.`,
          fix: 'Install the app (the install icon in the address bar), or allow it here for testing.',
          action: { kind: 'allowPeriodic', label: 'Allow periodic sync for this origin', ...availability(allow) },
        },
  );
  return out;
}

function network({ registrations, scope }: DiagnosisInput): Check {
  if (registrations.online === false && scope.heldOffline) {
    // Seen in Chromium 156: offline emulation on the worker's session makes the page read offline too.
    return {
      id: 'network',
      title: 'Network',
      state: 'info',
      detail:
        'The page reads offline (navigator.onLine is false) because Sync Inspector holds its worker offline; releasing the hold restores it.',
    };
  }
  if (registrations.online === false) {
    return {
      id: 'network',
      title: 'Network',
      state: 'problem',
      detail: 'The browser is offline (navigator.onLine is false): one-shot syncs wait for connectivity.',
      fix: "Reconnect the network, and check that DevTools' Network panel is not set to Offline.",
    };
  }
  return {
    id: 'network',
    title: 'Network',
    state: registrations.online === undefined ? 'info' : 'ok',
    detail:
      registrations.online === undefined ? 'The page did not say whether it is online.' : 'The browser is online.',
  };
}

function heldOffline({ scope, capabilities }: DiagnosisInput): Check {
  return scope.heldOffline
    ? {
        id: 'held-offline',
        title: 'Held offline',
        state: 'problem',
        detail: 'Sync Inspector holds this worker offline: new one-shot syncs wait until it is released.',
        fix: 'Release the hold: the waiting syncs then fire for real.',
        action: { kind: 'release', label: 'Release (go online)', ...availability(capabilities.hold) },
      }
    : {
        id: 'held-offline',
        title: 'Held offline',
        state: 'ok',
        detail: 'Sync Inspector does not hold this worker offline.',
      };
}

function tagLength({ tag }: DiagnosisInput): Check {
  return tag.length > MAX_TAG_LENGTH
    ? {
        id: 'tag-length',
        title: 'Tag length',
        state: 'problem',
        detail: `The tag has ${tag.length} characters; Chrome refuses tags over ${MAX_TAG_LENGTH}.`,
        fix: 'Use a short tag and keep the payload in IndexedDB, keyed by the tag.',
      }
    : {
        id: 'tag-length',
        title: 'Tag length',
        state: 'ok',
        detail: `${tag.length} of at most ${MAX_TAG_LENGTH} characters.`,
      };
}

function engineCan({ capabilities, engine, periodic }: DiagnosisInput): Check {
  const fire = periodic ? capabilities.firePeriodic : capabilities.fire;
  const can: string[] = [];
  if (fire.available)
    can.push(periodic ? 'dispatch a periodicsync event now' : 'dispatch the sync now, with lastChance if you like');
  if (!periodic && capabilities.fireInBackoff.available) can.push('run it during back-off');
  if (!periodic && capabilities.hold.available) can.push('hold the worker offline and release it to fire for real');
  if (periodic && capabilities.periodicPermission.available) can.push('grant the periodic permission');
  if (capabilities.reregister.available) can.push('register a finished tag again');
  const name =
    engine === 'protocol' ? 'The protocol engine' : engine === 'debugger' ? 'The debugger engine' : 'No engine';
  return {
    id: 'engine',
    title: 'What Sync Inspector can do here',
    state: 'info',
    detail: can.length
      ? `${name} can ${can.join('; ')}.`
      : `${name} cannot fire this tag: ${fire.reason ?? 'not connected.'}`,
    ...(fire.available ? {} : { fix: fire.reason ?? 'Connect an engine.' }),
  };
}

const trimSlash = (s: string) => (s.endsWith('/') ? s.slice(0, -1) : s);
