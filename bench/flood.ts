// Issue #12 item 5: one client sending wrong passwords must not stall the site. Measures a
// signed-in page and /healthz (p99) first on their own, then while a flood of login attempts
// runs, and counts the logins the flood got checked beyond the limits.
import { spawn } from 'node:child_process';
import {
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ADDRESS,
  MAX_FAILURES_PER_ADDRESS_PER_MINUTE,
} from '../app/models/login.server';
import { load } from './load';
import { track } from './server';

export interface Probe {
  page: { p99: number; rps: number; bad: number };
  healthz: { p99: number; rps: number; bad: number };
}

export interface FloodResult {
  clients: number;
  quiet: Probe;
  flooded: Probe;
  flood: {
    requests: number;
    account: { invalid: number; throttled: number; busy: number };
    others: { invalid: number; throttled: number; busy: number };
    bad: number;
  };
  /** Passwords checked beyond the limits: over the account's, and over the address's. */
  beyondLimit: number;
  /** How many the address was allowed over the flood's duration. */
  addressAllowance: number;
}

async function probe(opts: { pageUrl: string; cookie: string; healthzUrl: string; seconds: number }): Promise<Probe> {
  // A few readers and a health check, side by side: the figures a user and a load balancer see.
  const [page, healthz] = await Promise.all([
    load(opts.pageUrl, { connections: 4, seconds: opts.seconds, cookie: opts.cookie }),
    load(opts.healthzUrl, { connections: 2, seconds: opts.seconds }),
  ]);
  const pick = (r: typeof page) => ({ p99: r.p99, rps: r.rps, bad: r.bad });
  return { page: pick(page), healthz: pick(healthz) };
}

export async function loginFlood(opts: {
  base: string;
  pagePath: string;
  cookie: string;
  /** A real account's email, to flood alongside emails with no account. */
  account: string;
  clients: number;
  seconds: number;
}): Promise<FloodResult> {
  const target = {
    pageUrl: opts.base + opts.pagePath,
    cookie: opts.cookie,
    healthzUrl: `${opts.base}/healthz`,
    seconds: opts.seconds,
  };
  const quiet = await probe(target);
  const floodStarted = Date.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/flood-child.ts', opts.base, opts.account, String(opts.clients)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const untrack = track(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const check = () => (out.includes('started') ? resolve() : undefined);
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`The login flood exited with code ${code} before it started`)));
  });
  // Let the flood fill the hashing queues before measuring.
  await new Promise((r) => setTimeout(r, 500));
  const flooded = await probe(target);
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await done;
  untrack();
  const flood = JSON.parse(out.slice(out.indexOf('{'))) as FloodResult['flood'];
  // The address may have this many checked: so many a minute, under the 15-minute ceiling.
  const minutes = Math.ceil((Date.now() - floodStarted) / 60_000);
  const addressAllowance = Math.min(MAX_FAILURES_PER_ADDRESS, minutes * MAX_FAILURES_PER_ADDRESS_PER_MINUTE);
  const beyondLimit =
    Math.max(0, flood.account.invalid - MAX_FAILURES_PER_ACCOUNT) +
    Math.max(0, flood.account.invalid + flood.others.invalid - addressAllowance);
  return { clients: opts.clients, quiet, flooded, flood, beyondLimit, addressAllowance };
}
