/**
 * A fake of Chrome's debugging endpoint for the protocol engine, speaking just enough CDP: every
 * command answers `{}`, the registrations reader's Runtime.evaluate gets a recorded snapshot, and the
 * bench pushes BackgroundService events at the rate it wants. The extension connects to it as it
 * would to Chrome (ws://127.0.0.1:<port>/devtools/page/<targetId>), so events take the real path.
 */
import type { OriginRegistrations } from '../../extension/model.ts';
import { startWsServer, type WsConnection } from './ws-server.ts';

export interface FakeCdp {
  port: number;
  /** Resolves once the engine has connected and sent BackgroundService.startObserving. */
  observing(): Promise<void>;
  /** Sends one CDP event to every connection; returns when it was handed to the socket (wall-clock ms). */
  emit(method: string, params: unknown): number;
  /** What the registrations reader's Runtime.evaluate answers; settable once the inspected origin is known. */
  registrations: OriginRegistrations;
  /**
   * The inspected tab's target id, which the engine checks with Target.getTargetInfo before it
   * trusts an endpoint (background/endpoint-check.ts): set before the panel opens.
   */
  targetId: string;
  /** Commands received, by method (what the engine asked for). */
  commands: Map<string, number>;
  close(): Promise<void>;
}

export const wallClockMs = (): number => performance.timeOrigin + performance.now();

export async function startFakeCdp(registrations: OriginRegistrations): Promise<FakeCdp> {
  const connections = new Set<WsConnection>();
  const commands = new Map<string, number>();
  let markObserving: () => void = () => {};
  const observing = new Promise<void>((resolve) => (markObserving = resolve));
  const fake = { registrations, targetId: '' } as FakeCdp;
  /** What the engine needs answered to trust the endpoint and read registrations; {} for the rest. */
  const answer = (method: string): unknown => {
    switch (method) {
      case 'Target.getTargetInfo':
        return { targetInfo: { targetId: fake.targetId, type: 'page', title: '', url: '', attached: true } };
      case 'Page.getFrameTree':
        return { frameTree: { frame: { id: fake.targetId }, childFrames: [] } };
      case 'Page.createIsolatedWorld':
        return { executionContextId: 1 };
      case 'Runtime.evaluate':
        return { result: { type: 'object', value: { ...fake.registrations, readAt: Date.now() } } };
      default:
        return {};
    }
  };
  const server = await startWsServer((connection, onText) => {
    connections.add(connection);
    onText((text) => {
      const request = JSON.parse(text) as {
        id: number;
        method: string;
        params?: { service?: string };
        sessionId?: string;
      };
      commands.set(request.method, (commands.get(request.method) ?? 0) + 1);
      const result = answer(request.method);
      connection.send(
        JSON.stringify({ id: request.id, result, ...(request.sessionId ? { sessionId: request.sessionId } : {}) }),
      );
      if (request.method === 'BackgroundService.startObserving') {
        connection.send(
          JSON.stringify({
            method: 'BackgroundService.recordingStateChanged',
            params: { isRecording: true, service: request.params?.service },
          }),
        );
        markObserving();
      }
    });
  });
  return Object.assign(fake, {
    port: server.port,
    observing: () => observing,
    emit(method: string, params: unknown) {
      const text = JSON.stringify({ method, params });
      const at = wallClockMs();
      for (const c of connections) c.send(text);
      return at;
    },
    commands,
    async close() {
      for (const c of connections) c.close();
      await server.close();
    },
  });
}
