import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WorkerHandlers } from './activity-model.ts';
import { handlerCheck } from './diagnosis-handler.ts';
import type { ScopeRegistration } from './model.ts';

const scope = (handlers?: Partial<WorkerHandlers>): ScopeRegistration => ({
  scope: 'http://localhost/',
  workerState: 'activated',
  syncTags: [],
  periodicTags: [],
  heldOffline: false,
  ...(handlers
    ? {
        handlers: {
          sync: 0,
          periodicsync: 0,
          onsync: false,
          onperiodicsync: false,
          lateSync: 0,
          latePeriodicsync: 0,
          readAt: 1,
          ...handlers,
        },
      }
    : {}),
});

test('not counted yet is information, not a verdict', () => {
  assert.equal(handlerCheck({ scope: scope(), periodic: false }).state, 'info');
});

test('no listener and no onsync is a problem with the fix', () => {
  const check = handlerCheck({ scope: scope({ periodicsync: 1 }), periodic: false });
  assert.equal(check.state, 'problem');
  assert.match(check.fix ?? '', /addEventListener\('sync'/);
});

test('a listener or onsync is fine; only late ones warn', () => {
  assert.equal(handlerCheck({ scope: scope({ sync: 1 }), periodic: false }).state, 'ok');
  assert.equal(handlerCheck({ scope: scope({ onsync: true }), periodic: false }).state, 'ok');
  assert.equal(handlerCheck({ scope: scope({ sync: 1, lateSync: 1 }), periodic: false }).state, 'warning');
  assert.equal(handlerCheck({ scope: scope({ sync: 2, lateSync: 1 }), periodic: false }).state, 'ok');
  assert.equal(
    handlerCheck({ scope: scope({ periodicsync: 1, latePeriodicsync: 1 }), periodic: true }).state,
    'warning',
  );
});
