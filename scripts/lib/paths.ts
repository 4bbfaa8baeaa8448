import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built extension; SYNC_INSPECTOR_DIST points tests and tools at another build. */
export const DIST = process.env.SYNC_INSPECTOR_DIST ?? join(ROOT, 'dist');
