/**
 * "Is there a handler?": a rule of the diagnosis (diagnosis.ts) from the worker's listeners as the
 * debugger engine counted them. A worker without a `sync` listener (or `onsync`) runs nothing for
 * the event and Chrome calls it a success; one added after the first evaluation gets a warning.
 */
import type { ScopeRegistration } from './model.ts';

/** One check, in the shape of diagnosis.ts's Check (not imported from there: that would be a cycle). */
export interface HandlerCheck {
  id: 'handler';
  title: string;
  state: 'ok' | 'problem' | 'warning' | 'info';
  detail: string;
  fix?: string;
}

export function handlerCheck({ scope, periodic }: { scope: ScopeRegistration; periodic: boolean }): HandlerCheck {
  const event = periodic ? 'periodicsync' : 'sync';
  const title = `A ${event} handler in the worker`;
  const h = scope.handlers;
  if (!h)
    return {
      id: 'handler',
      title,
      state: 'info',
      detail:
        'Not counted yet: Sync Inspector counts the listeners while attached to the worker (when it starts, or when you fire or hold it).',
    };
  const listeners = periodic ? h.periodicsync : h.sync;
  const late = periodic ? h.latePeriodicsync : h.lateSync;
  const property = periodic ? h.onperiodicsync : h.onsync;
  const fix = `Add self.addEventListener('${event}', (event) => event.waitUntil(work(event.tag))) at the top level of the worker script.`;
  if (listeners === 0 && !property)
    return {
      id: 'handler',
      title,
      state: 'problem',
      detail: `The worker has no '${event}' listener and no on${event}: the event runs nothing, and Chrome counts it as done.`,
      fix,
    };
  const what = [
    listeners ? `${listeners} '${event}' ${listeners === 1 ? 'listener' : 'listeners'}` : '',
    property ? `on${event}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  if (late > 0 && late >= listeners && !property)
    return {
      id: 'handler',
      title,
      state: 'warning',
      detail: `The worker has ${what}, added after its first evaluation: Chrome runs it but warns, and the worker may not be woken for it in future.`,
      fix,
    };
  return {
    id: 'handler',
    title,
    state: 'ok',
    detail: `The worker has ${what}${late ? ` (${late} added after its first evaluation)` : ''}.`,
  };
}
