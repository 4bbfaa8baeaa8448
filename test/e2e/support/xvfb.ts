/**
 * A private X display for headful Chromium: Chrome's own UI (its infobars) is out of CDP's reach,
 * so a test that must click it runs Chromium on an Xvfb of its own and drives it with xdotool.
 * The display is ready when Xvfb writes its number to -displayfd (no polling, no sleeps).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const X_INSTALL_HINT =
  'The headful tests need Xvfb and xdotool: `apt-get install -y xvfb xdotool` (Debian; .ci/run installs them).';

/** First display number tried: far above the ones a desktop or another tool uses. */
const FIRST_DISPLAY = 90;
const DISPLAYS_TRIED = 50;

export interface XDisplay {
  /** ":N", for DISPLAY. */
  display: string;
  /** Runs xdotool on this display; resolves with its output. */
  xdotool(...args: string[]): Promise<string>;
  close(): Promise<void>;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

/** Starts Xvfb on the first free display from :90 up; fails (never skips) when Xvfb or xdotool is missing. */
export async function startXvfb(screen = '1280x800x24'): Promise<XDisplay> {
  const missing = ['Xvfb', 'xdotool'].filter((c) => !onPath(c));
  if (missing.length) throw new Error(`${missing.join(' and ')} not found. ${X_INSTALL_HINT}`);
  const failures: string[] = [];
  for (let n = FIRST_DISPLAY; n < FIRST_DISPLAY + DISPLAYS_TRIED; n++) {
    // A lock file means another server has (or had) this display: skip it rather than fight over it.
    if (existsSync(`/tmp/.X${n}-lock`)) continue;
    const started = await tryDisplay(n, screen);
    if ('server' in started) return displayOf(n, started.server);
    failures.push(`:${n}: ${started.error}`);
  }
  throw new Error(`Xvfb did not start on any display from :${FIRST_DISPLAY}: ${failures.slice(-3).join('; ')}`);
}

/** Resolves once Xvfb reports the display ready, or with why it ended first. */
function tryDisplay(n: number, screen: string): Promise<{ server: ChildProcess } | { error: string }> {
  return new Promise((resolve) => {
    const server = spawn('Xvfb', [`:${n}`, '-displayfd', '3', '-screen', '0', screen, '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    server.stderr!.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    const ready = server.stdio[3] as NodeJS.ReadableStream;
    ready.on('data', (chunk: Buffer) => {
      if (String(chunk).trim() === String(n)) resolve({ server });
    });
    server.once('error', (error) => resolve({ error: error.message }));
    server.once('exit', (code) => resolve({ error: `exited with ${code}: ${stderr.trim().split('\n').pop() ?? ''}` }));
  });
}

function displayOf(n: number, server: ChildProcess): XDisplay {
  const display = `:${n}`;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  return {
    display,
    xdotool: (...args) =>
      new Promise((resolve, reject) =>
        execFile('xdotool', args, { env: { ...process.env, DISPLAY: display } }, (error, stdout, stderr) =>
          error ? reject(new Error(`xdotool ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
        ),
      ),
    async close() {
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
      await exited;
    },
  };
}
