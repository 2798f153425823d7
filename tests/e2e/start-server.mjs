// Starts the production server for Playwright on a fresh, migrated and seeded SQLite file.
// It serves a copy of the curriculum with the author studio's editing on, so tests that edit
// content never touch content/. E2E_DB and E2E_CONTENT_DIR let a spec start a second server of
// its own (tests/e2e/fuzz.spec.ts reads that server's log).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

const db = process.env.E2E_DB || 'tests/.tmp/e2e.db';
mkdirSync('tests/.tmp', { recursive: true });
for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
const contentDir = process.env.E2E_CONTENT_DIR || 'tests/.tmp/e2e-content';
rmSync(contentDir, { recursive: true, force: true });
cpSync('content', contentDir, { recursive: true });
const env = {
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: `file:./${db}`,
  SESSION_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
  SEED_DEMO: '1',
  PORT: process.env.E2E_PORT || '3999',
  CONTENT_DIR: contentDir,
  CONTENT_EDITING: '1',
  // Unit pages report time on task every 3 s instead of 30 s, so a test sees a heartbeat soon
  // (docs/decisions/017-time-on-task.md).
  TIME_HEARTBEAT_SECONDS: process.env.TIME_HEARTBEAT_SECONDS || '3',
  // As behind one load balancer: a test can send X-Forwarded-For to act from another address.
  TRUST_PROXY: '1',
};
const tsx = 'node_modules/.bin/tsx';
execFileSync(tsx, ['db/migrate.ts'], { env, stdio: 'inherit' });
execFileSync(tsx, ['db/seed.ts'], { env, stdio: 'inherit' });
const server = spawn('node', ['server.js'], { env, stdio: 'inherit' });
for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => server.kill(s));
server.on('exit', (code) => process.exit(code ?? 0));
