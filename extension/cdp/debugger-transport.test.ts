import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DebuggerTransport } from './debugger-transport.ts';

/** chrome.debugger as far as the transport uses it, recording attaches and detaches. */
function fakeChrome() {
  const calls: string[] = [];
  const detachListeners = new Set<(source: { tabId?: number }, reason: string) => void>();
  const attached = new Set<number>();
  const api = {
    debugger: {
      attach: async ({ tabId }: { tabId: number }) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (attached.has(tabId)) throw new Error('Another debugger is already attached to the tab with id: ' + tabId);
        attached.add(tabId);
        calls.push(`attach ${tabId}`);
      },
      detach: async ({ tabId }: { tabId: number }) => {
        attached.delete(tabId);
        calls.push(`detach ${tabId}`);
      },
      sendCommand: async () => ({}),
      onEvent: { addListener() {}, removeListener() {} },
      onDetach: {
        addListener: (l: (source: { tabId?: number }, reason: string) => void) => detachListeners.add(l),
        removeListener: (l: (source: { tabId?: number }, reason: string) => void) => detachListeners.delete(l),
      },
    },
  };
  return {
    api,
    calls,
    chromeDetaches(tabId: number, reason: string) {
      attached.delete(tabId);
      for (const l of [...detachListeners]) l({ tabId }, reason);
    },
  };
}

describe('DebuggerTransport: one shared chrome.debugger session per tab', () => {
  let fake: ReturnType<typeof fakeChrome>;
  beforeEach(() => {
    fake = fakeChrome();
    (globalThis as unknown as { chrome: unknown }).chrome = fake.api;
  });
  afterEach(() => delete (globalThis as unknown as { chrome?: unknown }).chrome);

  it('attaches once for two owners; one owner closing does not detach the other', async () => {
    const [a, b] = await Promise.all([DebuggerTransport.attach(4), DebuggerTransport.attach(4)]);
    assert.deepEqual(fake.calls, ['attach 4']);
    assert.equal(a.shared, true);
    a.close();
    assert.deepEqual(fake.calls, ['attach 4'], 'still attached for b');
    assert.equal(b.shared, false);
    b.close();
    assert.deepEqual(fake.calls, ['attach 4', 'detach 4']);
    const c = await DebuggerTransport.attach(4);
    assert.deepEqual(fake.calls, ['attach 4', 'detach 4', 'attach 4']);
    c.close();
  });

  it('Chrome ending the session closes every owner with its reason', async () => {
    const a = await DebuggerTransport.attach(5);
    const b = await DebuggerTransport.attach(5);
    const reasons: string[] = [];
    a.onClose((r) => reasons.push(`a ${r}`));
    b.onClose((r) => reasons.push(`b ${r}`));
    fake.chromeDetaches(5, 'canceled_by_user');
    assert.deepEqual(reasons.sort(), ['a canceled_by_user', 'b canceled_by_user']);
    const again = await DebuggerTransport.attach(5);
    assert.deepEqual(fake.calls, ['attach 5', 'attach 5'], 'a new session after Chrome ended the old one');
    again.close();
  });
});
