/**
 * The one wait of the end-to-end tests: poll a condition until it holds, then hand back what it found.
 * A timeout says what was last seen, so a failure explains itself. Waits are on conditions, never on time.
 */
export interface WaitOptions {
  timeoutMs?: number;
  /** How often to look again. */
  everyMs?: number;
}

/**
 * Resolves with the first truthy value `check` returns; rejects after `timeoutMs` with
 * `describe()` (what the test saw instead).
 */
export async function waitUntil<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  describe: () => string | Promise<string>,
  { timeoutMs = 15_000, everyMs = 25 }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
