import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capabilities } from '../extension/capabilities.ts';
import { launchFlags, type SessionState } from '../extension/messages.ts';
import { commandLine, detectPlatform, plainError, shortReason, statusWords } from './status-words.ts';

function session(patch: Partial<SessionState>): SessionState {
  return {
    tabId: 1,
    engine: 'debugger',
    phase: 'ready',
    message: '',
    protocol: { port: 9222, reachable: false, launchFlags: launchFlags(9222, 'abcdefghijklmnopabcdefghijklmnop') },
    capabilities: capabilities([], 'Not connected.'),
    recording: false,
    heldScopes: [],
    clearedBefore: 0,
    imports: [],
    retention: { maxAgeMs: 1, maxRecords: 1, droppedTotal: 0 },
    keepRecording: false,
    ...patch,
  };
}

test('the line never repeats the badge', () => {
  for (const engine of ['protocol', 'debugger', 'none'] as const) {
    const words = statusWords('connected', session({ engine, message: 'Could not attach to the tab: boom.' }));
    assert.ok(!words.line.toLowerCase().includes(words.badge.toLowerCase()), `${words.badge}: ${words.line}`);
  }
});

test('a failure shows its first sentence without socket URLs or close codes', () => {
  const raw =
    'could not open ws://127.0.0.1:9222/devtools/page/ABC (code 1006): nothing listens on port 9222, or Chrome was started without the flag.';
  assert.equal(plainError(raw), 'nothing listens on port 9222, or Chrome was started without the flag.');
  const words = statusWords(
    'connected',
    session({ engine: 'none', phase: 'failed', message: `Socket ws://x/y closed (code 1006). Click Reconnect.` }),
  );
  assert.equal(words.line, "Socket Chrome's debugging port closed.");
  assert.doesNotMatch(words.line, /ws:\/\/|1006/);
});

test('while the port connects, the panel says so', () => {
  assert.equal(statusWords('reconnecting', null).line, 'Reconnecting to the extension…');
  assert.equal(statusWords('connected', session({ phase: 'connecting' })).badge, 'Connecting');
});

test('the command line names the browser of this system and a real profile folder', () => {
  const flags = launchFlags(9222, 'abcdefghijklmnopabcdefghijklmnop');
  const mac = commandLine(
    flags,
    detectPlatform({ userAgent: '', userAgentData: { platform: 'macOS', brands: [{ brand: 'Google Chrome' }] } }),
  );
  assert.match(
    mac,
    /^'\/Applications\/Google Chrome\.app\/Contents\/MacOS\/Google Chrome' --remote-debugging-port=9222 /,
  );
  assert.match(mac, /--remote-allow-origins=chrome-extension:\/\/abcdefghijklmnopabcdefghijklmnop/);
  assert.match(mac, /--user-data-dir="\$HOME\/\.sync-inspector-profile"$/);
  const linux = commandLine(flags, detectPlatform({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156' }));
  assert.match(linux, /^chromium --remote-debugging-port/);
  const windows = commandLine(
    flags,
    detectPlatform({ userAgent: '', userAgentData: { platform: 'Windows', brands: [{ brand: 'Google Chrome' }] } }),
  );
  assert.match(windows, /^"C:\\Program Files\\Google\\Chrome\\Application\\chrome\.exe" /);
  assert.match(windows, /%USERPROFILE%/);
});

test("a disabled control's reason is short and says where the fix is", () => {
  assert.equal(
    shortReason('Needs the protocol engine: start Chrome with the debugging flags shown in the status line.'),
    "Needs Chrome's debugging port (click the badge).",
  );
  assert.equal(shortReason('Not connected.'), 'Not connected yet.');
});
