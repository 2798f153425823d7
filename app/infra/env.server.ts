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

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /**
     * Server processes in production (one per core when unset, docs/decisions/009-exam-saves-under-load.md).
     * Development and CONTENT_EDITING always run one: each process keeps its own copy of the content.
     */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
    DATABASE_URL: z.string().min(1).default(DEFAULT_DATABASE_URL),
    SESSION_SECRET: z.string().optional(),
    CONTENT_DIR: z.string().min(1).default('content'),
    CONTENT_EDITING: boolish.optional(),
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
  })
  .transform((e) => {
    const isProduction = e.NODE_ENV === 'production';
    return {
      ...e,
      SESSION_SECRET: e.SESSION_SECRET || DEV_SECRET,
      CONTENT_EDITING: e.CONTENT_EDITING ?? !isProduction,
      APP_URL: (e.APP_URL || `http://localhost:${e.PORT}`).replace(/\/$/, ''),
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
