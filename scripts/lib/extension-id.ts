/**
 * The extension id Chrome derives from the manifest's "key": sha256 of the decoded key, first 32 hex
 * digits mapped 0-f -> a-p. A launcher needs it before Chrome starts, to name our exact origin in
 * --remote-allow-origins. (A store-installed copy gets the store's id: the panel shows the flags
 * with chrome.runtime.id, so it is always right there.)
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.ts';

export function extensionIdFromKey(base64Key: string): string {
  const digest = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex').slice(0, 32);
  return [...digest].map((h) => String.fromCharCode(97 + parseInt(h, 16))).join('');
}

export function ourExtensionId(): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as { key: string };
  return extensionIdFromKey(manifest.key);
}
