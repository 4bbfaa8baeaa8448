/** A request body for the panel: UTF-8 text when it decodes as such, hex otherwise; capped either way. */
import type { RequestDetail } from '../../extension/activity-model.ts';

/** Bytes of a body shown; the rest is cut (and said). */
export const MAX_SHOWN_BODY = 16 * 1024;

export function decodeBase64(text: string): Uint8Array {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return new Uint8Array();
  }
}

export function bodyForDisplay(bytes: Uint8Array, size: number): NonNullable<RequestDetail['body']> {
  const shown = bytes.subarray(0, MAX_SHOWN_BODY);
  const truncated = bytes.length > MAX_SHOWN_BODY || size > bytes.length;
  try {
    // stream: a multi-byte character cut at the cap is not an error.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(shown, { stream: truncated });
    // eslint-disable-next-line no-control-regex -- control characters (but tab, newline, return) make it binary
    if (!/[\u0000-\u0008\u000e-\u001f]/.test(text)) return { encoding: 'text', data: text, size, truncated };
  } catch {
    // not UTF-8: hex below
  }
  let hex = '';
  for (let i = 0; i < shown.length; i++)
    hex += (i % 16 === 0 && i ? '\n' : i ? ' ' : '') + shown[i]!.toString(16).padStart(2, '0');
  return { encoding: 'hex', data: hex, size, truncated };
}
