/**
 * The words of the status line: one short line beside the engine's badge, the technical detail (socket
 * URLs, close codes) kept for the details the user opens. Pure, so it is unit-tested without a browser.
 */
import type { SessionState } from '../extension/messages.ts';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

export interface StatusWords {
  badge: string;
  tone: 'ok' | 'warn' | 'bad' | 'busy';
  /** One short sentence that does not repeat the badge. */
  line: string;
}

export function statusWords(connection: ConnectionStatus, session: SessionState | null): StatusWords {
  if (connection !== 'connected' || !session)
    return {
      badge: 'Connecting',
      tone: 'busy',
      line: connection === 'reconnecting' ? 'Reconnecting to the extension…' : 'Connecting to the extension…',
    };
  if (session.phase === 'connecting') return { badge: 'Connecting', tone: 'busy', line: 'Attaching to this tab…' };
  if (session.engine === 'protocol')
    return { badge: 'Protocol engine', tone: 'ok', line: "Chrome's sync log, Fire now and Hold offline all work." };
  if (session.engine === 'debugger')
    return {
      badge: 'Debugger engine',
      tone: 'warn',
      line: "Plain Chrome: Fire now and Chrome's history need its debugging port.",
    };
  return { badge: 'Not connected', tone: 'bad', line: firstSentence(plainError(session.message)) };
}

/** Drops what only a protocol engineer reads: the socket's URL and its close code. */
export function plainError(text: string): string {
  return text
    .replace(/could not open ws:\/\/\S+ \(code \d+\):\s*/gi, '')
    .replace(/ws:\/\/\S+/g, "Chrome's debugging port")
    .replace(/\s*\(code \d+\)/g, '')
    .trim();
}

function firstSentence(text: string): string {
  const match = /^.+?[.!?](?=\s|$)/.exec(text);
  return (match ? match[0] : text).replace(/:$/, '.');
}

/** The browser and system this panel runs in, as the command line needs them. */
export interface Platform {
  os: 'mac' | 'windows' | 'linux' | 'other';
  browser: 'chrome' | 'chromium' | 'edge';
}

export function detectPlatform(nav: {
  userAgent: string;
  userAgentData?: { platform?: string; brands?: Array<{ brand: string }> };
}): Platform {
  const platform = nav.userAgentData?.platform ?? nav.userAgent;
  const os = /mac/i.test(platform)
    ? 'mac'
    : /win/i.test(platform)
      ? 'windows'
      : /linux|cros|chrome os/i.test(platform)
        ? 'linux'
        : 'other';
  const brands = (nav.userAgentData?.brands ?? []).map((b) => b.brand).join(' ') || nav.userAgent;
  const browser = /edge/i.test(brands) ? 'edge' : /google chrome/i.test(brands) ? 'chrome' : 'chromium';
  return { os, browser };
}

const EXECUTABLES: Record<Platform['os'], Record<Platform['browser'], string>> = {
  mac: {
    chrome: "'/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'",
    chromium: '/Applications/Chromium.app/Contents/MacOS/Chromium',
    edge: "'/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'",
  },
  windows: {
    chrome: '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"',
    chromium: 'chrome.exe',
    edge: '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe"',
  },
  linux: { chrome: 'google-chrome', chromium: 'chromium', edge: 'microsoft-edge' },
  other: { chrome: 'google-chrome', chromium: 'chromium', edge: 'microsoft-edge' },
};

/**
 * The whole command that starts this browser with the protocol engine's flags, ready to paste: the
 * flags the background gives (they name this install's extension id) with a real profile folder.
 */
export function commandLine(flags: string, platform: Platform): string {
  const profile =
    platform.os === 'windows' ? '"%USERPROFILE%\\sync-inspector-profile"' : '"$HOME/.sync-inspector-profile"';
  const withProfile = flags.replace(/--user-data-dir=<[^>]*>/, `--user-data-dir=${profile}`);
  return `${EXECUTABLES[platform.os][platform.browser]} ${withProfile}`;
}

/** A disabled control's reason, short enough to stand beside it. */
export function shortReason(reason: string): string {
  if (/^needs the protocol engine/i.test(reason)) return "Needs Chrome's debugging port (click the badge).";
  if (/^not connected/i.test(reason)) return 'Not connected yet.';
  return reason;
}
