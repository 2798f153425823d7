// Publishing (issue 15): the time from publishDraft returning to every instance serving the new
// version, and the memory of an instance with the course loaded, before and after the publishes.
// SQLite runs one instance; PostgreSQL runs two instances on the same database (as behind one
// load balancer), each with its own workers. Every publish rewrites one paragraph of a unit in
// the draft (saveDraft), publishes it, then polls the unit page on every instance, each request
// on a new connection (the cluster hands connections to its workers in turn), until the new text
// is served on 2 x workers requests in a row: then every worker of that instance serves it.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { resolve } from 'node:path';
import { draftTreeId, publishDraft, saveDraft } from '../app/content/store.server';
import { createUser } from '../app/models/user.server';
import { openDatabase } from '../db/connect';
import { percentile } from './http';
import type { Line } from './report';
import { ms, verdict } from './report';
import { type AppServer, signedSession, startServer } from './server';

export interface PublishResult {
  engine: 'sqlite' | 'postgres';
  instances: number;
  workersEach: number;
  publishes: number;
  /** Seconds from publishDraft returning to the last instance serving the new text, per publish. */
  served: number[];
  /** Seconds publishDraft took (the whole-course check with every unit compiled, then the head move), per publish. */
  publishSeconds: number[];
  /** Bytes of resident memory of each instance (primary and workers), after start with the course loaded. */
  rssBefore: number[];
  /** The same, after the publishes. */
  rssAfter: number[];
}

/** Resident memory of a process and its children (the cluster's workers), in bytes, from /proc. */
export function instanceRss(pid: number): number {
  const rss = (p: number) => {
    try {
      const kb = readFileSync(`/proc/${p}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)?.[1];
      return kb ? Number(kb) * 1024 : 0;
    } catch {
      return 0;
    }
  };
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // no /proc (not Linux): the primary alone
  }
  return rss(pid) + children.reduce((sum, c) => sum + rss(c), 0);
}

/** One GET on a new connection; resolves with the body (never throws on a status). */
function getFresh(url: string, cookie: string): Promise<string> {
  return new Promise((done, fail) => {
    http
      .get(url, { agent: false, headers: { cookie, connection: 'close' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(Buffer.concat(chunks).toString()));
        res.on('error', fail);
      })
      .on('error', fail);
  });
}

/** Milliseconds after `since` when `url` first served `text` on `inARow` requests in a row. */
async function servedAt(url: string, cookie: string, text: string, inARow: number, since: number, timeoutMs: number) {
  let run = 0;
  let first = 0;
  while (performance.now() - since < timeoutMs) {
    if ((await getFresh(url, cookie)).includes(text)) {
      if (run++ === 0) first = performance.now();
      if (run >= inARow) return first - since;
    } else run = 0;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not serve the published text within ${timeoutMs / 1000} s`);
}

export async function publishBench(opts: {
  engine: 'sqlite' | 'postgres';
  databaseUrl: string;
  ports: number[];
  secret: string;
  publishes: number;
  workersEach?: number;
  log: (s: string) => void;
}): Promise<PublishResult> {
  const workersEach = opts.workersEach ?? 2;
  const instances = opts.engine === 'postgres' ? 2 : 1;
  const root = resolve('content');
  const { db } = openDatabase(opts.databaseUrl, { poolSize: 2 });
  const servers: AppServer[] = [];
  try {
    const userId = await createUser(db, {
      email: 'publish-reader@example.org',
      name: 'Publish Reader',
      passwordHash: 'unused: the benchmark signs its session',
    });
    const session = await signedSession(opts.secret, userId);
    await db.insertInto('sessions').values(session.row).execute();

    // One after the other: the first imports the content folder into the empty store (and shares
    // the compiled units through the database), the next finds it there.
    const env = { WEB_CONCURRENCY: String(workersEach), CONTENT_POLL_SECONDS: '2' };
    for (const port of opts.ports.slice(0, instances))
      servers.push(await startServer({ port, databaseUrl: opts.databaseUrl, secret: opts.secret, env, startSeconds: 120 }));
    const file = 'courses/peer-support-core/units/01-what-is-peer-support.mdx';
    const unitPath = '/courses/peer-support-core/units/what-is-peer-support';
    const source = readFileSync(`${root}/${file}`, 'utf8');
    const lines = source.split('\n');
    const heading = lines.findIndex((l, i) => i > 0 && l.startsWith('## '));
    const paragraph = lines.find((l, j) => j > heading && /^[A-Z]/.test(l));
    if (!paragraph) throw new Error(`no paragraph to rewrite in ${file}`);

    // Warm every worker (the course is loaded at start; this runs each worker's unit page once).
    for (const s of servers) for (let i = 0; i < 2 * workersEach; i++) await getFresh(s.base + unitPath, session.cookie);
    const rssBefore = servers.map((s) => instanceRss(s.pid));
    opts.log(
      `Publishing: ${instances} instance(s) x ${workersEach} workers on ${opts.engine}, RSS ${rssBefore.map((b) => `${(b / 1e6).toFixed(0)} MB`).join(', ')}; ${opts.publishes} publish${opts.publishes > 1 ? 'es' : ''}…`,
    );

    const served: number[] = [];
    const publishSeconds: number[] = [];
    for (let i = 1; i <= opts.publishes; i++) {
      const mark = `Publish number ${i} of the benchmark, mark ${Date.now().toString(36)}.`;
      const saved = await saveDraft(db, root, {
        changes: [{ path: file, bytes: new TextEncoder().encode(source.replace(paragraph, mark)) }],
        baseTreeId: await draftTreeId(db),
        authorId: userId,
        message: `Benchmark edit ${i}`,
      });
      if (saved.status !== 'saved') throw new Error(`saveDraft: ${saved.status} ${'message' in saved ? saved.message : ''}`);
      const started = performance.now();
      const published = await publishDraft(db, root, { draftTreeId: saved.treeId, authorId: userId, message: `Benchmark ${i}` });
      const t0 = performance.now();
      if (published.status !== 'published') throw new Error(`publishDraft: ${published.status}`);
      publishSeconds.push((t0 - started) / 1000);
      const each = await Promise.all(
        servers.map((s) => servedAt(s.base + unitPath, session.cookie, mark, 2 * workersEach, t0, 60_000)),
      );
      served.push(Math.max(...each) / 1000);
      opts.log(
        `  publish ${i}: publishDraft ${publishSeconds.at(-1)?.toFixed(1)} s; served by ${each.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ')}`,
      );
    }
    const rssAfter = servers.map((s) => instanceRss(s.pid));
    return {
      engine: opts.engine,
      instances,
      workersEach,
      publishes: opts.publishes,
      served,
      publishSeconds,
      rssBefore,
      rssAfter,
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
    await db.destroy();
  }
}

/** Budget: every instance serves a publish within this many seconds (issue 15: "within a few seconds"). */
export const PUBLISH_SERVED_BUDGET_S = 10;

export function publishLines(r: PublishResult): (Line | string)[] {
  const s = (x: number) => `${x.toFixed(2)} s`;
  const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
  const max = Math.max(...r.served);
  return [
    `Publishing, ${r.engine}: ${r.instances} instance${r.instances > 1 ? 's' : ''} x ${r.workersEach} workers, ${r.publishes} publish${r.publishes > 1 ? 'es' : ''} (served = the new text on ${2 * r.workersEach} requests in a row on new connections, on every instance)`,
    {
      name: `publish -> every instance serves it, median / max (${r.engine})`,
      value: `${s(percentile(r.served, 50))} / ${s(max)}`,
      budget: `max < ${PUBLISH_SERVED_BUDGET_S} s`,
      verdict: verdict(max < PUBLISH_SERVED_BUDGET_S),
    },
    { name: `publishDraft (full check), median (${r.engine})`, value: ms(percentile(r.publishSeconds, 50) * 1000) },
    ...r.rssBefore.map((b, i) => ({
      name: `RSS of instance ${i + 1} (primary + ${r.workersEach} workers), before / after (${r.engine})`,
      value: `${mb(b)} / ${mb(r.rssAfter[i])}`,
    })),
  ];
}
