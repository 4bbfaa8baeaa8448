import type { CapabilityState } from '../../extension/capabilities.ts';
import { shortReason } from '../status-words.ts';

/** Why a control is disabled, beside it in words (a tooltip alone is missed and unreachable by keyboard). */
export function Reason({ state, id }: { state: CapabilityState | undefined; id?: string }) {
  if (!state || state.available || !state.reason) return null;
  return (
    <span class="reason" id={id}>
      {shortReason(state.reason)}
    </span>
  );
}
