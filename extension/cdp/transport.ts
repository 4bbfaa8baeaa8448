/**
 * A CDP transport moves raw protocol messages; the client above it knows nothing of how.
 * Implementations: a WebSocket to Chrome's debugging endpoint, `chrome.debugger`, a test double.
 */
export interface CdpRequest {
  id: number;
  method: string;
  params?: object;
  sessionId?: string;
}

export interface CdpResponse {
  id: number;
  result?: unknown;
  error?: { code: number; message: string; data?: string };
  sessionId?: string;
}

export interface CdpEventMessage {
  method: string;
  params?: unknown;
  sessionId?: string;
}

export type CdpIncoming = CdpResponse | CdpEventMessage;

export interface Transport {
  send(message: CdpRequest): void;
  onMessage(listener: (message: CdpIncoming) => void): void;
  /** Called once, with a human-readable reason. */
  onClose(listener: (reason: string) => void): void;
  close(): void;
}
