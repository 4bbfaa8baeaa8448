/**
 * Applies the background's messages in bursts: everything that arrived before the next task runs in
 * one go, with runs of records merged, so the store updates and the panel renders once per burst.
 * (One render per message made a 100,000-event replay, sent in 20 messages, 20 full renders, and
 * put one render and one forced layout on every batch of a live stream.)
 */
import type { BackgroundToPanel } from '../../extension/messages.ts';

/** Pure: merges records that follow a welcome or records message into it, keeping every other message in order. */
export function coalesceRecords(messages: readonly BackgroundToPanel[]): BackgroundToPanel[] {
  const out: BackgroundToPanel[] = [];
  for (const message of messages) {
    const last = out[out.length - 1];
    if (message.type === 'records' && (last?.type === 'records' || last?.type === 'welcome')) {
      out[out.length - 1] = { ...last, records: last.records.concat(message.records) };
    } else {
      out.push(message);
    }
  }
  return out;
}

/**
 * Queues each message; at the next task, hands over what came meanwhile, coalesced. A welcome is
 * handed over at once: the older records that follow it must not hold back its first render.
 */
export function burstApplier(
  apply: (messages: BackgroundToPanel[]) => void,
  schedule: (run: () => void) => void = (run) => setTimeout(run, 0),
): (message: BackgroundToPanel) => void {
  let queue: BackgroundToPanel[] = [];
  const flush = () => {
    if (!queue.length) return;
    const burst = coalesceRecords(queue);
    queue = [];
    apply(burst);
  };
  return (message) => {
    queue.push(message);
    if (message.type === 'welcome') return flush();
    if (queue.length === 1) schedule(flush);
  };
}
