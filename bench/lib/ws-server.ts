/**
 * The bench's WebSocket server on 127.0.0.1, on the `ws` package: accepts any path and origin (the
 * extension connects from chrome-extension://…), text messages only. The seam the fake CDP endpoint
 * uses, so the transport below it can change without touching the measures.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface WsConnection {
  path: string;
  send(text: string): void;
  close(): void;
}

export interface WsServer {
  port: number;
  close(): Promise<void>;
}

export async function startWsServer(
  onConnection: (c: WsConnection, onText: (cb: (text: string) => void) => void) => void,
): Promise<WsServer> {
  // No per-message deflate: Chrome's endpoint does not compress, and the latency figures should not
  // include a zlib pass the real path never makes.
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  server.on('connection', (socket: WebSocket, request) => {
    // A send is handed to the kernel at once, as Chrome's endpoint does; Nagle would batch the replay.
    (request.socket as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
    const listeners: Array<(text: string) => void> = [];
    socket.on('error', () => socket.terminate());
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      for (const l of listeners) l(text);
    });
    const connection: WsConnection = {
      path: request.url ?? '/',
      send: (text) => {
        if (socket.readyState === socket.OPEN) socket.send(text);
      },
      close: () => {
        if (socket.readyState === socket.OPEN) socket.close(1000);
      },
    };
    onConnection(connection, (cb) => listeners.push(cb));
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
