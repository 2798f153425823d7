// One open-loop load generator process (see bench/openloop.ts). It receives a schedule of
// requests, each with its planned time, and sends each one at that time whether or not earlier
// ones have been answered (no coordinated omission: a slow server cannot slow the arrivals).
// Latency is measured from the planned time to the last byte of the answer, so time a request
// spent waiting to be sent counts too. It also reports its own lateness in sending and its CPU
// use, which show whether the generator kept up.
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface Planned {
  /** Milliseconds after the start. */
  t: number;
  kind: 'save' | 'page';
  sitter: number;
  position: number;
  /** The answer sent (saves only). */
  value: string;
}
export interface ChildInput {
  base: string;
  sitters: { cookie: string; attemptPath: string }[];
  plan: Planned[];
  timeoutMs: number;
}
export interface ChildOutput {
  /** Per planned request, in plan order: HTTP status (0 = network error or timeout), latency and send lateness in ms. */
  status: number[];
  latency: number[];
  lag: number[];
  /** CPU time of this process over the run, as a share of one core. */
  cpuShare: number;
  /** Event-loop delay p99 during the run, ms. */
  loopDelayP99: number;
  /** Network errors by code (their status is 0). */
  errors: Record<string, number>;
  /** Requests sent again after a reused connection was reset before any reply. */
  retries: number;
}

const errors: Record<string, number> = {};
let retries = 0;

const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY, maxFreeSockets: 4096 });

/**
 * One request; resolves with its status (0: a network error or the timeout). NOTE: a keep-alive
 * connection the server closes as a request goes out on it fails with ECONNRESET before any reply;
 * browsers send such a request again on a new connection, and so does this (counted as a retry).
 */
function send(
  base: string,
  path: string,
  method: 'GET' | 'POST',
  cookie: string,
  body: string | undefined,
  timeoutMs: number,
  retriesLeft = 2,
): Promise<number> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { Cookie: cookie };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers['Content-Length'] = String(Buffer.byteLength(body));
      headers.Origin = base;
    }
    const req = http.request(base + path, { method, headers, agent, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (req.reusedSocket && e.code === 'ECONNRESET' && retriesLeft > 0) {
        retries++;
        resolve(send(base, path, method, cookie, body, timeoutMs, retriesLeft - 1));
        return;
      }
      const code = e.code ?? e.message;
      errors[code] = (errors[code] ?? 0) + 1;
      resolve(0);
    });
    req.end(body);
  });
}

async function run(input: ChildInput, startAt: number): Promise<ChildOutput> {
  const { plan } = input;
  const status = new Array<number>(plan.length).fill(0);
  const latency = new Array<number>(plan.length).fill(Number.NaN);
  const lag = new Array<number>(plan.length).fill(Number.NaN);
  const t0 = performance.now() + (startAt - Date.now());
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const pending: Promise<void>[] = [];
  let cpu: NodeJS.CpuUsage | undefined;
  let wallStart = 0;

  await new Promise<void>((done) => {
    let next = 0;
    const fire = (i: number) => {
      const p = plan[i];
      const planned = t0 + p.t;
      lag[i] = performance.now() - planned;
      const s = input.sitters[p.sitter];
      const request =
        p.kind === 'save'
          ? send(
              input.base,
              `${s.attemptPath}/save`,
              'POST',
              s.cookie,
              new URLSearchParams({ position: String(p.position), response: p.value }).toString(),
              input.timeoutMs,
            )
          : send(input.base, `${s.attemptPath}?q=${p.position}`, 'GET', s.cookie, undefined, input.timeoutMs);
      pending.push(
        request.then((code) => {
          status[i] = code;
          latency[i] = performance.now() - planned;
        }),
      );
    };
    const tick = () => {
      if (!cpu) {
        cpu = process.cpuUsage();
        wallStart = performance.now();
        delay.enable();
      }
      const now = performance.now();
      while (next < plan.length && t0 + plan[next].t <= now) fire(next++);
      if (next >= plan.length) return done();
      setTimeout(tick, Math.max(0, Math.min(t0 + plan[next].t - performance.now(), 4)));
    };
    setTimeout(tick, Math.max(0, t0 - performance.now()));
  });
  await Promise.all(pending);
  delay.disable();
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - wallStart;
  return {
    status,
    latency,
    lag,
    cpuShare: (used.user + used.system) / 1000 / wall,
    loopDelayP99: delay.percentile(99) / 1e6,
    errors,
    retries,
  };
}

// The schedule first; then, once every generator has its own, the start time (epoch ms of t = 0).
process.once('message', (input: ChildInput) => {
  process.once('message', (start: { startAt: number }) => {
    run(input, start.startAt).then(
      (out) => process.send?.(out, () => process.exit(0)),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  });
  process.send?.('ready');
});
