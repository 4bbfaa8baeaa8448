import type { CdpClient } from '../extension/cdp/client.ts';

/** The endpoint must prove itself quickly. */
const VERIFY_MS = 3000;

/**
 * Anything may listen on the debugging port (a stale process, another program). Before its events
 * are trusted, the endpoint must answer as this Chrome for this tab: the target it serves is the one
 * chrome.debugger names for the tab (an id only Chrome and its extensions know).
 */
export async function verifyEndpoint(
  client: CdpClient,
  expected: { id: string },
  timeoutMs = VERIFY_MS,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the endpoint did not prove it is this Chrome within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    const { targetInfo } = await Promise.race([client.send('Target.getTargetInfo'), late]);
    if (targetInfo?.targetId !== expected.id)
      throw new Error(
        `the endpoint on this port is not this Chrome's tab (it answered for ${JSON.stringify(targetInfo?.targetId ?? null)})`,
      );
  } finally {
    clearTimeout(timer);
  }
}
