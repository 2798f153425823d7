// Starts the production server for Playwright on a fresh, migrated and seeded SQLite file.
// It serves a copy of the curriculum with the author studio's editing on, so tests that edit
// content never touch content/. E2E_DB and E2E_CONTENT_DIR let a spec start a second server of
// its own (tests/e2e/fuzz.spec.ts reads that server's log).
// It also runs a real SMTP server (smtp-server) on a free port and points SMTP_URL at it; each
// message received is appended as one JSON line to `<db>.mail.jsonl`, which specs read
// (tests/e2e/mail.ts). Nothing about sending is faked: the app's outbox worker talks SMTP.
import { execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const db = process.env.E2E_DB || 'tests/.tmp/e2e.db';
mkdirSync('tests/.tmp', { recursive: true });
for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
const contentDir = process.env.E2E_CONTENT_DIR || 'tests/.tmp/e2e-content';
rmSync(contentDir, { recursive: true, force: true });
cpSync('content', contentDir, { recursive: true });
const mailFile = `${db}.mail.jsonl`;
rmSync(mailFile, { force: true });
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
        appendFileSync(mailFile, `${JSON.stringify({ to, subject: mail.subject, text: mail.text, html: mail.html })}\n`);
        callback();
      })
      .catch(callback);
  },
});
await new Promise((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const port = process.env.E2E_PORT || '3999';
const env = {
  ...process.env,
  SMTP_URL: `smtp://127.0.0.1:${smtp.server.address().port}`,
  MAIL_FROM: 'Peer Academy <no-reply@example.org>',
  APP_URL: `http://localhost:${port}`,
  NODE_ENV: 'production',
  DATABASE_URL: `file:./${db}`,
  SESSION_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
  SEED_DEMO: '1',
  // Only the small demo: the specs assert on the demo cohort's exact contents.
  SEED_PROGRAM: '0',
  PORT: port,
  CONTENT_DIR: contentDir,
  CONTENT_EDITING: '1',
  // A publish shows on the next poll (docs/decisions/030-content-store.md); specs wait about a second.
  CONTENT_POLL_SECONDS: '1',
  // Unit pages report time on task every 3 s instead of 30 s, so a test sees a heartbeat soon
  // (docs/decisions/017-time-on-task.md).
  TIME_HEARTBEAT_SECONDS: process.env.TIME_HEARTBEAT_SECONDS || '3',
  // As behind one load balancer: a test can send X-Forwarded-For to act from another address.
  TRUST_PROXY: '1',
  // Certificates (docs/decisions/023-certificates-and-verification.md, 024): the program they name
  // and a signing key of this run's own.
  PROGRAM_NAME: 'Bay Area Peer Training (test)',
  PROGRAM_ADDRESS: '1 Test Way, Oakland, CA 94612',
  CREDENTIAL_SIGNING_KEY: JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' })),
};
const tsx = 'node_modules/.bin/tsx';
execFileSync(tsx, ['db/migrate.ts'], { env, stdio: 'inherit' });
execFileSync(tsx, ['scripts/seed.ts'], { env, stdio: 'inherit' });
const server = spawn('node', ['build/server.js'], { env, stdio: 'inherit' });
for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => server.kill(s));
server.on('exit', (code) => smtp.close(() => process.exit(code ?? 0)));
