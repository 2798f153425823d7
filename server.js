// The HTTP server: security headers, request ids, body limits, the Origin check, static
// files, and the Remix request handler. `npm start` runs it on the production build, in one
// process per core (docs/decisions/009-exam-saves-under-load.md).
import cluster from 'node:cluster';
import { randomBytes, randomUUID } from 'node:crypto';
import { watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequestHandler } from '@remix-run/express';
import { broadcastDevReady } from '@remix-run/node';
import compression from 'compression';
import express from 'express';

// libuv's thread pool (4 threads by default) serves static files, gzip and other crypto; a
// larger pool keeps threads free under load. Password hashing has its own low-priority thread
// (app/infra/password.server.ts). Set before anything uses the pool; workers inherit it.
process.env.UV_THREADPOOL_SIZE ??= '8';
const MODE = process.env.NODE_ENV ?? 'production';
process.env.NODE_ENV = MODE;
const isDev = MODE === 'development';
const BUILD_PATH = path.resolve('build/index.js');
const MAX_BODY_BYTES = 1024 * 1024;
const PORT = Number(process.env.PORT || 3000);
const flag = (name) => ['1', 'true', 'yes', 'on'].includes(String(process.env[name] ?? '').toLowerCase());

// Production runs one worker per core (WEB_CONCURRENCY overrides). Each process keeps its own
// copy of the content in memory, so a server that lets authors edit content runs one process:
// a save in one worker would leave the others showing the old unit.
const WORKERS = isDev || flag('CONTENT_EDITING') ? 1 : Number(process.env.WEB_CONCURRENCY || availableParallelism());
if (cluster.isPrimary && WORKERS > 1) await runPrimary(WORKERS);

/** Starts the workers, replaces one that dies, and stops them all on SIGTERM/SIGINT. */
async function runPrimary(count) {
  let stopping = false;
  let listening = 0;
  cluster.on('listening', () => {
    listening++;
    if (listening === count) console.log(`Peer Academy is running at http://localhost:${PORT} (${count} processes)`);
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
  for (const s of ['SIGTERM', 'SIGINT']) {
    process.on(s, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
      setTimeout(() => process.exit(0), 6000).unref();
    });
  }
  for (let i = 0; i < count; i++) cluster.fork();
  // The primary only supervises; it never loads the app.
  await new Promise(() => {});
}

async function importBuild() {
  const { mtimeMs } = await stat(BUILD_PATH);
  return import(`${pathToFileURL(BUILD_PATH).href}?t=${mtimeMs}`);
}

let build;
try {
  build = await importBuild();
} catch (e) {
  console.error(e?.code === 'ENOENT' ? 'No production build found at build/index.js. Run `npm run build` first.' : e);
  process.exit(1);
}
// Checks the environment and that the database is migrated, before taking any request.
try {
  await build.entry.module.checkReady();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}

const app = express();
app.disable('x-powered-by');
// A number of hops or a list of proxy addresses, never `true` (docs/decisions/013-login-throttling-and-device-cookies.md).
const trustProxy = build.entry.module.trustProxy();
if (trustProxy !== false) app.set('trust proxy', trustProxy);

app.use((_req, res, next) => {
  res.locals.requestId = randomUUID();
  res.locals.nonce = randomBytes(16).toString('base64');
  res.setHeader('X-Request-Id', res.locals.requestId);
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${res.locals.nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      // NOTE: the dev server's live reload talks over a websocket on another port.
      isDev ? "connect-src 'self' ws://localhost:* ws://127.0.0.1:*" : "connect-src 'self'",
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  // No other site's window keeps a handle on ours (window.opener), whatever it opens.
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  if (MODE === 'production') res.setHeader('Strict-Transport-Security', 'max-age=31536000');
  next();
});

const plain = (res, status, message) => res.status(status).type('text/plain; charset=utf-8').send(message);

/** The host an Origin header names, or null when it is not a URL at all ("foo", "http://[x"). */
function originHost(origin) {
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
  if (Number(length) > MAX_BODY_BYTES) {
    return plain(res, 413, 'That was too much to send at once (the limit is 1 MB). Please shorten it and try again.');
  }
  next();
});

app.use(compression());
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }));
app.use(express.static('public', { maxAge: '1h' }));

// Anything answered to a signed-in browser (pages, ?_data, CSV exports, autosave answers, error
// pages) may hold personal data: no shared proxy or browser cache may keep it. Keyed on the
// session cookie being sent rather than on a valid session, so it holds for every route,
// including ones added later, without a database lookup here (docs/decisions/014-input-handling.md).
// Static files above keep their long cache lifetimes.
// NOTE: the cookie name is defined in app/infra/session.server.ts.
const SESSION_COOKIE = /(?:^|;)\s*pa_session=/;
app.use((req, res, next) => {
  if (SESSION_COOKIE.test(req.get('cookie') ?? '')) res.setHeader('Cache-Control', 'private, no-store');
  next();
});

const getLoadContext = (req, res) => ({
  requestId: res.locals.requestId,
  nonce: res.locals.nonce,
  clientAddress: req.ip || req.socket.remoteAddress || 'unknown',
  // Remix strips ?_data before loaders see the URL; a loader may need to know (see app/content/segments.ts).
  isDataRequest: req.query._data !== undefined,
});

// The exam autosave is the busiest endpoint: every answer of every trainee sitting the exam.
// Its route module's action is called directly, without Remix's router and data plumbing, which
// cost more than the save itself (docs/decisions/009-exam-saves-under-load.md). The route file
// stays the one definition of the endpoint; Remix would serve the same action without this.
const AUTOSAVE_ROUTE = 'routes/courses.$course.exam.attempts.$attemptId.save';
const AUTOSAVE_PATH = /^\/courses\/([^/]+)\/exam\/attempts\/([^/]+)\/save$/;
if (!build.routes[AUTOSAVE_ROUTE]?.module.action) {
  console.error(`The route ${AUTOSAVE_ROUTE} (the exam autosave) is missing from the build.`);
  process.exit(1);
}
app.post(AUTOSAVE_PATH, express.raw({ type: () => true, limit: MAX_BODY_BYTES }), async (req, res) => {
  const context = getLoadContext(req, res);
  let response;
  try {
    const headers = new Headers();
    for (const name of ['cookie', 'content-type', 'accept']) if (req.get(name)) headers.set(name, req.get(name));
    const request = new Request(new URL(req.originalUrl, `${req.protocol}://${req.get('host')}`), {
      method: 'POST',
      headers,
      body: Buffer.isBuffer(req.body) ? req.body : undefined,
    });
    // Express has decoded the captures already (and answered 400 to a malformed one).
    const params = { course: req.params[0], attemptId: req.params[1] };
    response = await build.routes[AUTOSAVE_ROUTE].module.action({ request, params, context });
  } catch (e) {
    // Guards throw responses (a redirect to log in, 403, 404); anything else is a bug, logged with the id.
    if (!(e instanceof Response)) {
      console.error(`[request ${context.requestId}] POST ${req.path}`, e);
      return plain(
        res,
        500,
        `Something went wrong on our side. Your answer was not saved; it will be sent again. (${context.requestId})`,
      );
    }
    response = e;
  }
  res.status(response.status);
  for (const [name, value] of response.headers) res.append(name, value);
  res.send(Buffer.from(await response.arrayBuffer()));
});

app.all(
  '*',
  isDev
    ? createRequestHandler({ build: () => importBuild(), mode: MODE, getLoadContext })
    : createRequestHandler({ build, mode: MODE, getLoadContext }),
);

// Errors Express raises itself (a malformed address, a body it cannot read): plain words, and a
// log line only when the fault is ours.
app.use((err, req, res, _next) => {
  const status = Number(err?.status ?? err?.statusCode ?? 500);
  if (status >= 500) console.error(`[request ${res.locals.requestId}] ${req.method} ${req.path}`, err);
  if (res.headersSent) return res.end();
  if (status === 413)
    return plain(res, 413, 'That was too much to send at once (the limit is 1 MB). Please shorten it and try again.');
  if (status >= 400 && status < 500)
    return plain(res, status, 'We could not read that address or form. Please go back and try again.');
  return plain(res, 500, `Something went wrong on our side. Please try again. (${res.locals.requestId})`);
});

const server = app.listen(PORT, () => {
  if (cluster.isPrimary) console.log(`Peer Academy is running at http://localhost:${PORT}`);
  if (isDev) broadcastDevReady(build);
});

if (isDev) {
  watch(path.dirname(BUILD_PATH), { persistent: false }, async () => {
    try {
      build = await importBuild();
      broadcastDevReady(build);
    } catch {
      // mid-write; the next event retries
    }
  });
}

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
