import { isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from '../../db/connect';
import { DEFAULT_TIME_LIMITS, type TimeLimits } from '../domain/time-on-task';

const DEV_SECRET = 'peer-academy-development-secret-not-for-production';

const boolish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

/**
 * Which proxies to believe about the client's address (X-Forwarded-For), as Express's
 * 'trust proxy': a number of hops (`1`: one load balancer in front), or a comma-separated list
 * of proxy addresses or CIDR ranges. Never "trust everything": then any client could name its
 * own address and slip past the per-address login limits (docs/decisions/013-login-throttling-and-device-cookies.md).
 */
export type TrustProxy = false | number | string[];

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
function isProxyAddress(item: string): boolean {
  if (PROXY_NAMES.includes(item)) return true;
  const [address, prefix, extra] = item.split('/');
  const version = isIP(address);
  if (!version || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

const trustProxy = z
  .string()
  .trim()
  .default('')
  .transform((v, ctx): TrustProxy => {
    const lower = v.toLowerCase();
    if (['', '0', 'false', 'no', 'off'].includes(lower)) return false;
    if (/^\d+$/.test(v) && Number(v) <= 10) return Number(v);
    const items = v.split(',').map((i) => i.trim());
    if (items.every(isProxyAddress)) return items;
    ctx.addIssue({
      code: 'custom',
      message: `"${v}" is not a number of proxy hops (1 to 10) or a comma-separated list of proxy addresses (like 10.0.0.0/8). "true" is not accepted: trusting every hop would let any client choose its own address.`,
    });
    return z.NEVER;
  });

/** Whether a key looks like a private JWK (Ed25519 or P-256) or a PKCS#8 PEM; jose checks it fully when loading. */
function signingKeyShape(v: string): boolean {
  if (v.startsWith('-----BEGIN PRIVATE KEY-----')) return true;
  try {
    const jwk = JSON.parse(v) as Record<string, unknown>;
    const known = (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') || (jwk.kty === 'EC' && jwk.crv === 'P-256');
    return known && typeof jwk.d === 'string';
  } catch {
    return false;
  }
}

/** Demo values outside production, so a fresh clone issues certificates that say they are a demo. */
const DEMO_PROGRAM_NAME = 'Demo Peer Training Program (not a real provider)';
const DEMO_PROGRAM_ADDRESS = '100 Example Street, Sacramento, CA 95814';
/**
 * A fixed Ed25519 key for development and tests only: anyone can read it here, so production
 * refuses to start without a key of its own. `npm run demo` makes and keeps a random one.
 */
const DEV_SIGNING_KEY = JSON.stringify({
  kty: 'OKP',
  crv: 'Ed25519',
  x: '-qTov_cEwpVDYYLGc73DKDTa-8owtwUGbA0WX5rdslo',
  d: 'ZE2sgBKB84cjpfmX_vqKFQuqkdIDD3S80VsdtSP-Ang',
});

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /**
     * Server processes in production (one per core when unset, docs/decisions/009-exam-saves-under-load.md).
     * Development runs one. Content is shared through the database (docs/decisions/030-content-store.md),
     * so the author studio no longer limits the count.
     */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
    DATABASE_URL: z.string().min(1).default(DEFAULT_DATABASE_URL),
    SESSION_SECRET: z.string().optional(),
    CONTENT_DIR: z.string().min(1).default('content'),
    /** Whether the author studio may save to the draft and publish (off by default in production). */
    CONTENT_EDITING: boolish.optional(),
    /** How often an instance checks the published content head (LISTEN/NOTIFY tells PostgreSQL instances at once). */
    CONTENT_POLL_SECONDS: z.coerce.number().min(0.2).max(300).default(2),
    TRUST_PROXY: trustProxy,
    SEED_DEMO: boolish.default(false),
    /** How often a unit page reports time on task (docs/decisions/017-time-on-task.md); tests shorten it. */
    TIME_HEARTBEAT_SECONDS: z.coerce.number().int().min(2).max(300).default(30),
    /** Where mail goes; '' = print each message to the log and keep it in the outbox. */
    SMTP_URL: z
      .string()
      .trim()
      .default('')
      .refine((v) => v === '' || /^smtps?:\/\/[^/]/.test(v), {
        message:
          'SMTP_URL must look like smtp://user:pass@host:587 or smtps://user:pass@host:465 (or be unset to print mail to the log).',
      }),
    MAIL_FROM: z.string().trim().min(3).default('Peer Academy <no-reply@peer-academy.local>'),
    /** The public address for links in mail; read without a trailing slash. */
    APP_URL: z
      .string()
      .trim()
      .default('')
      .refine((v) => v === '' || /^https?:\/\/[^/]+\/?$/.test(v), {
        message: 'APP_URL must be the address people use to reach the site, like https://academy.example.org (no path).',
      }),
    PROGRAM_NAME: z.string().trim().max(200).default(''),
    PROGRAM_ADDRESS: z.string().trim().max(400).default(''),
    PROGRAM_APPROVAL: z.string().trim().max(400).default(''),
    CREDENTIAL_SIGNING_KEY: z
      .string()
      .trim()
      .default('')
      .refine((v) => v === '' || signingKeyShape(v), {
        message:
          'CREDENTIAL_SIGNING_KEY must be a private key as a JSON Web Key (Ed25519: {"kty":"OKP","crv":"Ed25519","x":…,"d":…}, or P-256: {"kty":"EC","crv":"P-256",…,"d":…}) or a PKCS#8 PEM. Make one with: npx tsx scripts/credential-key.ts',
      }),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && (!env.SESSION_SECRET || env.SESSION_SECRET.length < 32)) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message:
          'SESSION_SECRET must be set to a random string of at least 32 characters in production, for example: SESSION_SECRET=$(openssl rand -hex 32)',
      });
    }
    // Certificates state the program's name and address and are signed with its key: production
    // never falls back to the demo values (docs/decisions/024-signing-keys-and-open-badges.md).
    if (env.NODE_ENV === 'production') {
      const missing: [keyof typeof env, string][] = [
        ['PROGRAM_NAME', 'PROGRAM_NAME must be set in production: the training program named on certificates.'],
        ['PROGRAM_ADDRESS', 'PROGRAM_ADDRESS must be set in production: the program address printed on certificates.'],
        [
          'CREDENTIAL_SIGNING_KEY',
          'CREDENTIAL_SIGNING_KEY must be set in production: the private key that signs Open Badges credentials. Make one with: npx tsx scripts/credential-key.ts',
        ],
      ];
      for (const [key, message] of missing) if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message });
    }
  })
  .transform((e) => {
    const isProduction = e.NODE_ENV === 'production';
    return {
      ...e,
      SESSION_SECRET: e.SESSION_SECRET || DEV_SECRET,
      CONTENT_EDITING: e.CONTENT_EDITING ?? !isProduction,
      APP_URL: (e.APP_URL || `http://localhost:${e.PORT}`).replace(/\/$/, ''),
      PROGRAM_NAME: e.PROGRAM_NAME || DEMO_PROGRAM_NAME,
      PROGRAM_ADDRESS: e.PROGRAM_ADDRESS || DEMO_PROGRAM_ADDRESS,
      CREDENTIAL_SIGNING_KEY: e.CREDENTIAL_SIGNING_KEY || DEV_SIGNING_KEY,
      isProduction,
    };
  });

/** The checked environment: the one place flags and settings are read (server.ts included). */
export type Env = z.infer<typeof schema>;

/** Reads and checks the environment; throws one readable message listing every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || 'env'}: ${i.message}`);
    throw new Error(`Peer Academy cannot start: the environment is not valid.\n${lines.join('\n')}`);
  }
  return result.data;
}

/** The time-on-task limits in force: the defaults, with the heartbeat interval from the environment. */
export function timeLimits(): TimeLimits {
  return { ...DEFAULT_TIME_LIMITS, heartbeatSeconds: env().TIME_HEARTBEAT_SECONDS };
}

let cached: Env | undefined;
export function env(): Env {
  if (!cached) cached = parseEnv(process.env);
  return cached;
}
