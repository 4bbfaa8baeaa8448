/**
 * Runs of repeated pieces of text, as bytes: records repeat most of their fields (origin, service,
 * event name, tag, metadata), so the text of a run of such fields is looked up in a tree of the runs
 * seen before (one node per step and value), escaped and encoded once per export, and copied into
 * the file in one piece after that. A step whose values rarely repeat ends the run instead.
 */
import { ByteSink, BytesByValue } from './byte-sink.ts';

/** Nodes of the run tree at most, per export (each holds the run's bytes up to it). */
const MAX_RUNS = 20_000;

/**
 * A step that has made this many nodes holds values that rarely repeat in the same run (a tag among
 * a thousand): it ends the run instead of branching it, and its pieces are cached on their own.
 */
const LOOSE_AFTER = 64;

/** One kind of piece of a run: `piece(value)` is its text (`,"key":<JSON of the value>`, `]`...). */
export interface Step {
  readonly piece: (value: unknown) => string;
  /** Nodes made for this step; once loose, its pieces come from `loose`. */
  made: number;
  loose: BytesByValue<unknown> | undefined;
  /** What the step's user keeps on it (the JSON writer: its key). One shape for every step keeps the hot code monomorphic. */
  readonly about: unknown;
}

/** A run of cached pieces: its bytes, and the runs that continue it, by step and value. */
class Run {
  /** Children by value for the first step seen here (nearly always the only one), then by step. */
  private step: Step | undefined;
  private byValue: Map<unknown, Run> | undefined;
  private others: Map<Step, Map<unknown, Run>> | undefined;

  constructor(readonly bytes: Uint8Array) {}

  /** The run continued by `step(value)`, or undefined when the step does not branch the tree. */
  child(step: Step, value: unknown, writer: RunWriter): Run | undefined {
    let byValue: Map<unknown, Run> | undefined;
    if (step === this.step) byValue = this.byValue!;
    else if (this.step === undefined) {
      this.step = step;
      byValue = this.byValue = new Map();
    } else {
      this.others ??= new Map();
      byValue = this.others.get(step);
      if (byValue === undefined) this.others.set(step, (byValue = new Map()));
    }
    let run = byValue.get(value);
    if (run === undefined) {
      if (step.made >= LOOSE_AFTER || writer.runs >= MAX_RUNS) {
        writer.loosen(step);
        return undefined;
      }
      step.made++;
      writer.runs++;
      const piece = writer.utf8(step.piece(value));
      const bytes = new Uint8Array(this.bytes.length + piece.length);
      bytes.set(this.bytes);
      bytes.set(piece, this.bytes.length);
      run = new Run(bytes);
      byValue.set(value, run);
    }
    return run;
  }
}

export class RunWriter {
  runs = 0;
  private readonly root = new Run(new Uint8Array(0));
  /** The run being written, not yet copied into the sink. */
  private run: Run | undefined;

  constructor(readonly sink: ByteSink) {}

  utf8(text: string): Uint8Array {
    return this.sink.utf8(text);
  }

  step(piece: (value: unknown) => string, about?: unknown): Step {
    return { piece, made: 0, loose: undefined, about };
  }

  /** From now on the step's pieces are cached on their own, not in runs. */
  loosen(step: Step): void {
    step.loose ??= new BytesByValue((v) => this.utf8(step.piece(v)));
  }

  /** Whether a run is waiting to be copied. */
  get pending(): boolean {
    return this.run !== undefined;
  }

  /** Copies the run so far into the sink, from its byte `from` on (1 leaves out a leading comma). */
  flush(from = 0): void {
    const run = this.run;
    if (run === undefined) return;
    this.run = undefined;
    this.sink.bytes(run.bytes, from);
  }

  /**
   * Extends the run by `step(value)`; when the step does not branch the tree, copies the run so far
   * and the step's piece. Returns whether anything was copied (`from` applies to the first copy).
   */
  extend(step: Step, value: unknown, from = 0): boolean {
    if (step.loose === undefined) {
      const next = (this.run ?? this.root).child(step, value, this);
      if (next !== undefined) {
        this.run = next;
        return false;
      }
    }
    if (this.run !== undefined) {
      this.flush(from);
      this.sink.bytes(step.loose!.get(value));
    } else this.sink.bytes(step.loose!.get(value), from);
    return true;
  }
}
