/** The old path of part of test/e2e/support/: kept while branches made before the move still import it. */
export * from './support/index.ts';
