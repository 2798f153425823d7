// The exam under a real sitting's load, open loop: N trainees are in the exam at once (each with
// a session and a started attempt), each saves an answer every 30 s on average (Poisson
// arrivals, so N/30 saves a second in all) and loads a question page with every 10th answer.
// Requests are sent at their planned times by generator processes (bench/openloop-child.ts)
// whatever the server does, and latency runs from the planned time. Afterwards every answer the
// server acknowledged is looked up in the database. See docs/performance.md.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { drawExam } from '../app/domain/exam';
import { rng } from '../app/domain/random';
import { isPostgresUrl, openDatabase } from '../db/connect';
import type { Content } from './generate';
import { percentile, request } from './http';
import type { ChildInput, ChildOutput, Planned } from './openloop-child';
import { type Line, verdict } from './report';
import { signedSession, track } from './server';
import { postgresClient, postgresSink, type Sink, sqliteSink } from './sink';

export const SAVE_INTERVAL_S = 30;
export const PAGE_EVERY = 10;
export const BUDGET = { saveP99: 250, pageP99: 500 };

export interface Sitter {
  cookie: string;
  attemptId: string;
  attemptPath: string;
  /** Per position in order: its number and option ids (empty: a written item). */
  items: { position: number; options: string[] }[];
  /** Answers planned for this trainee so far (across runs), so each answer differs from the last at its position. */
  answers: number;
}

/**
 * Adds trainees until there are `want`, each with a session and an attempt in progress at the
 * bench form, written straight into the database (as bench/generate.ts writes its data). The
 * deadline is six hours away so that no attempt closes during a run.
 */
export async function addSitters(url: string, content: Content, secret: string, sitters: Sitter[], want: number): Promise<void> {
  if (sitters.length >= want) return;
  const { course, exam, form } = content;
  const now = Date.now();
  const tag = randomUUID().slice(0, 8);
  const random = rng(`sitters-${sitters.length}-${want}`);
  const phase = () => Math.floor(random() * PAGE_EVERY * 5);
  const fill = async (sink: Sink) => {
    for (let i = sitters.length; i < want; i++) {
      const userId = randomUUID();
      await sink.add('users', {
        id: userId,
        email: `sitter-${tag}-${i}@bench.example.org`,
        name: `Sitter ${i}`,
        password_hash: 'x',
        role: 'trainee',
        time_multiplier: 1,
        no_time_limit: 0,
        created_at: now,
        email_verified_at: now,
        legal_name: null,
        legal_name_confirmed_at: null,
        deactivated_at: null,
        locale: null,
      });
      const session = await signedSession(secret, userId, now);
      await sink.add('sessions', session.row);
      const attemptId = randomUUID();
      const seed = `${tag}-${i}`;
      await sink.add('exam_attempts', {
        id: attemptId,
        user_id: userId,
        course_slug: course.course.slug,
        form_id: form.id,
        status: 'in_progress',
        seed,
        pass_percent: exam.definition.passPercent,
        content_tree_id: null,
        content_version: exam.version,
        started_at: now,
        deadline_at: now + 6 * 3_600_000,
        submitted_at: null,
        submitted_by: null,
        objective_correct: null,
        objective_total: null,
        written_points: null,
        written_max: null,
        final_percent: null,
        passed: null,
        released_at: null,
        released_by: null,
        grading_token: randomUUID(),
        locale: 'en',
      });
      const drawn = drawExam(form, exam.items, exam.scenarios, seed);
      for (const d of drawn)
        await sink.add('exam_attempt_items', {
          id: randomUUID(),
          attempt_id: attemptId,
          position: d.position,
          item_id: d.itemId,
          kind: d.snapshot.kind,
          area: d.area,
          snapshot: JSON.stringify(d.snapshot),
          response: null,
          flagged: 0,
          saved_at: null,
          correct: null,
        });
      sitters.push({
        cookie: session.cookie,
        attemptId,
        attemptPath: `/courses/${course.course.slug}/exam/attempts/${attemptId}`,
        items: drawn
          .map((d) => ({
            position: d.position,
            options: d.snapshot.kind === 'choice' ? d.snapshot.options.map((o) => o.id) : [],
          }))
          .sort((a, b) => a.position - b.position),
        // As if each trainee had been in the exam a while: page loads (every 10th answer) come at their
        // steady rate from the start instead of only once someone reaches a 10th answer.
        answers: phase(),
      });
    }
    await sink.finish();
  };
  if (isPostgresUrl(url)) {
    const client = await postgresClient(url);
    try {
      await fill(postgresSink(client));
      await client.query('analyze');
    } finally {
      await client.end();
    }
  } else {
    const handle = openDatabase(url);
    try {
      await fill(sqliteSink(handle.sqlite!));
    } finally {
      await handle.db.destroy();
    }
  }
}

/**
 * The arrivals of `seconds` of the sitting for the first `n` sitters: a Poisson process at
 * n / 30 saves a second (exponential gaps; each arrival is a trainee picked at random, which is
 * the same as each trainee saving on average every 30 s), plus a page load with every 10th
 * answer of each trainee. Each trainee answers its positions in turn, and each later pass over
 * them picks another option (or text), so a lost save shows as a stale answer.
 */
export function plan(sitters: Sitter[], n: number, seconds: number, seed: string): Planned[] {
  const random = rng(seed);
  const rate = n / SAVE_INTERVAL_S / 1000;
  const out: Planned[] = [];
  for (let t = -Math.log(1 - random()) / rate; t < seconds * 1000; t += -Math.log(1 - random()) / rate) {
    const sitter = Math.min(n - 1, Math.floor(random() * n));
    const s = sitters[sitter];
    const k = s.answers++;
    const item = s.items[k % s.items.length];
    const pass = Math.floor(k / s.items.length);
    const value = item.options.length ? item.options[pass % item.options.length] : `Written answer, draft ${pass + 1}.`;
    out.push({ t, kind: 'save', sitter, position: item.position, value });
    if ((k + 1) % PAGE_EVERY === 0) out.push({ t, kind: 'page', sitter, position: item.position, value: '' });
  }
  return out;
}

type Counts = Record<string, { requests: number; queries: number }>;

/** The statement counts the app server's processes have written (bench/count-queries.mjs). */
function readCounts(dir: string): { byKind: Counts; processes: number } {
  const byKind: Counts = {};
  let processes = 0;
  for (const f of readdirSync(dir).filter((x) => x.startsWith('queries-'))) {
    const c = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as Counts;
    if (Object.values(c).some((v) => v.requests > 0)) processes++;
    for (const [k, v] of Object.entries(c)) {
      byKind[k] ??= { requests: 0, queries: 0 };
      byKind[k].requests += v.requests;
      byKind[k].queries += v.queries;
    }
  }
  return { byKind, processes };
}

/** What the app server needs in its environment to count statements per request. */
export function queryCountingEnv(dir: string): Record<string, string> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const options = [process.env.NODE_OPTIONS, '--import ./bench/count-queries.mjs'].filter(Boolean).join(' ');
  return { NODE_OPTIONS: options, BENCH_QUERY_DIR: dir };
}

export interface StepResult {
  n: number;
  savesPerSecond: number;
  pagesPerSecond: number;
  /** Measured window only (after the warm-up). */
  save: { count: number; p50: number; p99: number; max: number };
  page: { count: number; p50: number; p99: number; max: number };
  /** Saves over the whole run (warm-up included). */
  savesSent: number;
  /** Requests of either kind not answered 200 (or not at all), whole run. */
  failed: number;
  /** Why: HTTP status or network error code -> count. */
  failures: Record<string, number>;
  /** Requests sent again because a reused keep-alive connection was reset first (as browsers do). */
  retries: number;
  /** Acknowledged answers the database does not hold, plus saves that failed: answers the trainee lost. */
  lost: number;
  /** Of those, answers acknowledged (200) that the database does not hold: a bug, never load. */
  missing: number;
  serverProcesses: number;
  queriesPerSave: number;
  queriesPerPage: number;
  generators: number;
  /** How late the generators sent requests (p99, max) and their busiest CPU share of a core. */
  sendLagP99: number;
  sendLagMax: number;
  generatorCpu: number;
  generatorLoopDelayP99: number;
  pass: boolean;
}

const stats = (xs: number[]) => ({
  count: xs.length,
  p50: percentile(xs, 50),
  p99: percentile(xs, 99),
  max: xs.length ? Math.max(...xs) : Number.NaN,
});

/** Starts a generator with its schedule; resolves once it is ready to start. */
async function startChild(input: ChildInput): Promise<{ start(at: number): Promise<ChildOutput> }> {
  const child = fork('bench/openloop-child.ts', [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const untrack = track(child);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => {
      untrack();
      reject(new Error(`An open-loop generator exited with code ${code} before reporting`));
    }),
  );
  exited.catch(() => undefined);
  const next = () => Promise.race([new Promise((resolve) => child.once('message', resolve)), exited]);
  const ready = next();
  child.send(input);
  await ready;
  return {
    start(at) {
      const result = next() as Promise<ChildOutput>;
      child.send({ startAt: at });
      return result;
    },
  };
}

/** One run at N trainees: warm-up, then the measured window, then the database check. */
export async function openLoopStep(opts: {
  base: string;
  databaseUrl: string;
  queryDir: string;
  sitters: Sitter[];
  n: number;
  warmupSeconds: number;
  seconds: number;
  generators: number;
  seed: string;
}): Promise<StepResult> {
  const { sitters, n } = opts;
  const total = opts.warmupSeconds + opts.seconds;
  const schedule = plan(sitters, n, total, opts.seed);
  const before = readCounts(opts.queryDir);

  // Each generator takes every k-th request; all of them start on the same clock once all are ready.
  const share = sitters.slice(0, n).map((s) => ({ cookie: s.cookie, attemptPath: s.attemptPath }));
  const parts = Array.from({ length: opts.generators }, (_, g) => schedule.filter((_, i) => i % opts.generators === g));
  const children = await Promise.all(
    parts.map((part) => startChild({ base: opts.base, sitters: share, plan: part, timeoutMs: 30_000 })),
  );
  const startAt = Date.now() + 300;
  const outputs = await Promise.all(children.map((c) => c.start(startAt)));

  const measuredFrom = opts.warmupSeconds * 1000;
  const saveMs: number[] = [];
  const pageMs: number[] = [];
  const lags: number[] = [];
  let failed = 0;
  let failedSaves = 0;
  const failures: Record<string, number> = {};
  for (const o of outputs) for (const [k, v] of Object.entries(o.errors)) failures[k] = (failures[k] ?? 0) + v;
  const expected = new Map<string, string>();
  parts.forEach((part, g) => {
    const out = outputs[g];
    part.forEach((p, i) => {
      lags.push(out.lag[i]);
      const ok = out.status[i] === 200;
      if (!ok) failed++;
      if (!ok && out.status[i] !== 0) failures[`HTTP ${out.status[i]}`] = (failures[`HTTP ${out.status[i]}`] ?? 0) + 1;
      if (p.kind === 'save') {
        if (ok) expected.set(`${sitters[p.sitter].attemptId}:${p.position}`, JSON.stringify(p.value));
        else failedSaves++;
      }
      if (p.t >= measuredFrom) (p.kind === 'save' ? saveMs : pageMs).push(out.latency[i]);
    });
  });

  // Every acknowledged answer must be in the database.
  const { db } = openDatabase(opts.databaseUrl, { poolSize: 2 });
  let missing = 0;
  try {
    const ids = [...new Set([...expected.keys()].map((k) => k.split(':')[0]))];
    const stored = new Map<string, string | null>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('exam_attempt_items')
        .select(['attempt_id', 'position', 'response'])
        .where('attempt_id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) stored.set(`${r.attempt_id}:${r.position}`, r.response);
    }
    for (const [key, value] of expected) if (stored.get(key) !== value) missing++;
  } finally {
    await db.destroy();
  }

  await new Promise((r) => setTimeout(r, 600)); // the servers write their counts every 250 ms
  const after = readCounts(opts.queryDir);
  const perRequest = (kind: string) => {
    const a = after.byKind[kind] ?? { requests: 0, queries: 0 };
    const b = before.byKind[kind] ?? { requests: 0, queries: 0 };
    return a.requests > b.requests ? (a.queries - b.queries) / (a.requests - b.requests) : Number.NaN;
  };

  const save = stats(saveMs);
  const page = stats(pageMs);
  const lost = failedSaves + missing;
  const savesSent = schedule.filter((p) => p.kind === 'save').length;
  return {
    n,
    savesPerSecond: n / SAVE_INTERVAL_S,
    pagesPerSecond: n / SAVE_INTERVAL_S / PAGE_EVERY,
    save,
    page,
    savesSent,
    failed,
    failures,
    retries: outputs.reduce((sum, o) => sum + o.retries, 0),
    lost,
    missing,
    serverProcesses: after.processes,
    queriesPerSave: perRequest('save'),
    queriesPerPage: perRequest('question page'),
    generators: opts.generators,
    sendLagP99: percentile(lags, 99),
    sendLagMax: lags.length ? Math.max(...lags) : 0,
    generatorCpu: Math.max(...outputs.map((o) => o.cpuShare)),
    generatorLoopDelayP99: Math.max(...outputs.map((o) => o.loopDelayP99)),
    // A run too short to load any page (tiny N) is judged on its saves.
    pass: save.p99 < BUDGET.saveP99 && (page.count === 0 || page.p99 < BUDGET.pageP99) && lost === 0 && failed === 0,
  };
}

/**
 * Runs at `first` trainees, then walks the ladder up while the budget holds (or down until it
 * holds), adding trainees as needed. Capacity is the largest N on the ladder that held.
 */
export async function openLoopSearch(opts: {
  base: string;
  databaseUrl: string;
  queryDir: string;
  content: Content;
  secret: string;
  ladder: number[];
  first: number;
  search: boolean;
  warmupSeconds: number;
  seconds: number;
  generators: number;
  log: (s: string) => void;
}): Promise<{ steps: StepResult[]; capacity: number | null }> {
  const sitters: Sitter[] = [];
  const steps: StepResult[] = [];
  const runAt = async (n: number) => {
    const t = performance.now();
    await addSitters(opts.databaseUrl, opts.content, opts.secret, sitters, n);
    opts.log(
      `Open loop at N = ${n.toLocaleString('en-US')} (${(n / SAVE_INTERVAL_S).toFixed(1)} saves/s): trainees ready in ${((performance.now() - t) / 1000).toFixed(1)} s; ${opts.warmupSeconds} s warm-up + ${opts.seconds} s…`,
    );
    if (steps.length) await new Promise((resolve) => setTimeout(resolve, 5000)); // let the last step's backlog drain
    const r = await openLoopStep({ ...opts, sitters, n, seed: `open-loop-${n}-${steps.length}` });
    steps.push(r);
    opts.log(
      `  save p99 ${r.save.p99.toFixed(0)} ms, page p99 ${r.page.p99.toFixed(0)} ms, lost ${r.lost}, failed ${r.failed}, send lag p99 ${r.sendLagP99.toFixed(1)} ms: ${r.pass ? 'holds' : 'misses'}`,
    );
    return r.pass;
  };
  // A fresh server loads the content and the exam code on first use: that belongs to no one's
  // sitting. A new connection per request, so that every server process gets some.
  await addSitters(opts.databaseUrl, opts.content, opts.secret, sitters, 1);
  const s0 = sitters[0];
  const save = new URLSearchParams({ position: '1', response: s0.items[0].options[0] ?? 'Draft.' }).toString();
  for (let i = 0; i < 8; i++) {
    await request(`${opts.base}${s0.attemptPath}?q=1`, { headers: { cookie: s0.cookie, connection: 'close' } });
    await request(`${opts.base}${s0.attemptPath}/save`, {
      method: 'POST',
      headers: { cookie: s0.cookie, connection: 'close', origin: opts.base, 'content-type': 'application/x-www-form-urlencoded' },
      body: save,
    });
  }
  const ladder = [...new Set([...opts.ladder, opts.first])].sort((a, b) => a - b);
  let at = ladder.indexOf(opts.first);
  const firstPass = await runAt(opts.first);
  if (!opts.search) return { steps, capacity: firstPass ? opts.first : null };
  let capacity: number | null = firstPass ? opts.first : null;
  if (firstPass) {
    while (++at < ladder.length && (await runAt(ladder[at]))) capacity = ladder[at];
  } else {
    while (--at >= 0)
      if (await runAt(ladder[at])) {
        capacity = ladder[at];
        break;
      }
  }
  return { steps, capacity };
}

const f0 = (x: number) => (Number.isNaN(x) ? '-' : x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US'));

/** The report lines: one per step, then the capacity. */
export function openLoopLines(
  result: { steps: StepResult[]; capacity: number | null },
  cfg: { warmup: number; seconds: number; generators: number; search: boolean },
  engine: string,
): (Line | string)[] {
  const lines: (Line | string)[] = [
    `Exam sitting, open loop on ${engine} (each trainee saves every ${SAVE_INTERVAL_S} s on average, Poisson; a question page every ${PAGE_EVERY}th answer; ${cfg.warmup} s warm-up, then ${cfg.seconds} s measured; latency from the planned time)`,
  ];
  for (const r of result.steps) {
    const rate = `${r.n.toLocaleString('en-US')} trainees (${f0(r.savesPerSecond)} saves/s, ${f0(r.pagesPerSecond)} pages/s)`;
    lines.push({
      name: `${rate}: save p50 / p99`,
      value: `${f0(r.save.p50)} / ${f0(r.save.p99)} ms (${r.save.count.toLocaleString('en-US')} measured); ${f0(r.queriesPerSave)} queries/save`,
      budget: `p99 < ${BUDGET.saveP99} ms`,
      verdict: verdict(r.save.p99 < BUDGET.saveP99),
    });
    lines.push({
      name: '  question page p50 / p99',
      value: `${f0(r.page.p50)} / ${f0(r.page.p99)} ms (${r.page.count.toLocaleString('en-US')} measured); ${f0(r.queriesPerPage)} queries/page`,
      budget: `p99 < ${BUDGET.pageP99} ms`,
      verdict: r.page.count ? verdict(r.page.p99 < BUDGET.pageP99) : '',
    });
    lines.push({
      name: '  answers lost / failed requests',
      value: `${r.lost} / ${r.failed} (of ${r.savesSent.toLocaleString('en-US')} saves, warm-up included)${
        r.failed
          ? `: ${Object.entries(r.failures)
              .map(([k, v]) => `${k} x${v}`)
              .join(', ')}`
          : ''
      }`,
      budget: '0 lost',
      verdict: verdict(r.lost === 0 && r.failed === 0),
    });
    lines.push({
      name: '  processes: server / generator',
      value: `${r.serverProcesses} / ${r.generators}; ${r.retries} resent after a reset keep-alive connection; send lag p99 ${f0(r.sendLagP99)} ms (max ${f0(r.sendLagMax)}), generator CPU ${(r.generatorCpu * 100).toFixed(0)}% of a core`,
    });
  }
  if (cfg.search)
    lines.push({
      name: 'capacity: largest N on the ladder within both p99s',
      value: result.capacity === null ? 'none' : `${result.capacity.toLocaleString('en-US')} trainees`,
    });
  return lines;
}
