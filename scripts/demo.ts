// `npm run demo`: migrates and seeds the SQLite database, then serves the production build
// (built by the npm script just before this) and prints where to go and how to log in.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_DATABASE_URL, migrateToLatest, openDatabase } from '../db/connect';
import { newCredentialKey } from './credential-key';
import { DEMO_JOIN_CODE, DEMO_PASSWORD, DEMO_USERS, seedDemo } from './seed-demo';

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const { db } = openDatabase(url);
await migrateToLatest(db);
await seedDemo(db);
await db.destroy();

// A demo keeps one random session secret in data/ so restarts do not log everyone out.
let secret = process.env.SESSION_SECRET;
if (!secret) {
  mkdirSync('data', { recursive: true });
  const file = 'data/.session-secret';
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  secret = readFileSync(file, 'utf8').trim();
}
// Likewise one signing key for Open Badges credentials, so credentials already downloaded keep
// verifying after a restart (docs/decisions/024-signing-keys-and-open-badges.md).
let signingKey = process.env.CREDENTIAL_SIGNING_KEY;
if (!signingKey) {
  mkdirSync('data', { recursive: true });
  const file = 'data/.credential-signing-key.json';
  if (!existsSync(file)) writeFileSync(file, newCredentialKey(), { mode: 0o600 });
  signingKey = readFileSync(file, 'utf8').trim();
}
const port = process.env.PORT || '3000';
console.log(`
Peer Academy demo
  Open:      http://localhost:${port}
  Database:  ${url}
  Logins (password for all: ${DEMO_PASSWORD}):
${DEMO_USERS.map((u) => `    ${u.role.padEnd(11)} ${u.email}`).join('\n')}
    co-trainer  co-trainer@example.org
    trainees    trainee01@example.org ... trainee25@example.org (a program at every stage)
  Demo cohort join code: ${DEMO_JOIN_CODE}
  Author studio: editing on (saves to the draft; publish at /author/publish)
  Mail:      ${process.env.SMTP_URL ? 'sent through SMTP_URL' : 'printed below with its links (set SMTP_URL to send it)'}
  Stop with Ctrl+C.
`);
const server = spawn('node', ['build/server.js'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_ENV: 'production',
    SESSION_SECRET: secret,
    PORT: port,
    DATABASE_URL: url,
    CREDENTIAL_SIGNING_KEY: signingKey,
    // The author studio saves in the demo; server.js then runs one process (edits reload content
    // in the process that made them).
    CONTENT_EDITING: process.env.CONTENT_EDITING || '1',
    // The demo names a program that says it is not real; set these to your own.
    PROGRAM_NAME: process.env.PROGRAM_NAME || 'Demo Peer Training Program (not a real provider)',
    PROGRAM_ADDRESS: process.env.PROGRAM_ADDRESS || '100 Example Street, Sacramento, CA 95814',
  },
});
for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => server.kill(s));
server.on('exit', (code) => process.exit(code ?? 0));
