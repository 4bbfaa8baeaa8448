#!/usr/bin/env tsx
/** `npm run package`: writes sync-inspector-<version>.zip, ready for the Chrome Web Store. */
import { writeStorePackage } from './lib/store-package.ts';

const { path, files, bytes } = await writeStorePackage();
console.log(`wrote ${path} (${(bytes / 1024).toFixed(1)} KiB, ${files.length} files)`);
for (const file of files) console.log(`  ${file}`);
