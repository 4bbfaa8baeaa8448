/** What one rule of "Why won't it fire?" answers (diagnosis.ts), and what every rule is given. */
import type { Capabilities } from './capabilities.ts';
import type { EngineKind } from './messages.ts';
import type { OriginRegistrations, ScopeRegistration, SyncRecord } from './model.ts';

export type CheckState = 'ok' | 'problem' | 'warning' | 'info';

/** Something the panel can do about a check, when the engine can. */
export type CheckAction = 'release' | 'fire' | 'reregister' | 'allowPeriodic' | 'unregisterPeriodic';

export interface Check {
  id: string;
  title: string;
  state: CheckState;
  /** What was found. */
  detail: string;
  /** What to do about it, when something should be done. */
  fix?: string;
  action?: { kind: CheckAction; label: string; available: boolean; reason?: string };
  /** The words of `detail` that count down to `at` ("in 4 min 59 s"): a view keeps them current. */
  countdown?: { at: number; text: string };
}

export interface DiagnosisInput {
  registrations: OriginRegistrations;
  scope: ScopeRegistration;
  tag: string;
  periodic: boolean;
  records: readonly SyncRecord[];
  capabilities: Capabilities;
  engine: EngineKind;
  now: number;
}

/** A capability as a check's action takes it: its reason only when it is not available. */
export function availability(c: { available: boolean; reason?: string }): { available: boolean; reason?: string } {
  return c.available ? { available: true } : { available: false, ...(c.reason ? { reason: c.reason } : {}) };
}
