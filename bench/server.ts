// Starting and stopping the production server, logging in, and signing session cookies.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createCookie } from '@remix-run/node';
import { postForm, request } from './http';

export interface AppServer {
  base: string;
  port: number;
  /** The primary process (its children are the workers). */
  pid: number;
  /** What the server wrote to stderr (errors are logged there). */
  stderr(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Remembers a child process so that killAll stops it if the benchmark fails. */
export function track(child: ChildProcess): () => void {
  running.add(child);
  return () => running.delete(child);
}

/** Stops every server still running (used on failure and on Ctrl+C). */
export function killAll(): void {
  for (const p of running) p.kill('SIGKILL');
  running.clear();
}

/** Starts `node build/server.js` (the bundled server.ts) in production mode and waits until /healthz answers. */
export async function startServer(opts: {
  port: number;
  databaseUrl: string;
  secret: string;
  env?: Record<string, string>;
  /** How long to wait for /healthz (30 s unless told). */
  startSeconds?: number;
}): Promise<AppServer> {
  const child = spawn('node', ['build/server.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(opts.port),
      DATABASE_URL: opts.databaseUrl,
      SESSION_SECRET: opts.secret,
      // Production refuses to start without the certificate settings (docs/decisions/024-signing-keys-and-open-badges.md).
      PROGRAM_NAME: 'Benchmark Peer Training',
      PROGRAM_ADDRESS: '1 Bench Street, Sacramento, CA',
      CREDENTIAL_SIGNING_KEY: JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' })),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    if (err.length > 200_000) err = err.slice(-100_000);
  });
  child.stdout?.resume();
  let stopping = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      if (!stopping)
        console.error(`[bench] The app server on port ${opts.port} exited unexpectedly (code ${code}, signal ${signal}).`);
      resolve(code);
    }),
  );
  const base = `http://localhost:${opts.port}`;
  const startSeconds = opts.startSeconds ?? 30;
  const deadline = Date.now() + startSeconds * 1000;
  let up = false;
  while (!up) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`The server exited (code ${child.exitCode}, signal ${child.signalCode}):\n${err}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not start within ${startSeconds} s:\n${err}`);
    }
    try {
      up = (await request(`${base}/healthz`)).status === 200;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    base,
    port: opts.port,
    pid: child.pid ?? 0,
    stderr: () => err,
    async stop() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 6000);
        await exited;
        clearTimeout(timer);
      }
      running.delete(child);
    },
  };
}

/** Logs in through the form and returns the `pa_session=…` cookie pair. */
export async function login(base: string, email: string, password: string): Promise<string> {
  const r = await postForm(base, '/login', { email, password });
  const set = r.headers['set-cookie']?.find((c) => c.startsWith('pa_session='));
  if (r.status !== 302 || !set)
    throw new Error(`Login as ${email} failed with status ${r.status}: ${r.body.toString().slice(0, 300)}`);
  return set.split(';')[0];
}

const cookies = new Map<string, ReturnType<typeof createCookie>>();

/**
 * A session made without the login form (scrypt makes 200 logins take a minute): a random
 * token signed the way app/infra/session.server.ts signs it, and the sessions row to insert
 * (its id is the token's SHA-256).
 */
export async function signedSession(secret: string, userId: string, now = Date.now()) {
  const token = randomBytes(32).toString('base64url');
  let cookie = cookies.get(secret);
  if (!cookie) {
    cookie = createCookie('pa_session', { secrets: [secret], path: '/' });
    cookies.set(secret, cookie);
  }
  const header = await cookie.serialize(token);
  return {
    cookie: header.split(';')[0],
    row: {
      id: createHash('sha256').update(token).digest('hex'),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: now + 30 * 86_400_000,
    },
  };
}
