// Throughput at a fixed concurrency, with autocannon, and the plain node:http ceiling.
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { track } from './server';

export interface LoadResult {
  /** Requests completed per second over the whole run. */
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Connection errors, timeouts and non-2xx answers. */
  bad: number;
}

export async function load(url: string, opts: { connections: number; seconds: number; cookie?: string }): Promise<LoadResult> {
  const r = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    headers: opts.cookie ? { cookie: opts.cookie } : {},
  });
  return {
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    bad: r.errors + r.timeouts + r.non2xx,
  };
}

/**
 * Several targets measured in turns (a, b, c, a, b, c…) so that a noisy neighbour on the
 * machine slows them all alike; each target's figures are the mean over its turns.
 */
export async function loadSideBySide(
  targets: { name: string; url: string; cookie?: string }[],
  opts: { connections: number; seconds: number; rounds: number; warmup: number },
): Promise<Record<string, LoadResult>> {
  // A warm-up each, so JIT and caches are settled before anything counts. With 1 s, the unit
  // page's first measured turn still ran 20-30% slower than its later ones (the floor, a much
  // smaller page, did not): V8 was still optimising the longer render path in each process.
  for (const t of targets) await load(t.url, { connections: opts.connections, seconds: opts.warmup, cookie: t.cookie });
  const runs: Record<string, LoadResult[]> = {};
  for (let i = 0; i < opts.rounds; i++) {
    for (const t of targets) {
      const r = await load(t.url, { connections: opts.connections, seconds: opts.seconds, cookie: t.cookie });
      runs[t.name] = [...(runs[t.name] ?? []), r];
    }
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return Object.fromEntries(
    Object.entries(runs).map(([name, rs]) => [
      name,
      {
        rps: mean(rs.map((r) => r.rps)),
        p50: mean(rs.map((r) => r.p50)),
        p99: mean(rs.map((r) => r.p99)),
        requests: rs.reduce((s, r) => s + r.requests, 0),
        bad: rs.reduce((s, r) => s + r.bad, 0),
      },
    ]),
  );
}

/**
 * The ceiling: a bare node:http server in a process of its own (like the app, so that it does
 * not share autocannon's event loop) answering every request with the same bytes.
 */
export async function startCeiling(port: number, bodyFile: string): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/ceiling-server.ts', String(port), bodyFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const untrack = track(child);
  let stopping = false;
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      if (!stopping)
        console.error(`[bench] The ceiling server on port ${port} exited unexpectedly (code ${code}, signal ${signal}).`);
      resolve(code);
    }),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`The ceiling server exited with code ${code} before it listened`)));
  });
  return {
    url: `http://localhost:${port}/`,
    async close() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      untrack();
    },
  };
}
