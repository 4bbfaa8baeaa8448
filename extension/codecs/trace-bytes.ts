/**
 * The trace's events written as bytes, with no event object made per record: the same text as
 * `JSON.stringify` of the events trace.ts describes (key order included). Repeated pieces (event
 * names, services, lanes, the args of a kind) go through runs (run-tree.ts); times are written per
 * event. Rare shapes (a dispatch's activity, metadata keys given twice) take JSON.stringify.
 */
import type { SyncRecord } from '../model.ts';
import type { ByteSink } from './byte-sink.ts';
import { RunWriter, type Step } from './run-tree.ts';

const J = (value: unknown) => JSON.stringify(value);

/** Trace Event numbers: whole microseconds from milliseconds. */
export const us = (ms: number) => Math.round(ms * 1000);

/** `,"key":<JSON>` steps of the args, in argsOf's order. */
const ARG_KEYS = ['lastChance', 'status', 'nextAttemptDelayMs', 'reason', 'durationMs', 'sourceFile', 'error'] as const;

export class TraceEventWriter {
  private readonly runs: RunWriter;
  private written = 0;
  private readonly instantHead: Step;
  private readonly instantCat: Step;
  private readonly lane: Step;
  private readonly argsKind: Step;
  private readonly argsSource: Step;
  private readonly argsRegistration: Step;
  private readonly args: Record<(typeof ARG_KEYS)[number], Step>;
  private readonly argsLocation: Step;
  private readonly metadataKey: Step;
  private readonly metadataValue: Step;
  private readonly close: Step;
  private readonly spanName: Step;
  private readonly spanCat: Step;
  private readonly spanDur: Step;
  private readonly spanOutcome: Step;
  private readonly spanLastChance: Step;
  /** The process of each thread, by thread id. */
  private readonly pidOfTid: number[] = [];

  constructor(private readonly sink: ByteSink) {
    const runs = (this.runs = new RunWriter(sink));
    this.instantHead = runs.step((name) => `{"name":${J(name)}`);
    this.instantCat = runs.step((cat) => `,"cat":${J(cat)},"ph":"i","s":"t","ts":`);
    this.lane = runs.step((tid) => `,"pid":${this.pidOfTid[tid as number]},"tid":${tid as number}`);
    this.argsKind = runs.step((kind) => `,"args":{"kind":${J(kind)}`);
    this.argsSource = runs.step((source) => `,"source":${J(source)}`);
    this.argsRegistration = runs.step((id) => `,"registrationId":${J(id)}`);
    this.args = Object.fromEntries(
      ARG_KEYS.map((key) => [key, runs.step((value) => `,${J(key)}:${J(value)}`)]),
    ) as TraceEventWriter['args'];
    this.argsLocation = runs.step((location) => `,"sourceLocation":${J(location)}`);
    this.metadataKey = runs.step((key) => `,${J(`metadata: ${key as string}`)}:`);
    this.metadataValue = runs.step((value) => J(value));
    this.close = runs.step((text) => text as string);
    this.spanName = runs.step((name) => `{"name":${J(name)}`);
    this.spanCat = runs.step((cat) => `,"cat":${J(cat)},"ph":"X","ts":`);
    this.spanDur = runs.step(() => ',"dur":');
    this.spanOutcome = runs.step((outcome) => `,"args":{"outcome":${J(outcome)}`);
    this.spanLastChance = runs.step((lastChance) => `,"lastChance":${J(lastChance)}`);
  }

  /** Events are separated by commas (one JSON array, no line breaks). */
  private separate(): void {
    this.runs.flush();
    if (this.written++) this.sink.byte(0x2c);
  }

  /** An event as JSON.stringify writes it (metadata events, activity, rare shapes). */
  object(event: object): void {
    this.separate();
    this.sink.text(J(event));
  }

  thread(tid: number, pid: number): void {
    this.pidOfTid[tid] = pid;
  }

  private number(ms: number): void {
    this.runs.flush();
    this.sink.jsonNumber(us(ms));
  }

  /** The record's instant: `{name, cat, ph: 'i', s: 't', ts, pid, tid, args}` (args as argsOf in trace.ts). */
  instant(r: SyncRecord, tid: number, args: () => Record<string, unknown>): void {
    const runs = this.runs;
    if (hasRepeatedKey(r.metadata)) {
      this.object({
        name: r.eventName,
        cat: r.service,
        ph: 'i',
        s: 't',
        ts: us(r.time),
        pid: this.pidOfTid[tid],
        tid,
        args: args(),
      });
      return;
    }
    this.separate();
    runs.extend(this.instantHead, r.eventName);
    runs.extend(this.instantCat, r.service);
    this.number(r.time);
    runs.extend(this.lane, tid);
    runs.extend(this.argsKind, r.kind);
    runs.extend(this.argsSource, r.source);
    runs.extend(this.argsRegistration, r.registrationId);
    for (const key of ARG_KEYS) {
      let value: unknown = r[key];
      if (value === undefined) continue;
      if (key === 'nextAttemptDelayMs' && value === Infinity) value = 'infinite';
      else if (typeof value === 'number' && !Number.isFinite(value)) value = null;
      runs.extend(this.args[key], value);
    }
    const at = r.sourceLocation;
    if (at !== undefined) runs.extend(this.argsLocation, `${at.url}:${at.line}:${at.column}`);
    for (const m of r.metadata) {
      runs.extend(this.metadataKey, m.key);
      runs.extend(this.metadataValue, m.value);
    }
    runs.extend(this.close, '}}');
  }

  /** A dispatch's span: `{name, cat, ph: 'X', ts, dur, pid, tid, args: {outcome, lastChance?}}`. */
  span(dispatch: SyncRecord, durationMs: number, tid: number, outcome: string | undefined): void {
    const runs = this.runs;
    this.separate();
    const periodic = dispatch.service === 'periodicBackgroundSync';
    runs.extend(this.spanName, periodic ? `periodicsync ${dispatch.tag}` : `sync ${dispatch.tag}`);
    runs.extend(this.spanCat, dispatch.service);
    this.number(dispatch.time);
    runs.extend(this.spanDur, undefined);
    runs.flush();
    this.sink.jsonNumber(Math.max(0, us(durationMs)));
    runs.extend(this.lane, tid);
    runs.extend(this.spanOutcome, outcome ?? 'unknown');
    if (dispatch.lastChance !== undefined) runs.extend(this.spanLastChance, dispatch.lastChance);
    runs.extend(this.close, '}}');
  }

  finish(): void {
    this.runs.flush();
  }
}

/** Metadata keys given twice: an args object keeps one of them, so those records take the object path. */
function hasRepeatedKey(metadata: SyncRecord['metadata']): boolean {
  for (let i = 1; i < metadata.length; i++)
    for (let j = 0; j < i; j++) if (metadata[i]!.key === metadata[j]!.key) return true;
  return false;
}
