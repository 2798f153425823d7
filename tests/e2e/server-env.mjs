// What an e2e server needs, shared by tests/e2e/start-server.mjs (the SQLite server every spec
// uses) and specs that start servers of their own (tests/e2e/instances.spec.ts: two instances on
// one PostgreSQL database): the environment of a production server, and a database migrated and
// seeded with the demo accounts.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';

/**
 * The environment of a production e2e server on `port`, serving `contentDir` from `databaseUrl`.
 * Without `smtpUrl` the server prints mail to its log.
 * @param {{ port: string | number, databaseUrl: string, contentDir: string, smtpUrl?: string }} opts
 * @returns {NodeJS.ProcessEnv}
 */
export function e2eServerEnv({ port, databaseUrl, contentDir, smtpUrl }) {
  /** @type {NodeJS.ProcessEnv} */
  const env = {
    ...process.env,
    MAIL_FROM: 'Peer Academy <no-reply@example.org>',
    APP_URL: `http://localhost:${port}`,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
    SEED_DEMO: '1',
    // Only the small demo: the specs assert on the demo cohort's exact contents.
    SEED_PROGRAM: '0',
    PORT: String(port),
    CONTENT_DIR: contentDir,
    CONTENT_EDITING: '1',
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
  if (smtpUrl) env.SMTP_URL = smtpUrl;
  else delete env.SMTP_URL;
  return env;
}

/**
 * Runs the migrations and the demo seed on the database `env.DATABASE_URL` names.
 * @param {NodeJS.ProcessEnv} env
 * @param {'inherit' | 'pipe'} [stdio]
 */
export function migrateAndSeed(env, stdio = 'inherit') {
  const tsx = 'node_modules/.bin/tsx';
  execFileSync(tsx, ['db/migrate.ts'], { env, stdio });
  execFileSync(tsx, ['scripts/seed.ts'], { env, stdio });
}
