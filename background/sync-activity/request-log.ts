/**
 * The requests service workers sent, from the Network domain on their sessions (platform facts §8:
 * requestWillBeSent, responseReceived, loadingFinished / loadingFailed a few ms apart), held a while
 * so a dispatch's outcome can take the ones sent during it. Bounded: the oldest go first.
 */
import type { Protocol } from 'devtools-protocol';
import { MAX_URL, type RequestActivity, type RequestDetail } from '../../extension/activity-model.ts';
import { bodyForDisplay, decodeBase64 } from './body-display.ts';

/**
 * Requests held (all workers of the tab): enough for the dispatches of the last minutes; with bodies
 * of at most 16 kB (Network.enable's maxPostDataSize), at most 8 MB.
 */
const MAX_HELD = 500;
const MAX_HEADERS = 100;
const MAX_HEADER_VALUE = 4000;

interface HeldRequest {
  activity: RequestActivity;
  origin: string;
  startMono: number;
  requestHeaders: Array<{ name: string; value: string }>;
  responseHeaders: Array<{ name: string; value: string }>;
  body?: Uint8Array;
  bodyTruncated: boolean;
  settled: boolean;
  onSettled: Array<() => void>;
}

export class RequestLog {
  private readonly byId = new Map<string, HeldRequest>();
  /** Faked answers seen before their request (Fetch.requestPaused can come first). */
  private readonly fakedEarly = new Map<string, string>();

  willBeSent(sessionId: string, origin: string, e: Protocol.Network.RequestWillBeSentEvent): void {
    const id = `${sessionId}|${e.requestId}`;
    const held = this.byId.get(id);
    if (held) {
      // A redirect: the same request goes on to the new URL.
      held.activity.url = e.request.url.slice(0, MAX_URL);
      return;
    }
    const { bytes, truncated } = postBody(e.request);
    const activity: RequestActivity = {
      key: id,
      method: e.request.method.slice(0, 20),
      url: e.request.url.slice(0, MAX_URL),
      startedAt: e.wallTime * 1000,
    };
    const declared = Number(headerValue(e.request.headers, 'content-length'));
    if (bytes) activity.requestSize = truncated && Number.isFinite(declared) ? declared : bytes.length;
    else if (e.request.hasPostData && Number.isFinite(declared)) activity.requestSize = declared;
    const faked = this.fakedEarly.get(id);
    if (faked) {
      activity.faked = faked;
      this.fakedEarly.delete(id);
    }
    this.byId.set(id, {
      activity,
      origin,
      startMono: e.timestamp,
      requestHeaders: headerList(e.request.headers),
      responseHeaders: [],
      ...(bytes ? { body: bytes } : {}),
      bodyTruncated: truncated,
      settled: false,
      onSettled: [],
    });
    if (this.byId.size > MAX_HELD) this.byId.delete(this.byId.keys().next().value!);
  }

  responded(sessionId: string, e: Protocol.Network.ResponseReceivedEvent): void {
    const held = this.byId.get(`${sessionId}|${e.requestId}`);
    if (!held) return;
    held.activity.status = e.response.status;
    held.activity.statusText = e.response.statusText.slice(0, 200);
    held.responseHeaders = headerList(e.response.headers);
  }

  finished(sessionId: string, e: Protocol.Network.LoadingFinishedEvent): void {
    const held = this.byId.get(`${sessionId}|${e.requestId}`);
    if (!held) return;
    held.activity.responseSize = e.encodedDataLength;
    this.settle(held, e.timestamp);
  }

  failed(sessionId: string, e: Protocol.Network.LoadingFailedEvent): void {
    const held = this.byId.get(`${sessionId}|${e.requestId}`);
    if (!held) return;
    held.activity.error = (e.blockedReason ? `${e.errorText} (${e.blockedReason})` : e.errorText).slice(0, 200);
    this.settle(held, e.timestamp);
  }

  /** Sync Inspector answered this request itself (Fetch domain): marked in the list. */
  markFaked(sessionId: string, networkId: string, what: string): void {
    const held = this.byId.get(`${sessionId}|${networkId}`);
    if (held) held.activity.faked = what;
    else this.fakedEarly.set(`${sessionId}|${networkId}`, what);
    if (this.fakedEarly.size > 100) this.fakedEarly.delete(this.fakedEarly.keys().next().value!);
  }

  /** Requests of workers of this origin sent between from and to (ms). */
  within(origin: string, from: number, to: number): RequestActivity[] {
    const out: RequestActivity[] = [];
    for (const held of this.byId.values())
      if (held.origin === origin && held.activity.startedAt >= from && held.activity.startedAt <= to)
        out.push(held.activity);
    return out;
  }

  /** Resolves once each of these requests finished or failed, or after timeoutMs. */
  settled(requests: RequestActivity[], timeoutMs: number): Promise<void> {
    const open = requests.map((r) => this.byId.get(r.key)).filter((h): h is HeldRequest => !!h && !h.settled);
    if (!open.length) return Promise.resolve();
    return new Promise((resolve) => {
      let left = open.length;
      const timer = setTimeout(resolve, timeoutMs);
      for (const held of open)
        held.onSettled.push(() => {
          if (--left === 0) {
            clearTimeout(timer);
            resolve();
          }
        });
    });
  }

  detail(key: string): RequestDetail | undefined {
    const held = this.byId.get(key);
    if (!held) return undefined;
    return {
      requestHeaders: held.requestHeaders,
      responseHeaders: held.responseHeaders,
      ...(held.body ? { body: bodyForDisplay(held.body, held.activity.requestSize ?? held.body.length) } : {}),
    };
  }

  private settle(held: HeldRequest, endMono: number): void {
    held.activity.durationMs = Math.max(0, Math.round((endMono - held.startMono) * 1000 * 10) / 10);
    held.settled = true;
    for (const callback of held.onSettled.splice(0)) callback();
  }
}

function headerList(headers: Protocol.Network.Headers): Array<{ name: string; value: string }> {
  return Object.entries(headers)
    .slice(0, MAX_HEADERS)
    .map(([name, value]) => ({ name: name.slice(0, 200), value: String(value).slice(0, MAX_HEADER_VALUE) }));
}

function headerValue(headers: Protocol.Network.Headers, name: string): string | undefined {
  const found = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
  return found ? String(found[1]) : undefined;
}

/** The body Chrome included (up to Network.enable's maxPostDataSize), as bytes. */
function postBody(request: Protocol.Network.Request): { bytes?: Uint8Array; truncated: boolean } {
  const entries = request.postDataEntries;
  if (entries?.length) {
    const parts = entries.map((entry) => (entry.bytes ? decodeBase64(entry.bytes) : new Uint8Array()));
    const size = parts.reduce((n, p) => n + p.length, 0);
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    return { bytes, truncated: false };
  }
  if (typeof request.postData === 'string')
    return { bytes: new TextEncoder().encode(request.postData), truncated: false };
  return { truncated: request.hasPostData === true };
}
