// The HTTP server: security headers (helmet, with a CSP nonce per response), request ids, body
// limits, the Origin check, static files, and Remix's request handler for every route.
// `npm run build` bundles this file to build/server.js, which `npm start` runs on the
// production build in one process per core (docs/decisions/019-typed-server-on-remix-path.md).
// `npm run dev` runs it from source with tsx.
import cluster from 'node:cluster';
import { randomBytes, randomUUID } from 'node:crypto';
import { watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequestHandler } from '@remix-run/express';
import { type AppLoadContext, broadcastDevReady, type ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import helmet from 'helmet';
import type * as AppEntry from './app/entry.server';
import { env } from './app/infra/env.server';
import './app/web/load-context';

// libuv's thread pool (4 threads by default) serves static files, gzip and other crypto; a
// larger pool keeps threads free under load. Password hashing has its own low-priority thread
// (app/infra/password.server.ts). Set before anything uses the pool; workers inherit it.
process.env.UV_THREADPOOL_SIZE ??= '8';
// `npm start` serves the production build; `remix dev` sets development itself.
process.env.NODE_ENV ??= 'production';

let settings: ReturnType<typeof env>;
try {
  settings = env();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
const isDev = settings.NODE_ENV === 'development';
const BUILD_PATH = path.resolve('build/index.js');
const MAX_BODY_BYTES = 1024 * 1024;
const TOO_LARGE = 'That was too much to send at once (the limit is 1 MB). Please shorten it and try again.';

/** The Remix build with our entry module's own exports (checkReady). */
type AppBuild = ServerBuild & { entry: { module: typeof AppEntry } };

// Production runs one worker per core (WEB_CONCURRENCY overrides). Content lives in the database
// and every worker follows its published head (docs/decisions/030-content-store.md), so the
// author studio can run on any number of processes and instances.
const WORKERS = isDev ? 1 : (settings.WEB_CONCURRENCY ?? availableParallelism());
if (cluster.isPrimary && WORKERS > 1) await runPrimary(WORKERS);

/** Starts the workers, replaces one that dies, and stops them all on SIGTERM/SIGINT. */
async function runPrimary(count: number): Promise<never> {
  let stopping = false;
  let listening = 0;
  cluster.on('listening', () => {
    listening++;
    if (listening === count) console.log(`Peer Academy is running at http://localhost:${settings.PORT} (${count} processes)`);
  });
  cluster.on('exit', (_worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // A worker that fails before it listens (bad environment, database behind its migrations)
    // would fail again: stop instead of restarting it in a loop.
    if (listening < count) process.exit(code || 1);
    console.error(`A server process stopped (code ${code}, signal ${signal}); starting another.`);
    cluster.fork();
  });
  for (const s of ['SIGTERM', 'SIGINT'] as const) {
    process.on(s, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
      setTimeout(() => process.exit(0), 6000).unref();
    });
  }
  for (let i = 0; i < count; i++) cluster.fork();
  // The primary only supervises; it never loads the app.
  return new Promise<never>(() => {});
}

async function importBuild(): Promise<AppBuild> {
  const { mtimeMs } = await stat(BUILD_PATH);
  return import(`${pathToFileURL(BUILD_PATH).href}?t=${mtimeMs}`);
}

let build: AppBuild;
try {
  build = await importBuild();
} catch (e) {
  const missing = (e as { code?: string } | null)?.code === 'ENOENT';
  console.error(missing ? 'No production build found at build/index.js. Run `npm run build` first.' : e);
  process.exit(1);
}
// Checks the database is migrated and starts the background jobs, before taking any request.
try {
  await build.entry.module.checkReady();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}

const app = express();
app.disable('x-powered-by');
// A number of hops or a list of proxy addresses, never `true` (docs/decisions/013-login-throttling-and-device-cookies.md).
if (settings.TRUST_PROXY !== false) app.set('trust proxy', settings.TRUST_PROXY);

declare global {
  namespace Express {
    /** What every response carries from the first middleware on. */
    interface Locals {
      requestId: string;
      nonce: string;
    }
  }
}

app.use((_req, res, next) => {
  res.locals.requestId = randomUUID();
  res.locals.nonce = randomBytes(16).toString('base64');
  res.setHeader('X-Request-Id', res.locals.requestId);
  next();
});

// helmet hands its directive functions Node's plain response type; Express's response is that
// same object, with the locals set above.
const nonceSource = (_req: unknown, res: ServerResponse) => `'nonce-${(res as Response).locals.nonce}'`;
app.use(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", nonceSource],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // NOTE: the dev server's live reload talks over a websocket on another port.
        connectSrc: isDev ? ["'self'", 'ws://localhost:*', 'ws://127.0.0.1:*'] : ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    // No other site's window keeps a handle on ours (window.opener), whatever it opens.
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: settings.isProduction ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  }),
);
// helmet has no Permissions-Policy.
app.use((_req, res, next) => {
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  next();
});

const plain = (res: Response, status: number, message: string) =>
  res.status(status).type('text/plain; charset=utf-8').send(message);

/** The host an Origin header names, or null when it is not a URL at all ("foo", "http://[x"). */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

// State changes only by POST from our own pages: refuse other origins (docs/decisions/002-csrf.md).
app.use((req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const origin = req.get('origin');
  const site = req.get('sec-fetch-site');
  if (site === 'cross-site' || (origin && origin !== 'null' && originHost(origin) !== req.get('host'))) {
    return plain(
      res,
      403,
      'This form was sent from another website, so it was refused. Please go back and try again from Peer Academy.',
    );
  }
  if (origin === 'null') return plain(res, 403, 'This form was refused because its origin is unknown.');
  const length = req.get('content-length');
  if (length === undefined && req.get('transfer-encoding')) {
    return plain(res, 411, 'Please send a Content-Length with the request.');
  }
  if (Number(length) > MAX_BODY_BYTES) return plain(res, 413, TOO_LARGE);
  next();
});

app.use(compression());
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }));
// Files in public/ have an extension; page addresses do not, so they skip the file lookup.
const servePublic = express.static('public', { maxAge: '1h', index: false });
app.use((req, res, next) => (path.extname(req.path) ? servePublic(req, res, next) : next()));

// Anything answered to a signed-in browser (pages, ?_data, CSV exports, autosave answers, error
// pages) may hold personal data: no shared proxy or browser cache may keep it. Keyed on the
// session cookie being sent rather than on a valid session, so it holds for every route,
// including ones added later, without a database lookup here (docs/decisions/014-input-handling.md).
// Static files above keep their long cache lifetimes.
// NOTE: the cookie name is defined in app/infra/session.server.ts.
const SESSION_COOKIE = /(?:^|;)\s*pa_session=/;
// Course images hold no personal data and are named by a hash of their bytes (ADR 031): they set their own long lifetime.
const COURSE_IMAGE = /^\/courses\/[a-z0-9-]+\/images\/[^/]+$/;
app.use((req, res, next) => {
  if (SESSION_COOKIE.test(req.get('cookie') ?? '') && !COURSE_IMAGE.test(req.path))
    res.setHeader('Cache-Control', 'private, no-store');
  next();
});

/** Remix's `context` for every loader and action; its type is declared in app/web/load-context.ts. */
const getLoadContext = (req: Request, res: Response): AppLoadContext => ({
  requestId: res.locals.requestId,
  nonce: res.locals.nonce,
  clientAddress: req.ip || req.socket.remoteAddress || 'unknown',
});

// Every request sees one version of the course, even if a publish lands while it runs.
app.use((_req, _res, next) => build.entry.module.withContentPin(next));

app.all(
  '*',
  isDev
    ? createRequestHandler({ build: () => importBuild(), mode: settings.NODE_ENV, getLoadContext })
    : createRequestHandler({ build, mode: settings.NODE_ENV, getLoadContext }),
);

// Errors Express raises itself (a malformed address, a body it cannot read): plain words, and a
// log line only when the fault is ours.
const onError: ErrorRequestHandler = (err, req, res, _next) => {
  const e = (err ?? {}) as { status?: unknown; statusCode?: unknown };
  const status = Number(e.status ?? e.statusCode ?? 500);
  if (status >= 500) console.error(`[request ${res.locals.requestId}] ${req.method} ${req.path}`, err);
  if (res.headersSent) return res.end();
  if (status === 413) return plain(res, 413, TOO_LARGE);
  if (status >= 400 && status < 500)
    return plain(res, status, 'We could not read that address or form. Please go back and try again.');
  return plain(res, 500, `Something went wrong on our side. Please try again. (${res.locals.requestId})`);
};
app.use(onError);

const server = app.listen(settings.PORT, () => {
  if (cluster.isPrimary) console.log(`Peer Academy is running at http://localhost:${settings.PORT}`);
  if (isDev) void broadcastDevReady(build);
});

if (isDev) {
  watch(path.dirname(BUILD_PATH), { persistent: false }, async () => {
    try {
      build = await importBuild();
      await broadcastDevReady(build);
    } catch {
      // mid-write; the next event retries
    }
  });
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
