/**
 * A page that attacks its inspector: any script in it can call our reporting binding. Forged
 * reports keep the origin they ran in, a 100,000-report flood is dropped past the limit with one
 * notice, and the extension stays responsive for the real events that follow.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { waitForText } from './debugger-engine-helpers.ts';
import { logRows, openPanel, registerTag, startScenario, waitForLogRow, type Scenario } from './fixtures.ts';
import { clickButton, waitForTagListed, waitUntil } from './support/index.ts';

const BINDING = '__syncInspectorPageReport';

function forge(page: Page, reports: number, patch: Record<string, unknown>): Promise<number> {
  return page.evaluate(
    (name, count, extra) => {
      const binding = (globalThis as unknown as Record<string, (s: string) => void>)[name];
      if (typeof binding !== 'function') throw new Error('no binding: not instrumented');
      for (let i = 0; i < count; i++) {
        binding(
          JSON.stringify({
            v: 1,
            id: `forged-${Date.now()}-${i}`,
            type: 'dispatch',
            service: 'sync',
            origin: 'https://bank.example',
            scope: 'https://bank.example/',
            time: Date.now(),
            ...extra,
          }),
        );
      }
      return count;
    },
    BINDING,
    reports,
    patch,
  );
}

/**
 * What a page can see of the register methods (and getTags beside them), as source text: run in the
 * inspected tab and in a tab of the same origin that nobody inspects, the two answers must be equal.
 */
const PROBE = `(async () => {
  const registration = await navigator.serviceWorker.ready;
  const error = (e) => ({ type: Object.prototype.toString.call(e), name: e && e.name, message: e && e.message });
  const outcome = async (make) => {
    let value;
    try {
      value = make();
    } catch (e) {
      return { threw: error(e) };
    }
    if (!(value instanceof Promise)) return { returned: typeof value };
    try {
      const settled = await value;
      return { resolved: Array.isArray(settled) ? 'an array' : String(settled) };
    } catch (e) {
      return { rejected: error(e) };
    }
  };
  const seen = {};
  const methods = [
    ['SyncManager', 'register', registration.sync, ['probe-sync']],
    ['SyncManager', 'getTags', registration.sync, []],
    ['PeriodicSyncManager', 'register', registration.periodicSync, ['probe-periodic', { minInterval: 1000 }]],
    ['PeriodicSyncManager', 'unregister', registration.periodicSync, ['probe-periodic']],
    ['PeriodicSyncManager', 'getTags', registration.periodicSync, []],
  ];
  for (const [type, name, target, args] of methods) {
    const method = self[type].prototype[name];
    const { writable, enumerable, configurable } = Object.getOwnPropertyDescriptor(self[type].prototype, name);
    seen[type + '.' + name] = {
      type: typeof method,
      name: method.name,
      length: method.length,
      writable,
      enumerable,
      configurable,
      ownKeys: Reflect.ownKeys(method).map(String),
      nameProperty: Object.getOwnPropertyDescriptor(method, 'name'),
      lengthProperty: Object.getOwnPropertyDescriptor(method, 'length'),
      functionPrototype: Object.getPrototypeOf(method) === Function.prototype,
      hasPrototype: 'prototype' in method,
      construct: await outcome(() => new method(...args)),
      // Its name only: V8 prints the function's source text in this message, ours is not [native code].
      newTarget: (await outcome(() => Reflect.construct(function () {}, [], method))).threw?.name,
      noArgument: await outcome(() => method.call(target)),
      wrongThis: await outcome(() => method.apply({}, args)),
      noThis: await outcome(() => method(...args)),
      call: await outcome(() => method.apply(target, args)),
    };
  }
  // The order the page's own reactions run in, around a register that resolves and one that rejects.
  const order = [];
  const resolves = registration.sync.register('probe-order');
  const rejects = registration.sync.register();
  resolves.then(() => order.push('resolved: then'));
  rejects.catch(() => order.push('rejected: catch'));
  Promise.resolve().then(() => order.push('a microtask queued after'));
  (async () => {
    await resolves;
    order.push('resolved: await');
  })();
  await Promise.allSettled([resolves, rejects]);
  order.push('allSettled');
  seen.order = order;
  return JSON.stringify(seen);
})()`;

describe('a hostile page', () => {
  let s: Scenario;
  let panel: Page;

  before(async () => {
    s = await startScenario({ protocol: false });
    panel = await openPanel(s);
    await panel.locator('::-p-aria(All origins)').click();
  });
  after(async () => s?.close());

  it('cannot put a report under another origin, or in the far future', async () => {
    const yearAhead = Date.now() + 365 * 86_400_000;
    await forge(s.page, 1, { tag: 'forged-origin', time: yearAhead });
    await waitForLogRow(panel, 'forged-origin', /Dispatched sync event/);
    const rows = (await logRows(panel)).filter((r) => r.tag === 'forged-origin');
    assert.deepEqual(
      rows.map((r) => r.origin),
      [new URL(s.demo.url).origin],
    );
    assert.ok((await logRows(panel)).every((r) => !r.origin.includes('bank.example')));
  });

  it('sees the register methods exactly as without us: name, length, no constructor, same errors, same order', async () => {
    const plain = await s.launched.browser.newPage();
    try {
      await plain.goto(s.demo.url);
      const without = JSON.parse((await plain.evaluate(PROBE)) as string) as Record<string, unknown>;
      const withUs = JSON.parse((await s.page.evaluate(PROBE)) as string) as Record<string, unknown>;
      assert.deepEqual(withUs, without);
      // And what Chrome's own methods show (so equal is not equally empty).
      assert.deepEqual(
        Object.fromEntries(
          Object.entries(without)
            .filter(([key]) => key.includes('.'))
            .map(([key, value]) => {
              const { name, length, hasPrototype, construct, noArgument } = value as Record<string, unknown>;
              return [key, { name, length, hasPrototype, construct, noArgument: Object.keys(noArgument as object) }];
            }),
        ),
        Object.fromEntries(
          [
            ['SyncManager.register', 'register'],
            ['SyncManager.getTags', 'getTags'],
            ['PeriodicSyncManager.register', 'register'],
            ['PeriodicSyncManager.unregister', 'unregister'],
            ['PeriodicSyncManager.getTags', 'getTags'],
          ].map(([key, name]) => [
            key,
            {
              name,
              length: name === 'getTags' ? 0 : 1,
              hasPrototype: false,
              construct: {
                threw: { type: '[object Error]', name: 'TypeError', message: 'method is not a constructor' },
              },
              noArgument: [name === 'getTags' ? 'resolved' : 'rejected'],
            },
          ]),
        ),
      );
      assert.deepEqual(without.order, [
        'rejected: catch',
        'a microtask queued after',
        'resolved: then',
        'resolved: await',
        'allSettled',
      ]);
    } finally {
      await plain.close();
    }
    // Our wrapper was there to be compared: it reported the probe's calls, the failed one with its error.
    await waitForLogRow(panel, 'probe-order', /^sync\.register\(\) called$/);
    await waitForLogRow(panel, 'probe-periodic', /^periodicSync\.unregister\(\) (called|failed)$/);
  });

  it('a page that breaks what our wrapper uses (JSON, Promise, Date, stacks, the binding) still gets its register() unchanged', async () => {
    // Source text, not a function: the test's compiler would name the page's helpers with its own helper.
    const calls = (await s.page.evaluate(`(async () => {
      window.__pageErrors = [];
      addEventListener('error', (e) => window.__pageErrors.push('error: ' + e.message));
      addEventListener('unhandledrejection', (e) => window.__pageErrors.push('unhandled: ' + e.reason));
      const registration = await navigator.serviceWorker.ready;
      const boom = (what) => () => { throw new Error('poisoned ' + what); };
      const saved = {
        stringify: JSON.stringify, then: Promise.prototype.then, resolve: Promise.resolve, now: Date.now,
        split: String.prototype.split, slice: Array.prototype.slice, apply: Function.prototype.apply,
        binding: window.__syncInspectorPageReport,
      };
      const call = async (args) => {
        let value;
        try {
          value = registration.sync.register(...args);
        } catch (error) {
          return 'threw ' + error.name;
        }
        if (!(value instanceof Promise)) return 'returned ' + typeof value;
        try {
          return 'resolved ' + String(await value);
        } catch (error) {
          return 'rejected ' + error.name;
        }
      };
      JSON.stringify = boom('JSON');
      Promise.prototype.then = boom('then');
      Promise.resolve = boom('resolve');
      Date.now = boom('Date.now');
      String.prototype.split = boom('split');
      Array.prototype.slice = boom('slice');
      Function.prototype.apply = boom('apply');
      Error.prepareStackTrace = boom('stack');
      Object.defineProperty(Object.prototype, 'minInterval', { get: boom('getter'), configurable: true });
      const poisoned = await call(['poisoned-tag']);
      const noTag = await call([]);
      Object.assign(JSON, { stringify: saved.stringify });
      Promise.prototype.then = saved.then;
      Promise.resolve = saved.resolve;
      Date.now = saved.now;
      String.prototype.split = saved.split;
      Array.prototype.slice = saved.slice;
      Function.prototype.apply = saved.apply;
      delete Error.prepareStackTrace;
      delete Object.prototype.minInterval;
      window.__syncInspectorPageReport = boom('binding');
      const replacedBinding = await call(['binding-replaced-tag']);
      window.__syncInspectorPageReport = saved.binding;
      return [poisoned, noTag, replacedBinding];
    })()`)) as string[];
    assert.deepEqual(calls, ['resolved undefined', 'rejected TypeError', 'resolved undefined']);
    // Chrome got both tags (the worker's reports are not the page's), and our reports go on after.
    await waitForLogRow(panel, 'poisoned-tag', /^Sync completed$/);
    await waitForLogRow(panel, 'binding-replaced-tag', /^Sync completed$/);
    await registerTag(s.page, 'after-poison');
    await waitForLogRow(panel, 'after-poison', /^Sync completed$/);
    assert.deepEqual(await s.page.evaluate('window.__pageErrors'), [], 'nothing of ours reached the page');
  });

  it("reads the page's tags and queues while the page's Promise and JSON built-ins stay broken, raising nothing in the page", async () => {
    // Poisoned until the panel lists the tag: every registrations and queue read in between meets
    // them. Read in the page's own world they failed (Promise.all calls Promise.resolve and then),
    // so the tag never showed, and their rejections reached the page as unhandledrejection.
    // Held offline, so the tag stays pending (listed) instead of firing at once.
    await clickButton(panel, 'Hold offline');
    await panel.waitForSelector('.scope button[aria-pressed="true"]');
    await s.page.evaluate(`(async () => {
      window.__pageErrors = [];
      addEventListener('error', (e) => window.__pageErrors.push('error: ' + e.message));
      addEventListener('unhandledrejection', (e) => window.__pageErrors.push('unhandled: ' + e.reason));
      const registration = await navigator.serviceWorker.ready;
      const boom = (what) => () => { throw new Error('poisoned ' + what); };
      window.__saved = { then: Promise.prototype.then, resolve: Promise.resolve, all: Promise.all,
        allSettled: Promise.allSettled, stringify: JSON.stringify, parse: JSON.parse, map: Array.prototype.map };
      const registered = registration.sync.register('read-while-poisoned');
      Promise.prototype.then = boom('then');
      Promise.resolve = boom('resolve');
      Promise.all = boom('all');
      Promise.allSettled = boom('allSettled');
      JSON.stringify = boom('JSON.stringify');
      JSON.parse = boom('JSON.parse');
      Array.prototype.map = boom('map');
      await registered;
    })()`);
    try {
      await waitForTagListed(panel, 'read-while-poisoned');
    } finally {
      await s.page.evaluate(`(() => {
        const saved = window.__saved;
        Promise.prototype.then = saved.then;
        Promise.resolve = saved.resolve;
        Promise.all = saved.all;
        Promise.allSettled = saved.allSettled;
        JSON.stringify = saved.stringify;
        JSON.parse = saved.parse;
        Array.prototype.map = saved.map;
      })()`);
      await clickButton(panel, 'Hold offline');
    }
    assert.deepEqual(await s.page.evaluate('window.__pageErrors'), [], 'nothing of ours reached the page');
    await waitForLogRow(panel, 'read-while-poisoned', /^Sync completed$/);
  });

  it('drops a 100,000-report flood past the limit, says so once, and still hears the real events', async () => {
    await forge(s.page, 100_000, { tag: 'flood' });
    await waitForText(panel, /more instrumentation reports than Sync Inspector takes/);
    // The extension works through the flood after the page sent it (longer on a loaded machine), and a
    // real report inside that backlog competes with it for the rate: the flood is over for us once a
    // marker sent after it gets through.
    let marker = 0;
    await waitUntil(
      async () => {
        await forge(s.page, 1, { tag: `flood-over-${++marker}` });
        return (await logRows(panel)).some((r) => r.tag.startsWith('flood-over-'));
      },
      () => `no marker through after ${marker} sent`,
      { timeoutMs: 90_000, everyMs: 250 },
    );
    await registerTag(s.page, 'after-flood');
    await waitForLogRow(panel, 'after-flood', /^Sync completed$/);
    const count = await panel.$eval('[data-testid="event-count"]', (e) =>
      Number(e.textContent?.split(' ')[0]?.replace(/\D/g, '')),
    );
    // A burst of 1,000, then 200 a second while the flood lasts (the page needs ~20 s to send it).
    assert.ok(count < 10_000, `the panel holds ${count} events`);
    const notices = await panel.$$eval('[role="status"], [role="alert"], .notice', (nodes) =>
      nodes.map((n) => n.textContent ?? '').filter((t) => /more instrumentation reports/.test(t)),
    );
    assert.ok(notices.length <= 1, `notices: ${notices.length}`);
  });

  it('a page with 5 iframes and 2 dedicated workers loads with none of them paused for us', async () => {
    // Source text, not a function: the test's compiler would name the page's helpers with its own helper.
    const ready = (await s.page.evaluate(`new Promise((resolve) => {
      const seen = [];
      const note = (what) => {
        seen.push(what);
        if (seen.length === 7) resolve(seen.sort());
      };
      window.addEventListener('message', (event) => {
        if (typeof event.data === 'string' && event.data.startsWith('iframe-')) note(event.data);
      });
      for (let i = 0; i < 5; i++) {
        const frame = document.createElement('iframe');
        frame.srcdoc = '<script>parent.postMessage("iframe-' + i + '", "*")</' + 'script>';
        document.body.append(frame);
      }
      for (let i = 0; i < 2; i++) {
        const url = URL.createObjectURL(new Blob(['postMessage("worker-' + i + '")'], { type: 'text/javascript' }));
        new Worker(url).onmessage = (event) => note(String(event.data));
      }
    })`)) as string[];
    assert.deepEqual(ready, ['iframe-0', 'iframe-1', 'iframe-2', 'iframe-3', 'iframe-4', 'worker-0', 'worker-1']);
  });
});
