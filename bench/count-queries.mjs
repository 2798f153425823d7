// Loaded into the bench's app server with `node --import` (see bench/openloop.ts), never into
// production: counts the database statements each request makes, by kind of request, without
// touching the app. A statement is counted when it is sent: a call to a better-sqlite3 statement
// (run/get/all/iterate) or to pg's Client#query (one network round trip). The request is found
// with AsyncLocalStorage, so background work (mail outbox, sweeps) is not counted. A SQLite
// group commit (db/group-commit.ts) runs its BEGIN, writes and COMMIT in the request that
// started the batch: per request the figure is an average, which is what the report prints.
// Every 250 ms each process writes its totals to $BENCH_QUERY_DIR/queries-<pid>.json.
import { AsyncLocalStorage } from 'node:async_hooks';
import { renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';

const dir = process.env.BENCH_QUERY_DIR;
if (dir) {
  const require = createRequire(`${process.cwd()}/package.json`);
  const als = new AsyncLocalStorage();
  /** kind -> { requests, queries } */
  const totals = {};
  const count = () => {
    const c = als.getStore();
    if (c) c.queries++;
  };
  const wrap = (proto, names) => {
    for (const name of names) {
      const original = proto[name];
      if (typeof original !== 'function') continue;
      proto[name] = function counted(...args) {
        count();
        return original.apply(this, args);
      };
    }
  };
  try {
    const SQLite = require('better-sqlite3');
    const probe = new SQLite(':memory:');
    wrap(Object.getPrototypeOf(probe.prepare('select 1')), ['run', 'get', 'all', 'iterate']);
    probe.close();
  } catch {
    // no better-sqlite3
  }
  try {
    wrap(require('pg').Client.prototype, ['query']);
  } catch {
    // no pg
  }

  const kindOf = (method, url) => {
    const path = url.split('?')[0];
    if (method === 'POST' && /^\/courses\/[^/]+\/exam\/attempts\/[^/]+\/save$/.test(path)) return 'save';
    if (method === 'GET' && /^\/courses\/[^/]+\/exam\/attempts\/[^/]+$/.test(path)) return 'question page';
    return `${method} other`;
  };
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function instrumented(event, req, res, ...rest) {
    if (event !== 'request') return emit.call(this, event, req, res, ...rest);
    const c = { queries: 0 };
    res.once('finish', () => {
      const kind = kindOf(req.method, req.url);
      totals[kind] ??= { requests: 0, queries: 0 };
      totals[kind].requests++;
      totals[kind].queries += c.queries;
    });
    return als.run(c, () => emit.call(this, event, req, res, ...rest));
  };

  let written = '';
  setInterval(() => {
    const text = JSON.stringify(totals);
    if (text === written) return;
    written = text;
    // Written aside and renamed, so the bench never reads half a file.
    writeFileSync(`${dir}/.queries-${process.pid}.tmp`, text);
    renameSync(`${dir}/.queries-${process.pid}.tmp`, `${dir}/queries-${process.pid}.json`);
  }, 250).unref();
}
