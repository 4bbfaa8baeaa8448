/**
 * What an engine can do. The panel shows every control; a control whose capability is missing is
 * disabled with the reason, never silently broken.
 */
export type Capability =
  | 'history' // Chrome's stored log, replayed (3 days)
  | 'fire' // a real dispatch of any tag
  | 'fireInBackoff' // a dispatch of a tag waiting in retry back-off
  | 'lastChance' // choose lastChance for a dispatch
  | 'firePeriodic' // dispatch a periodicsync event
  | 'periodicPermission' // grant periodic-background-sync to an origin
  | 'hold' // hold a worker offline, release to fire for real
  | 'reregister' // fire a completed tag again by registering it from the page
  | 'simulate' // dispatch a synthetic event in the worker
  | 'outcomeDetail' // rejection reason and duration of each handler run
  | 'recording' // turn Chrome's recording on and off
  | 'eraseChromeLog'; // erase Chrome's stored log (all origins)

export interface CapabilityState {
  available: boolean;
  /** Why not, when not: shown beside the disabled control. */
  reason?: string;
}

export type Capabilities = Record<Capability, CapabilityState>;

const ALL_CAPABILITIES: readonly Capability[] = [
  'history',
  'fire',
  'fireInBackoff',
  'lastChance',
  'firePeriodic',
  'periodicPermission',
  'hold',
  'reregister',
  'simulate',
  'outcomeDetail',
  'recording',
  'eraseChromeLog',
];

/** Builds a capability table: every capability not granted gets the same reason. */
export function capabilities(granted: readonly Capability[], reasonForOthers: string): Capabilities {
  const table = {} as Capabilities;
  for (const c of ALL_CAPABILITIES) {
    table[c] = granted.includes(c) ? { available: true } : { available: false, reason: reasonForOthers };
  }
  return table;
}

/** Union of what several engines can do together (first engine's reasons win for what none can). */
export function mergeCapabilities(tables: readonly Capabilities[]): Capabilities {
  const merged = {} as Capabilities;
  for (const c of ALL_CAPABILITIES) {
    const granting = tables.find((t) => t[c].available);
    merged[c] = granting
      ? { available: true }
      : (tables[0]?.[c] ?? { available: false, reason: 'No engine is connected.' });
  }
  return merged;
}
