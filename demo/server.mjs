// Demo server for the "email while offline" Background Sync example.
//
// Serves demo/public/ and a tiny in-memory JSON API. The "mode" switch lets a
// test (or the page's "Server failing" toggle) make POST /api/messages answer
// 503, which makes the worker's sync handler fail and Chrome schedule retries.
//
//   node demo/server.mjs [--port N]      (default port 8088)
//
// No dependencies: node's http, fs, path and url only.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
const MAX_BODY = 1024 * 1024; // 1 MB
const MODES = ['ok', 'fail'];

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Canned inbox served to the periodic sync handler. */
function inbox() {
  const now = Date.now();
  return [
    { id: 'in-1', from: 'ada@example.com', subject: 'Re: offline drafts', time: now - 5 * 60_000 },
    { id: 'in-2', from: 'grace@example.com', subject: 'Sync retries look good', time: now - 60 * 60_000 },
  ];
}

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function sendJson(res, status, data, extraHeaders = {}) {
  const body = JSON.stringify(data);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
  res.end(body);
}

/** Reads and parses a JSON request body, refusing more than MAX_BODY bytes. */
async function readJson(req) {
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_BODY) throw new HttpError(413, 'request body larger than 1 MB');
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, 'request body larger than 1 MB');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) throw new HttpError(400, 'request body must be JSON, got an empty body');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, `invalid JSON: ${err.message}`);
  }
}

function requireObject(value) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, 'request body must be a JSON object');
  }
  return value;
}

function requireString(obj, key, { optional = false } = {}) {
  const v = obj[key];
  if (v === undefined && optional) return '';
  if (typeof v !== 'string') throw new HttpError(400, `"${key}" must be a string`);
  return v;
}

/** Handles /api/*. Returns true when the route existed. */
async function handleApi(req, res, pathname, state) {
  const method = req.method;
  const notAllowed = (allow) => sendJson(res, 405, { error: `${method} not allowed on ${pathname}` }, { Allow: allow });

  switch (pathname) {
    case '/api/messages':
      if (method === 'GET') return sendJson(res, 200, state.messages);
      if (method === 'DELETE') {
        state.messages.length = 0; // keep the array identity: state is live for tests
        return sendJson(res, 200, { ok: true });
      }
      if (method !== 'POST') return notAllowed('GET, POST, DELETE');
      // A "down" server answers before even reading the payload.
      if (state.mode === 'fail') {
        req.resume();
        return sendJson(res, 503, {
          error: 'server is in "fail" mode (toggle "Server failing" off to accept messages)',
        });
      }
      {
        const input = requireObject(await readJson(req));
        const msg = {
          id: requireString(input, 'id'),
          to: requireString(input, 'to'),
          subject: requireString(input, 'subject', { optional: true }),
          body: requireString(input, 'body', { optional: true }),
          syncTag: req.headers['x-sync-tag'] ?? null,
          lastChance: req.headers['x-last-chance'] === 'true',
          receivedAt: Date.now(),
        };
        if (!msg.id) throw new HttpError(400, '"id" must not be empty');
        // Idempotent by id: a retry after a lost response must not duplicate mail.
        const existing = state.messages.find((m) => m.id === msg.id);
        if (existing) return sendJson(res, 200, existing);
        state.messages.push(msg);
        return sendJson(res, 201, msg);
      }

    case '/api/mode':
      if (method === 'GET') return sendJson(res, 200, { mode: state.mode });
      if (method !== 'POST') return notAllowed('GET, POST');
      {
        const input = requireObject(await readJson(req));
        if (!MODES.includes(input.mode)) throw new HttpError(400, `"mode" must be one of ${MODES.join(', ')}`);
        state.mode = input.mode;
        return sendJson(res, 200, { mode: state.mode });
      }

    case '/api/sync-log':
      if (method === 'GET') return sendJson(res, 200, state.syncLog);
      if (method === 'DELETE') {
        state.syncLog.length = 0;
        return sendJson(res, 200, { ok: true });
      }
      if (method !== 'POST') return notAllowed('GET, POST, DELETE');
      {
        const input = requireObject(await readJson(req));
        const entry = {
          tag: requireString(input, 'tag'),
          lastChance: input.lastChance === true,
          periodic: input.periodic === true,
          outcome: input.outcome === 'ok' ? 'ok' : 'failed',
          time: Number.isFinite(input.time) ? input.time : Date.now(),
        };
        if (typeof input.error === 'string') entry.error = input.error;
        state.syncLog.push(entry);
        return sendJson(res, 201, entry);
      }

    case '/api/read-receipts':
      // Replayed from the demo's Workbox-style queue; a "down" server refuses them too.
      if (method !== 'POST') return notAllowed('POST');
      req.resume();
      if (state.mode === 'fail') return sendJson(res, 503, { error: 'server is in "fail" mode' });
      return sendJson(res, 200, { ok: true });

    case '/api/inbox':
      if (method !== 'GET') return notAllowed('GET');
      return sendJson(res, 200, inbox());

    default:
      return sendJson(res, 404, { error: `no API route ${pathname}` });
  }
}

async function serveStatic(req, res, pathname) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendJson(res, 405, { error: `${req.method} not allowed` }, { Allow: 'GET, HEAD' });
  }
  let rel = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
  // Refuse anything that would resolve outside PUBLIC_DIR (../, encoded
  // slashes, NUL bytes). pathname is already percent-decoded by the caller.
  if (rel.includes('\0') || rel.includes('\\')) return sendJson(res, 400, { error: 'bad path' });
  if (rel.split('/').includes('..')) return sendJson(res, 403, { error: 'forbidden' });
  const file = path.resolve(PUBLIC_DIR, `.${path.posix.normalize(rel)}`);
  if (file !== PUBLIC_DIR && !file.startsWith(PUBLIC_DIR + path.sep)) {
    return sendJson(res, 403, { error: 'forbidden' });
  }
  let data;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
    data = await fs.readFile(file);
  } catch (err) {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return sendJson(res, 404, { error: `not found: ${pathname}` });
    throw err;
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': data.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : data);
}

/**
 * Starts the demo server.
 * @param {{port?: number, host?: string}} [options]
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>,
 *   setMode: (mode: 'ok'|'fail') => void,
 *   state: {mode: string, messages: object[], syncLog: object[]}}>}
 */
export async function startDemoServer({ port = 0, host = '127.0.0.1' } = {}) {
  // Live state: tests read it directly; arrays are only ever mutated in place.
  const state = { mode: 'ok', messages: [], syncLog: [] };

  const server = http.createServer(async (req, res) => {
    try {
      let pathname;
      try {
        pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      } catch {
        throw new HttpError(400, 'malformed URL');
      }
      if (pathname === '/api' || pathname.startsWith('/api/')) await handleApi(req, res, pathname, state);
      else await serveStatic(req, res, pathname);
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) console.error('[demo-server]', err);
      if (res.headersSent) return res.destroy();
      // After a 413 the rest of the upload is unread: close rather than drain it.
      sendJson(res, status, { error: err.message }, status === 413 ? { Connection: 'close' } : {});
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;

  return {
    // "localhost" (not 127.0.0.1) in the URL: Chrome treats it as a secure
    // context, which service workers and Background Sync require.
    url: `http://localhost:${actualPort}/`,
    port: actualPort,
    state,
    setMode(mode) {
      if (!MODES.includes(mode)) throw new TypeError(`mode must be one of ${MODES.join(', ')}`);
      state.mode = mode;
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // don't wait for keep-alive sockets
      });
    },
  };
}

// Run directly: node demo/server.mjs [--port N]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let port = 8088;
  for (let i = 0; i < args.length; i++) {
    const m = args[i].match(/^--port(?:=(.*))?$/);
    if (m) port = Number(m[1] ?? args[++i]);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('usage: node demo/server.mjs [--port N]');
    process.exit(2);
  }
  const demo = await startDemoServer({ port });
  console.log(`Sync Inspector demo running at ${demo.url}`);
  const stop = () => demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
