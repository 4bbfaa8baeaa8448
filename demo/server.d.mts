// Types for the demo server, for the TypeScript tests and scripts that start it.
export interface DemoServerHandle {
  url: string;
  port: number;
  close(): Promise<void>;
  setMode(mode: 'ok' | 'fail'): void;
  state: { mode: string; messages: Array<Record<string, unknown>>; syncLog: Array<Record<string, unknown>> };
}
export function startDemoServer(options?: { port?: number; host?: string }): Promise<DemoServerHandle>;
