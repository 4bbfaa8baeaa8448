/**
 * The bench's own little sites (bench/fixtures/sites), served on localhost: a page that registers many
 * sync tags (measure 8, the peer), and a page with 5 iframes (3 cross-site, from 127.0.0.1) and 2
 * dedicated workers (measure 6, the page's cost). Both expose window.demo.registerTag like the demo.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { REPO } from './repo.ts';

const DIR = join(REPO, 'bench', 'fixtures', 'sites');
const FILES: Record<string, string> = {
  '/peer.html': 'text/html',
  '/peer-sw.js': 'text/javascript',
  '/frames.html': 'text/html',
  '/frames-child.html': 'text/html',
  '/frames-worker.js': 'text/javascript',
};

export interface BenchSites {
  /** http://localhost:PORT */
  origin: string;
  close(): Promise<void>;
}

export async function startBenchSites(): Promise<BenchSites> {
  let port = 0;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const type = FILES[path];
    if (!type) return void res.writeHead(404).end();
    const body = readFileSync(join(DIR, path.slice(1)), 'utf8').replace('__FRAME_ORIGIN__', `http://127.0.0.1:${port}`);
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    origin: `http://localhost:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
