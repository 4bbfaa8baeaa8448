/**
 * The repository folder, for the bench. Not scripts/lib/paths.ts: that module fixes DIST when it
 * loads, and the bench must choose its own build (SYNC_INSPECTOR_DIST) before the launcher loads.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
