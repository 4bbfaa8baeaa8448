/**
 * The wrapper of the page's and the worker's register calls. Sent as source text beside the
 * installers in in-scope.ts (the same rules: self-contained, no imports). It runs on every
 * register() a page makes, so it is written against a hostile page: the original is called first
 * and untouched, and nothing of ours can throw into the page or leave a rejection behind.
 */

export type Send = (report: Record<string, unknown>) => void;

/**
 * Wraps SyncManager.register and PeriodicSyncManager.register/unregister so each call is reported
 * with its caller's stack and its error (NotAllowedError, InvalidStateError, ...). The original is
 * called unchanged; what it returns or throws is passed through untouched.
 */
export function wrapRegisterCalls(send: Send, where: string, viaInspector: () => boolean): () => void {
  const restores: Array<() => void> = [];
  const g = globalThis as unknown as Record<string, { prototype?: Record<string, unknown> } | undefined>;
  const describe = (value: unknown): string => {
    try {
      if (value && typeof value === 'object' && 'name' in value && 'message' in value) {
        return `${String((value as Error).name)}: ${String((value as Error).message)}`.slice(0, 2000);
      }
      return String(value).slice(0, 2000);
    } catch {
      return 'an unprintable value';
    }
  };
  // Taken now: a page that replaces them later cannot make our wrapper misbehave.
  const apply = Reflect.apply;
  const resolved = Promise.resolve.bind(Promise);
  const then = Promise.prototype.then;
  /** Never throws and never leaves a rejection behind: the page sees nothing of a failed report. */
  const sendSafely = (report: Record<string, unknown>) => {
    try {
      send(report);
    } catch {
      // The page broke what a report needs (JSON, the binding): this one is lost, the call is not.
    }
  };
  const report = (
    api: string,
    method: string,
    args: unknown[],
    threw: boolean,
    thrown: unknown,
    result: unknown,
    stack: string,
  ) => {
    const options = args[1] as { minInterval?: unknown } | null | undefined;
    const minInterval = options && typeof options === 'object' ? options.minInterval : undefined;
    const tag = args[0];
    const base = {
      type: 'call',
      api,
      method,
      where: viaInspector() ? 'inspector' : where,
      // Only a primitive is turned into text: an object's toString is the page's code, run once by register.
      tag: typeof tag === 'object' || typeof tag === 'function' ? '(not a string)' : String(tag),
      time: Date.now(),
      stack,
      ...(typeof minInterval === 'number' ? { minInterval } : {}),
    };
    if (threw) return sendSafely({ ...base, ok: false, error: describe(thrown) });
    apply(then, resolved(result), [
      () => sendSafely({ ...base, ok: true }),
      (error: unknown) => sendSafely({ ...base, ok: false, error: describe(error) }),
    ]);
  };
  const wrap = (proto: Record<string, unknown> | undefined, method: string, api: string) => {
    const original = proto?.[method];
    if (!proto || typeof original !== 'function') return;
    // A method, as the original is: named like it, not a constructor, no prototype (length set below).
    const wrapped = {
      [method](this: unknown) {
        // The page's call first, with the very arguments given: what it returns or throws, and when, is
        // the original's (register() without a tag, or on another object, fails exactly as without us).
        // eslint-disable-next-line prefer-rest-params -- a rest parameter would change the method's length
        const args = arguments as unknown as unknown[];
        let result: unknown;
        let threw = false;
        let thrown: unknown;
        try {
          result = apply(original as (...a: unknown[]) => unknown, this, args);
        } catch (error) {
          threw = true;
          thrown = error;
        }
        try {
          const stack = String(new Error().stack ?? '')
            .split('\n')
            .slice(2, 10)
            .join('\n');
          report(api, method, args, threw, thrown, result, stack);
        } catch {
          // Whatever the page did to the builtins we use, its call is not ours to break.
        }
        if (threw) throw thrown;
        return result;
      },
    }[method]!;
    try {
      Object.defineProperty(wrapped, 'length', { value: (original as () => unknown).length });
      proto[method] = wrapped;
    } catch {
      // A frozen prototype: the page keeps its own register, unreported.
      return;
    }
    // Put the original back, unless the page wrapped it again after us (then leave theirs alone).
    restores.push(() => {
      if (proto[method] === wrapped) proto[method] = original;
    });
  };
  wrap(g.SyncManager?.prototype, 'register', 'sync');
  wrap(g.PeriodicSyncManager?.prototype, 'register', 'periodicSync');
  wrap(g.PeriodicSyncManager?.prototype, 'unregister', 'periodicSync');
  return () => restores.forEach((restore) => restore());
}
