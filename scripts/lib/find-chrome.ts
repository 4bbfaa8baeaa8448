/** Finds a Chrome or Chromium to launch: CHROME_PATH first, then the usual places. */
import { existsSync } from 'node:fs';

const CANDIDATES = [
  // Debian's real binary: the /usr/bin/chromium wrapper adds flags of its own and prints noise.
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

export function findChrome(): string | undefined {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

export const INSTALL_HINT =
  'No Chrome or Chromium found. Install one (Debian/Ubuntu: sudo apt-get install -y chromium), or set CHROME_PATH to its executable.';
