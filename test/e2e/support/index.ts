/** Everything the end-to-end tests share: import from here. */
export * from './background.ts';
export * from './chrome-log.ts';
export * from './panel.ts';
export * from './scenario.ts';
export * from './wait.ts';
export * from './workbox-scenario.ts';
export * from './app-worker.ts';
