// Starts the production server for Playwright on a fresh, migrated and seeded SQLite file.
// It serves a copy of the curriculum with the author studio's editing on, so tests that edit
// content never touch content/. E2E_DB and E2E_CONTENT_DIR let a spec start a second server of
// its own (tests/e2e/fuzz.spec.ts reads that server's log).
// It also runs a real SMTP server (smtp-server) on a free port and points SMTP_URL at it; each
// message received is appended as one JSON line to `<db>.mail.jsonl`, which specs read
// (tests/e2e/mail.ts). Nothing about sending is faked: the app's outbox worker talks SMTP.
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { e2eServerEnv, migrateAndSeed } from './server-env.mjs';

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
  ...e2eServerEnv({
    port,
    databaseUrl: `file:./${db}`,
    contentDir,
    smtpUrl: `smtp://127.0.0.1:${smtp.server.address().port}`,
  }),
  // A publish shows on the next poll (docs/decisions/030-content-store.md); specs wait about a second.
  CONTENT_POLL_SECONDS: '1',
};
migrateAndSeed(env);
const server = spawn('node', ['build/server.js'], { env, stdio: 'inherit' });
for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => server.kill(s));
server.on('exit', (code) => smtp.close(() => process.exit(code ?? 0)));
