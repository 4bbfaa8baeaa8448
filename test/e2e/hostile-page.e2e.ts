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
import { waitUntil } from './support/index.ts';

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
