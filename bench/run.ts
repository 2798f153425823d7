// `npm run bench` (full) and `npm run bench:smoke` (tiny, for CI): builds, generates a dataset
// into a fresh database (SQLite, or PostgreSQL when DATABASE_URL is postgres://), starts the
// production server and measures it beside baselines taken in the same run. Prints a table
// with budgets. Exits non-zero only when something is broken (errors, non-2xx answers, lost
// answers), never because a budget was missed. See docs/performance.md.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pageMessages } from '../app/i18n/intl.server';
import { LOCALES } from '../app/i18n/locales';
import { MAX_FAILURES_PER_ACCOUNT } from '../app/models/login.server';
import { examBurst } from './burst';
import { compileTimes } from './content';
import { createBenchDatabase, OUT_DIR } from './database';
import { type FloodResult, loginFlood } from './flood';
import {
  BENCH_PASSWORD,
  benchPasswordHash,
  type Dataset,
  EXAM_FORM,
  FULL_SHAPE,
  growDataset,
  loadBenchContent,
  SMOKE_SHAPE,
} from './generate';
import { agent, request } from './http';
import { loadSideBySide, startCeiling } from './load';
import { openLoopLines, openLoopSearch, PAGE_EVERY, queryCountingEnv, SAVE_INTERVAL_S } from './openloop';
import { publishBench, publishLines } from './publish';
import { kb, type Line, machine, ms, num, table, verdict } from './report';
import { type AppServer, killAll, login, startServer } from './server';
import { timeView, type ViewTiming } from './views';
import { pageWeight, type Weight } from './weight';

const smoke = process.argv.includes('--smoke');
/** `--open-loop`: only the open-loop exam run (on 1x data); `--n=N` starts it at N trainees; `--no-search` skips the capacity search. */
const openLoopOnly = process.argv.includes('--open-loop');
const argN = Number(process.argv.find((a) => a.startsWith('--n='))?.slice(4));
const noSearch = process.argv.includes('--no-search');
/** `--weight`: only the page-weight step (on the smoke dataset): the unit page against its budget, and a few other pages. */
const weightOnly = process.argv.includes('--weight');
/** `--publish`: only the publishing step (publish -> served by every instance and worker, and instance memory). */
const publishOnly = process.argv.includes('--publish');
const cfg =
  smoke || weightOnly
    ? {
        shape: SMOKE_SHAPE,
        scales: [1, 4, 16],
        load: { connections: 10, seconds: 2, rounds: 1, warmup: 1 },
        burst: { trainees: 10, answers: 5 },
        views: { warmup: 1, samples: 3 },
        recompiles: 2,
        flood: { clients: 20, seconds: 2 },
        openLoop: { first: argN || 150, ladder: [], search: false, warmup: 2, seconds: 8, generators: 2 },
        publishes: 1,
      }
    : {
        shape: FULL_SHAPE,
        scales: [1, 4, 16],
        load: { connections: 50, seconds: 5, rounds: 3, warmup: 5 },
        burst: { trainees: 200, answers: 60 },
        views: { warmup: 2, samples: 10 },
        recompiles: 5,
        flood: { clients: 100, seconds: 5 },
        openLoop: {
          first: argN || 10_000,
          ladder: [1_000, 2_500, 5_000, 10_000, 15_000, 20_000, 30_000, 40_000, 60_000],
          search: !noSearch,
          warmup: 10,
          seconds: 60,
          generators: 2,
        },
        publishes: 5,
      };

const BUDGET = {
  unitVsFloor: 0.7,
  weightGzip: 120_000,
  burstP99: 250,
  dashboard: 150,
  analysis: 500,
  recompile: 400,
  /** p99 while the login flood runs, at most this many times p99 without it. */
  floodSlowdown: 2,
};

const started = performance.now();
const serverProcesses = Number(process.env.WEB_CONCURRENCY || availableParallelism());
const log = (s: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${s}`);
let broken: string[] = [];

/**
 * A free port in 4200-4299 (the range kept for benchmarks), starting at a random one, other than
 * `taken`. BENCH_PORTS=4201-4209 narrows the range (several benchmarks on one machine).
 */
async function freePort(taken: number[] = []): Promise<number> {
  const [low, high] = (process.env.BENCH_PORTS || '4200-4299').split('-').map(Number);
  const size = high - low + 1;
  const first = Math.floor(Math.random() * size);
  for (let i = 0; i < size; i++) {
    const port = low + ((first + i) % size);
    if (taken.includes(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port, () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port in ${low}-${high}`);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function build() {
  if (smoke || weightOnly) {
    try {
      const built = statSync('build/index.js').mtimeMs;
      const sources = Math.max(newestMtime('app'), statSync('remix.config.js').mtimeMs, statSync('package.json').mtimeMs);
      if (built > sources && statSync('public/build').isDirectory()) {
        log('Reused the build: build/index.js is newer than app/, remix.config.js and package.json.');
        return;
      }
    } catch {
      // no build yet
    }
  }
  log('Building for production (npm run build)…');
  const t = performance.now();
  try {
    execFileSync('npm', ['run', 'build'], { stdio: 'pipe', encoding: 'utf8' });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`npm run build failed:\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  }
  log(`Built in ${((performance.now() - t) / 1000).toFixed(1)} s.`);
}

function unitWeightLines(weight: Weight): (Line | string)[] {
  return [
    'Page weight of a unit page, first load',
    { name: 'HTML', value: `${kb(weight.html.raw)} raw, ${kb(weight.html.gzip)} gz` },
    { name: `JS (${weight.js.files} files)`, value: `${kb(weight.js.raw)} raw, ${kb(weight.js.gzip)} gz` },
    { name: `CSS (${weight.css.files} files)`, value: `${kb(weight.css.raw)} raw, ${kb(weight.css.gzip)} gz` },
    {
      name: 'total gzipped',
      value: `${kb(weight.total.gzip)} (${kb(weight.total.raw)} raw)`,
      budget: `<= ${kb(BUDGET.weightGzip)}`,
      verdict: verdict(weight.total.gzip <= BUDGET.weightGzip),
    },
  ];
}

/** The messages a trainee's page carries in the root loader's data (ADRs 029 and 033). */
function catalogueLines(): (Line | string)[] {
  const lines: (Line | string)[] = ["Message catalogue in a trainee's page (part of the HTML above)"];
  for (const locale of LOCALES) {
    const messages = pageMessages(locale, 'trainee');
    const bytes = Buffer.from(JSON.stringify(messages));
    lines.push({
      name: `${locale}: ${Object.keys(messages).length} messages`,
      value: `${kb(bytes.length)} raw, ${kb(gzipSync(bytes).length)} gz`,
    });
  }
  return lines;
}

function check(what: string, bad: number) {
  if (bad > 0) broken.push(`${what}: ${bad}`);
}

async function main(): Promise<number> {
  const info = machine();
  log(
    `${weightOnly ? 'Page-weight run' : publishOnly ? 'Publishing run' : smoke ? 'Smoke run' : 'Full run'} on ${info.nproc} cores (${info.cpu}), node ${info.node}, load ${info['load average at start']}`,
  );
  build();

  if (!openLoopOnly && !weightOnly && !publishOnly) log('Compiling the content from an empty cache…');
  const compile = openLoopOnly || weightOnly || publishOnly ? undefined : await compileTimes(undefined, cfg.recompiles);

  const content = await loadBenchContent();
  const database = await createBenchDatabase(process.env.DATABASE_URL);
  log(`Database: ${database.label}; app server: ${serverProcesses} processes`);
  const secret = randomBytes(32).toString('hex');
  const port = await freePort();
  let server: AppServer | undefined;
  let serverLog = '';
  const stopServer = async () => {
    if (!server) return;
    const s = server;
    server = undefined;
    await s.stop();
    serverLog += s.stderr();
  };
  let ceiling: Awaited<ReturnType<typeof startCeiling>> | undefined;
  const lines: (Line | string)[] = [];
  let floodResult: FloodResult | undefined;
  const json: Record<string, unknown> = {
    smoke,
    engine: database.engine,
    machine: info,
    serverProcesses,
    shape: cfg.shape,
    compile,
  };
  try {
    const hash = await benchPasswordHash();
    // The publishing step makes a database of its own (below): --publish needs no dataset.
    const gen = publishOnly ? undefined : await growDataset(database.url, content, cfg.shape, 0, 1, hash);
    const data = gen?.dataset as Dataset;
    const generation: Record<string, { rows: number; seconds: number }> = {};
    if (gen) {
      generation['1x'] = { rows: gen.rows, seconds: gen.ms / 1000 };
      log(`Generated 1x: ${gen.rows.toLocaleString('en-US')} rows in ${(gen.ms / 1000).toFixed(1)} s.`);
    }

    if (publishOnly) {
      // Only the step below.
    } else if (weightOnly) {
      server = await startServer({ port, databaseUrl: database.url, secret });
      const base = server.base;
      const reader = await login(base, data.readerEmail, BENCH_PASSWORD);
      const trainer = await login(base, data.dashboardTrainerEmail, BENCH_PASSWORD);
      const unitPath = `/courses/${data.courseSlug}/units/${data.unitSlugs[Math.min(3, data.unitSlugs.length - 1)]}`;
      const weight = await pageWeight(base, unitPath, reader);
      json.weight = weight;
      lines.push(...unitWeightLines(weight));
      const others: [string, string, string][] = [
        ['course page (trainee)', `/courses/${data.courseSlug}`, reader],
        ['group dashboard (trainer)', `/trainer/cohorts/${data.dashboardCohortId}`, trainer],
        ['login page (signed out)', '/login', ''],
      ];
      lines.push('Page weight of other pages, first load (gzipped)');
      const otherWeights: Record<string, unknown> = {};
      for (const [name, path, cookie] of others) {
        const w = await pageWeight(base, path, cookie);
        otherWeights[path] = w;
        lines.push({
          name,
          value: `HTML ${kb(w.html.gzip)} + JS ${kb(w.js.gzip)} (${w.js.files} files) + CSS ${kb(w.css.gzip)} = ${kb(w.total.gzip)}`,
        });
      }
      json.otherWeights = otherWeights;
      lines.push(...catalogueLines());
      await stopServer();
    } else if (!openLoopOnly) {
      server = await startServer({ port, databaseUrl: database.url, secret });
      const base = server.base;
      const reader = await login(base, data.readerEmail, BENCH_PASSWORD);
      const trainer = await login(base, data.dashboardTrainerEmail, BENCH_PASSWORD);
      const admin = await login(base, data.adminEmail, BENCH_PASSWORD);

      // Unit page beside the framework floor (/about) and the ceiling (the same bytes from node:http).
      const unitPath = `/courses/${data.courseSlug}/units/${data.unitSlugs[Math.min(3, data.unitSlugs.length - 1)]}`;
      const page = await request(base + unitPath, { headers: { cookie: reader } });
      if (page.status !== 200) throw new Error(`${unitPath} answered ${page.status}`);
      mkdirSync(OUT_DIR, { recursive: true });
      const bodyFile = `${OUT_DIR}/unit-page.html`;
      writeFileSync(bodyFile, page.body);
      ceiling = await startCeiling(await freePort(), bodyFile);
      log(
        `Load: ${unitPath}, /about and the ceiling, ${cfg.load.warmup} s warm-up then ${cfg.load.rounds} x ${cfg.load.seconds} s each at ${cfg.load.connections} connections…`,
      );
      const loadResults = await loadSideBySide(
        [
          { name: 'unit', url: base + unitPath, cookie: reader },
          { name: 'floor', url: `${base}/about`, cookie: reader },
          { name: 'ceiling', url: ceiling.url },
        ],
        cfg.load,
      );
      await ceiling.close();
      ceiling = undefined;
      const { unit, floor, ceiling: top } = loadResults;
      for (const [k, r] of Object.entries(loadResults)) check(`load ${k}: errors and non-2xx`, r.bad);
      json.load = loadResults;

      const weight = await pageWeight(base, unitPath, reader);
      json.weight = weight;
      log(`Page weight: ${kb(weight.total.gzip)} gzipped.`);

      const dashboardUrl = `${base}/trainer/cohorts/${data.dashboardCohortId}`;
      const analysisUrl = `${base}/trainer/analysis?source=exam:${EXAM_FORM}&attempts=all`;
      const views: Record<string, Record<string, ViewTiming>> = { dashboard: {}, analysisTrainer: {}, analysisAdmin: {} };
      const timeViews = async (scale: number) => {
        log(`Trainer views at ${scale}x…`);
        views.dashboard[scale] = await timeView(dashboardUrl, trainer, cfg.views);
        views.analysisTrainer[scale] = await timeView(analysisUrl, trainer, cfg.views);
        views.analysisAdmin[scale] = await timeView(analysisUrl, admin, cfg.views);
        for (const [k, v] of Object.entries(views)) check(`${k} ${scale}x: non-200`, v[scale].bad);
      };
      await timeViews(1);

      // Two bursts of the same shape with different trainees. The first meets code the server has
      // not run yet (the exam start and save paths); the second is the measured one, after that
      // warm-up, as the unit page load is measured after its own. Both are printed.
      const runBurst = (from: number) =>
        examBurst({
          base,
          databaseUrl: database.url,
          secret,
          courseSlug: data.courseSlug,
          formId: EXAM_FORM,
          traineeIds: data.burstCandidates.slice(from, from + cfg.burst.trainees),
          answersEach: cfg.burst.answers,
        });
      log(`Exam burst: ${cfg.burst.trainees} trainees start at once and save ${cfg.burst.answers} answers each, twice…`);
      const coldBurst = await runBurst(0);
      const burst = await runBurst(cfg.burst.trainees);
      json.burst = { cold: coldBurst, warm: burst };
      for (const [k, b] of Object.entries({ first: coldBurst, second: burst })) {
        check(`exam burst (${k}): failed requests`, b.failed);
        check(`exam burst (${k}): lost answers`, b.lost);
      }

      // Last on this server: it uses up the reader's login allowance and the address's ceiling.
      log(`Login flood: ${cfg.flood.clients} clients send wrong passwords while a reader and /healthz are measured…`);
      const flood = await loginFlood({
        base,
        pagePath: unitPath,
        cookie: reader,
        account: data.readerEmail,
        ...cfg.flood,
      });
      json.flood = flood;
      check('login flood: errors and 5xx answers', flood.flood.bad);
      check('login flood: passwords checked beyond the limits', flood.beyondLimit);
      for (const [k, p] of Object.entries({ quiet: flood.quiet, flooded: flood.flooded }))
        check(`login flood (${k}): probe errors and non-2xx`, p.page.bad + p.healthz.bad);
      floodResult = flood;
      await stopServer();

      // Grow the data and time the trainer views again.
      let have = 1;
      for (const scale of cfg.scales.filter((s) => s > 1)) {
        const g = await growDataset(database.url, content, cfg.shape, have, scale, hash);
        generation[`${scale}x`] = { rows: g.rows, seconds: g.ms / 1000 };
        log(`Grew to ${scale}x: ${g.rows.toLocaleString('en-US')} more rows in ${(g.ms / 1000).toFixed(1)} s.`);
        have = scale;
        server = await startServer({ port, databaseUrl: database.url, secret });
        await timeViews(scale);
        await stopServer();
      }
      json.views = views;
      json.generation = generation;

      // The table.
      const unitShare = unit.rps / floor.rps;
      lines.push(
        `Unit page under load (${cfg.load.connections} connections, ${cfg.load.warmup} s warm-up each, then ${cfg.load.rounds} x ${cfg.load.seconds} s in turns)`,
      );
      const lr = (r: typeof unit) => `${num(r.rps)} req/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}`;
      lines.push({ name: 'unit page (trainee)', value: lr(unit) });
      lines.push({ name: '/about, same user (floor)', value: lr(floor) });
      lines.push({ name: 'node:http, same bytes (ceiling)', value: lr(top) });
      lines.push({
        name: 'unit page / floor',
        value: `${(unitShare * 100).toFixed(0)}%`,
        budget: `>= ${BUDGET.unitVsFloor * 100}%`,
        verdict: verdict(unitShare >= BUDGET.unitVsFloor),
      });
      lines.push({ name: 'unit page / ceiling', value: `${((unit.rps / top.rps) * 100).toFixed(1)}%` });
      lines.push({ name: 'floor / ceiling', value: `${((floor.rps / top.rps) * 100).toFixed(1)}%` });

      lines.push(...unitWeightLines(weight), ...catalogueLines());

      lines.push(
        `Exam burst (${burst.trainees} trainees start at once, then ${cfg.burst.answers} saves each; measured on the second of two bursts)`,
      );
      lines.push({ name: 'start, p99', value: ms(burst.startP99) });
      lines.push({ name: 'answers saved per second', value: num(burst.answersPerSecond) });
      lines.push({
        name: 'save latency p50 / p99',
        value: `${ms(burst.saveP50)} / ${ms(burst.saveP99)}`,
        budget: `p99 < ${BUDGET.burstP99} ms`,
        verdict: verdict(burst.saveP99 < BUDGET.burstP99),
      });
      const lost = burst.lost + coldBurst.lost;
      const failed = burst.failed + coldBurst.failed;
      lines.push({
        name: 'answers lost / failed requests (both bursts)',
        value: `${lost} / ${failed} of ${2 * burst.trainees * cfg.burst.answers}`,
        budget: '0 lost',
        verdict: verdict(lost === 0 && failed === 0),
      });
      lines.push({
        name: 'first burst (cold server): saves/s, p50 / p99',
        value: `${num(coldBurst.answersPerSecond)}, ${ms(coldBurst.saveP50)} / ${ms(coldBurst.saveP99)}; start p99 ${ms(coldBurst.startP99)}`,
      });

      if (floodResult) {
        const f = floodResult;
        lines.push(
          `Login flood (${f.clients} clients from one address send wrong passwords, half at one account; ${cfg.flood.seconds} s measured with and without it)`,
        );
        // No answer at all during the flood is the worst slowdown, not a p99 of 0.
        const slow = (k: 'page' | 'healthz') =>
          f.flooded[k].rps === 0 ? Number.POSITIVE_INFINITY : f.flooded[k].p99 / f.quiet[k].p99;
        for (const [k, label] of [
          ['page', 'signed-in unit page p99'],
          ['healthz', '/healthz p99'],
        ] as const) {
          lines.push({
            name: `${label}: without / with the flood`,
            value:
              f.flooded[k].rps === 0
                ? `${ms(f.quiet[k].p99)} / no answer within ${cfg.flood.seconds} s`
                : `${ms(f.quiet[k].p99)} / ${ms(f.flooded[k].p99)} (x${slow(k).toFixed(1)})`,
            budget: `<= x${BUDGET.floodSlowdown}`,
            verdict: verdict(slow(k) <= BUDGET.floodSlowdown),
          });
        }
        const a = f.flood.account;
        const o = f.flood.others;
        lines.push({
          name: 'flood answers: checked / limited / busy',
          value: `${a.invalid + o.invalid} / ${a.throttled + o.throttled} / ${a.busy + o.busy} of ${f.flood.requests}`,
        });
        lines.push({
          name: 'passwords checked beyond the limits',
          value: `${f.beyondLimit} (account ${a.invalid} of ${MAX_FAILURES_PER_ACCOUNT}, address ${a.invalid + o.invalid} of ${f.addressAllowance})`,
          budget: '0',
          verdict: verdict(f.beyondLimit === 0),
        });
      }

      lines.push(
        `Trainer views (median of ${cfg.views.samples} requests one at a time; 1x = ${cfg.shape.trainees.toLocaleString('en-US')} trainees, ${cfg.shape.examAttempts.toLocaleString('en-US')} exam attempts)`,
      );
      const last = cfg.scales[cfg.scales.length - 1];
      const viewLines = (key: string, label: string, budget: number) => {
        const t = views[key];
        lines.push({
          name: `${label} 1x`,
          value: ms(t[1].p50),
          budget: `< ${budget} ms`,
          verdict: verdict(t[1].p50 < budget),
        });
        for (const s of cfg.scales.filter((x) => x > 1)) lines.push({ name: `${label} ${s}x`, value: ms(t[s].p50) });
        const growth = t[last].p50 / t[1].p50;
        lines.push({
          name: `${label} growth 1x->${last}x`,
          value: `x${growth.toFixed(1)}`,
          budget: `<= x${last} (data)`,
          verdict: verdict(growth <= last),
        });
      };
      viewLines('dashboard', `dashboard (${cfg.shape.dashboardCohort} trainees)`, BUDGET.dashboard);
      viewLines('analysisTrainer', 'item analysis, trainer', BUDGET.analysis);
      viewLines('analysisAdmin', 'item analysis, admin (all)', BUDGET.analysis);

      lines.push('Content');
      if (compile) {
        lines.push({ name: `full compile (${compile.units} units, empty cache)`, value: ms(compile.fullMs) });
        lines.push({
          name: `recompile one edited unit (${compile.unit})`,
          value: ms(compile.unitMs),
          budget: `< ${BUDGET.recompile} ms`,
          verdict: verdict(compile.unitMs < BUDGET.recompile),
        });
      }

      lines.push('Dataset generation');
      for (const [k, g] of Object.entries(generation))
        lines.push({ name: `rows added for ${k}`, value: `${g.rows.toLocaleString('en-US')} in ${g.seconds.toFixed(1)} s` });
    }

    if (!openLoopOnly && !weightOnly) {
      // Its own fresh database: the instances start on an empty content store and import it.
      const own = await createBenchDatabase(process.env.DATABASE_URL);
      try {
        const first = await freePort();
        const result = await publishBench({
          engine: own.engine,
          databaseUrl: own.url,
          ports: [first, await freePort([first])],
          secret,
          publishes: cfg.publishes,
          log,
        });
        json.publish = result;
        lines.push(...publishLines(result));
      } finally {
        await own.drop().catch((e) => console.error(`Could not drop the publish database: ${e}`));
      }
    }

    if (cfg.openLoop && !weightOnly && !publishOnly) {
      const o = cfg.openLoop;
      const queryDir = `${OUT_DIR}/queries`;
      server = await startServer({ port, databaseUrl: database.url, secret, env: queryCountingEnv(queryDir) });
      log(
        `Open loop: trainees in the exam at once, each saving every ${SAVE_INTERVAL_S} s on average (Poisson) and loading a question page every ${PAGE_EVERY}th answer; ${o.warmup} s warm-up + ${o.seconds} s per step, ${o.generators} generator processes…`,
      );
      const result = await openLoopSearch({
        base: server.base,
        databaseUrl: database.url,
        queryDir,
        content,
        secret,
        ladder: o.ladder,
        first: o.first,
        search: o.search,
        warmupSeconds: o.warmup,
        seconds: o.seconds,
        generators: o.generators,
        log,
      });
      await stopServer();
      json.openLoop = result;
      // Broken: an answer acknowledged but not stored, or a 5xx. Timeouts past capacity are a MISS.
      for (const st of result.steps) {
        check(`open loop N=${st.n}: answers acknowledged but not in the database`, st.missing);
        check(
          `open loop N=${st.n}: 5xx answers`,
          Object.entries(st.failures)
            .filter(([k]) => k.startsWith('HTTP 5'))
            .reduce((sum, [, v]) => sum + v, 0),
        );
      }
      lines.push(...openLoopLines(result, o, database.engine));
    }
  } finally {
    agent.destroy();
    if (ceiling) await ceiling.close().catch(() => undefined);
    await stopServer().catch(() => undefined);
    if (serverLog.trim()) console.error(`The server wrote to stderr:\n${serverLog.slice(-5000)}`);
    killAll();
    await database.drop().catch((e) => console.error(`Could not drop the bench database: ${e}`));
  }

  const text = [
    '',
    `Peer Academy benchmark (${weightOnly ? 'page weight' : publishOnly ? `publishing${smoke ? ', smoke' : ''}` : smoke ? 'smoke' : 'full'}), ${database.engine}, ${new Date().toISOString()}`,
    `Machine: ${info.nproc} cores, ${info.cpu}, node ${info.node}, load average at start ${info['load average at start']}`,
    `App server: ${serverProcesses} processes (server.js runs one per core unless WEB_CONCURRENCY says otherwise)`,
    `Memory (free -h):\n${info['free -h']}`,
    '',
    table(lines),
    '',
    `Total time ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  ].join('\n');
  console.log(text);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = `${OUT_DIR}/results-${weightOnly ? 'weight' : publishOnly ? 'publish' : smoke ? 'smoke' : 'full'}-${database.engine}-${stamp}`;
  writeFileSync(`${file}.txt`, text);
  writeFileSync(`${file}.json`, JSON.stringify({ ...json, lines }, null, 2));
  console.log(`Results written to ${file}.txt and .json`);
  if (broken.length) {
    console.error(`\nBROKEN (exit 1):\n  ${broken.join('\n  ')}`);
    return 1;
  }
  return 0;
}

for (const s of ['SIGINT', 'SIGTERM'] as const)
  process.on(s, () => {
    killAll();
    process.exit(130);
  });

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((e) => {
    killAll();
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    broken = ['error'];
    process.exitCode = 1;
  });
