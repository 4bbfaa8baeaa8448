/**
 * A minimal WebSocket server on 127.0.0.1 (node 20 has a client but no server, and the bench needs
 * no dependency for ~60 lines): accepts any path and origin, text messages only.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { acceptKey, encodeFrame, FrameParser, OPCODE } from './ws-frame.ts';

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
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.writeHead(426).end('WebSocket only'));
  server.on('upgrade', (req, socket: Socket) => {
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string') return void socket.destroy();
    socket.setNoDelay(true);
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${acceptKey(key)}\r\n\r\n`,
    );
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const listeners: Array<(text: string) => void> = [];
    const parser = new FrameParser();
    const connection: WsConnection = {
      path: req.url ?? '/',
      send: (text) => {
        if (!socket.destroyed) socket.write(encodeFrame(OPCODE.text, Buffer.from(text)));
      },
      close: () => {
        if (!socket.destroyed) socket.end(encodeFrame(OPCODE.close, Buffer.from([0x03, 0xe8])));
      },
    };
    socket.on('data', (chunk: Buffer) => {
      for (const message of parser.push(chunk)) {
        if (message.opcode === OPCODE.text) for (const l of listeners) l(message.payload.toString('utf8'));
        else if (message.opcode === OPCODE.ping) socket.write(encodeFrame(OPCODE.pong, message.payload));
        else if (message.opcode === OPCODE.close) connection.close();
      }
    });
    onConnection(connection, (cb) => listeners.push(cb));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
