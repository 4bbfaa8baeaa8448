/** The recorded CDP traffic of a real demo run (bench/fixtures/), which shapes the replayed events. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Protocol } from 'devtools-protocol';
import { REPO as ROOT } from './repo.ts';
import type { OriginRegistrations } from '../../extension/model.ts';

export const FIXTURE_PATH = join(ROOT, 'bench', 'fixtures', 'demo-cdp-traffic.json');

export interface RecordedTraffic {
  recordedAt: string;
  chromium: string;
  /** The demo's origin when recorded (its port varies from run to run). */
  origin: string;
  /** What the real registrations reader returned for the demo page. */
  registrations: OriginRegistrations;
  /** Every BackgroundService event the trusted session received, with its arrival offset. */
  events: Array<{
    atMs: number;
    method: string;
    params: { backgroundServiceEvent: Protocol.BackgroundService.BackgroundServiceEvent };
  }>;
}

export function loadFixture(): RecordedTraffic {
  return JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as RecordedTraffic;
}

/** The recorded registrations, moved to another origin (the demo's port differs per run). */
export function registrationsAt(traffic: RecordedTraffic, origin: string): OriginRegistrations {
  return JSON.parse(JSON.stringify(traffic.registrations).split(traffic.origin).join(origin)) as OriginRegistrations;
}
