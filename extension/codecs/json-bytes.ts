/**
 * JSON of plain objects (records), written as bytes into a ByteSink: the same text as
 * `JSON.stringify(object)`, key by key in the object's own order. Repeated fields go through runs
 * (run-tree.ts); ids and times, unique per record, are written as they come.
 */
import type { ByteSink } from './byte-sink.ts';
import { RunWriter, type Step } from './run-tree.ts';

/** Keys whose values are unique per record: caching them would only cost. */
const UNIQUE_KEYS = new Set(['id', 'instrumentedId', 'time', 'timestamp']);

/** Keys whose value is a list of `{key, value}` strings (metadata), written as part of a run. */
const ENTRY_LIST_KEYS = new Set(['metadata', 'eventMetadata']);

/** What a key's step knows of its key. */
interface KeyFacts {
  readonly key: string;
  readonly unique: boolean;
  readonly entryList: boolean;
  /** `,"key":` and `"key":`, for values written as they come. */
  readonly prefix: Uint8Array;
  readonly firstPrefix: Uint8Array;
  /** `,"key":[`, for a list of entries. */
  readonly opener: Step;
}

/** A key's step: its piece is `,"key":<JSON of the value>`. */
export type KeyStep = Step & { readonly about: KeyFacts };

/** The keys of an object and the steps that write them. */
interface Plan {
  keys: string[];
  steps: KeyStep[];
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Plans remembered, for objects of a few shapes interleaved. */
const PLANS_KEPT = 16;

export class JsonObjectWriter {
  private readonly runs: RunWriter;
  private readonly steps = new Map<string, KeyStep>();
  private readonly plans: Plan[] = [];
  private readonly entryKey: Step;
  private readonly nextEntryKey: Step;
  private readonly entryValue: Step;
  private readonly closeEntries: Step;
  /** Whether the next field is the object's first (no comma before it). */
  private first = true;

  constructor(
    private readonly sink: ByteSink,
    /** Numbers that JSON cannot hold, per key: a string to write instead of null (e.g. "infinite"). */
    private readonly nonFinite?: (key: string, value: number) => string | undefined,
  ) {
    const runs = (this.runs = new RunWriter(sink));
    this.entryKey = runs.step((key) => `{"key":${JSON.stringify(key)},"value":`);
    this.nextEntryKey = runs.step((key) => `,{"key":${JSON.stringify(key)},"value":`);
    this.entryValue = runs.step((value) => `${JSON.stringify(value)}}`);
    this.closeEntries = runs.step(() => ']');
  }

  /** The step of a key (one per key and writer). */
  step(key: string): KeyStep {
    let step = this.steps.get(key);
    if (step === undefined) {
      const name = JSON.stringify(key);
      const runs = this.runs;
      const facts: KeyFacts = {
        key,
        unique: UNIQUE_KEYS.has(key),
        entryList: ENTRY_LIST_KEYS.has(key),
        prefix: runs.utf8(`,${name}:`),
        firstPrefix: runs.utf8(`${name}:`),
        opener: runs.step(() => `,${name}:[`),
      };
      step = runs.step((value) => `,${name}:${JSON.stringify(value)}`, facts) as KeyStep;
      this.steps.set(key, step);
    }
    return step;
  }

  /** Extends the run (see RunWriter.extend), leaving out the leading comma of the object's first field. */
  private extend(step: Step, value: unknown): void {
    if (this.runs.extend(step, value, this.first ? 1 : 0)) this.first = false;
  }

  begin(): void {
    this.sink.byte(0x7b); // {
    this.first = true;
  }

  end(): void {
    this.runs.flush(this.first ? 1 : 0);
    this.sink.byte(0x7d); // }
  }

  /** One field, as `JSON.stringify` writes it inside its object (undefined leaves it out). */
  put(step: KeyStep, value: unknown): void {
    let v = value;
    if (typeof v === 'number' && !Number.isFinite(v)) v = this.nonFinite?.(step.about.key, v) ?? null;
    switch (typeof v) {
      case 'undefined':
      case 'function':
      case 'symbol':
        return;
      case 'bigint':
        JSON.stringify(v); // throws, as JSON.stringify of the object would
        return;
      case 'object':
        if (v === null) break;
        if (step.about.entryList && this.entries(step, v)) return;
        this.prefixOf(step);
        this.sink.text(JSON.stringify(v));
        return;
    }
    if (!step.about.unique) this.extend(step, v);
    else if (typeof v === 'string') {
      this.prefixOf(step);
      this.sink.jsonString(v);
    } else if (typeof v === 'number') {
      this.prefixOf(step);
      this.sink.jsonNumber(v);
    } else {
      this.prefixOf(step);
      this.sink.text(JSON.stringify(v));
    }
  }

  /** The run so far and `"key":` of a value written as it comes. */
  private prefixOf(step: KeyStep): void {
    if (this.runs.pending) {
      this.runs.flush(this.first ? 1 : 0);
      this.first = false;
    }
    this.sink.bytes(this.first ? step.about.firstPrefix : step.about.prefix);
    this.first = false;
  }

  /**
   * A list of entries, `[{"key":...,"value":...},...]`, as part of the run. False when an entry is
   * not two strings: the caller writes the list as JSON.stringify does.
   */
  private entries(step: KeyStep, value: object): boolean {
    if (!Array.isArray(value)) return false;
    const list = value as unknown[];
    for (let i = 0; i < list.length; i++) {
      const entry = list[i] as { key?: unknown; value?: unknown } | null;
      if (!entry || typeof entry.key !== 'string' || typeof entry.value !== 'string') return false;
    }
    this.extend(step.about.opener, undefined);
    for (let i = 0; i < list.length; i++) {
      const entry = list[i] as { key: string; value: string };
      this.extend(i ? this.nextEntryKey : this.entryKey, entry.key);
      this.extend(this.entryValue, entry.value);
    }
    this.extend(this.closeEntries, undefined);
    return true;
  }

  private planFor(keys: string[]): Plan {
    const plans = this.plans;
    for (let i = 0; i < plans.length; i++) if (sameKeys(plans[i]!.keys, keys)) return plans[i]!;
    const plan = { keys, steps: keys.map((k) => this.step(k)) };
    if (plans.length >= PLANS_KEPT) plans.pop();
    plans.unshift(plan);
    return plan;
  }

  /** `JSON.stringify(object)`, for an object of strings, numbers, booleans and plain data. */
  write(object: object): void {
    const o = object as Record<string, unknown>;
    const keys = Object.keys(o);
    const plan = this.planFor(keys);
    this.begin();
    for (let i = 0; i < keys.length; i++) this.put(plan.steps[i]!, o[keys[i]!]);
    this.end();
  }
}

const NEWLINE = 0x0a;
const COMMA = 0x2c;

/**
 * A JSON array written one item per line (the layout of jsonArrayByLine): `[`, items separated by
 * `,` + newline, `]`; `[]` when nothing is written. Items that `include` refuses are left out.
 */
export function writeJsonArrayByLine<T>(
  sink: ByteSink,
  items: readonly T[],
  writeItem: (item: T) => void,
  include?: (item: T) => boolean,
): void {
  sink.byte(0x5b); // [
  let written = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (include && !include(item)) continue;
    if (written++) sink.byte(COMMA);
    sink.byte(NEWLINE);
    writeItem(item);
  }
  if (written) sink.byte(NEWLINE);
  sink.byte(0x5d); // ]
}
