/**
 * The welcome's older records, asked for (`askOlder`: the background holds them until then) and
 * unpacked one message per task, only after the welcome has been painted: unpacking them as they
 * arrive (~12 ms per 5,000) put 20 such tasks between the welcome and its first frame, and their
 * posting kept the worker and the browser busy meanwhile. Other messages pass at once; the store
 * keeps them right whatever the order (a record held is the later word on its id, a removal is
 * remembered until the older ones are in).
 */
import type { BackgroundToPanel } from '../../extension/messages.ts';
import { unpackMessage } from '../../extension/port-records.ts';

export interface OlderQueueTiming {
  /** Runs `run` once the current state has been painted. */
  afterPaint(run: () => void): void;
  /** Runs `run` in a task of its own. */
  task(run: () => void): void;
}

/** A hidden panel gets no animation frames: then the older records start after this long anyway. */
const HIDDEN_START_MS = 100;

const browserTiming: OlderQueueTiming = {
  afterPaint: (run) => {
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      setTimeout(run, 0);
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(start);
    setTimeout(start, HIDDEN_START_MS);
  },
  task: (run) => setTimeout(run, 0),
};

/** Takes messages as posted (records maybe packed) and hands them on unpacked, older ones deferred. */
export function olderQueue(
  next: (message: BackgroundToPanel) => void,
  timing: OlderQueueTiming = browserTiming,
  askOlder: () => void = () => {},
): (posted: BackgroundToPanel) => void {
  let queue: BackgroundToPanel[] = [];
  let painted = true;
  let pumping = false;
  let generation = 0;
  const pump = (): void => {
    if (pumping || !painted || !queue.length) return;
    pumping = true;
    timing.task(() => {
      pumping = false;
      // A welcome came meanwhile: its own paint starts the pump again.
      if (!painted) return;
      const posted = queue.shift();
      if (posted) next(unpackMessage(posted));
      pump();
    });
  };
  return (posted) => {
    if (posted.type === 'older') {
      queue.push(posted);
      return pump();
    }
    if (posted.type === 'welcome') {
      // A new welcome is the whole truth again: older records of the one before are of no use.
      queue = [];
      painted = false;
      const mine = ++generation;
      const welcome = unpackMessage(posted) as Extract<BackgroundToPanel, { type: 'welcome' }>;
      const more = welcome.total > welcome.records.length;
      timing.afterPaint(() => {
        if (mine !== generation) return;
        painted = true;
        if (more) askOlder();
        pump();
      });
      return next(welcome);
    }
    next(unpackMessage(posted));
  };
}
