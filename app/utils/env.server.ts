import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from '../../db/connect';
import { DEFAULT_TIME_LIMITS, type TimeLimits } from '../domain/time-on-task';

const DEV_SECRET = 'peer-academy-development-secret-not-for-production';

const boolish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: z.string().min(1).default(DEFAULT_DATABASE_URL),
    SESSION_SECRET: z.string().optional(),
    CONTENT_DIR: z.string().min(1).default('content'),
    CONTENT_EDITING: boolish.optional(),
    TRUST_PROXY: boolish.default(false),
    SEED_DEMO: boolish.default(false),
    TIME_HEARTBEAT_SECONDS: z.coerce.number().int().min(2).max(300).default(30),
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
  });

export type Env = {
  NODE_ENV: 'development' | 'production' | 'test';
  PORT: number;
  DATABASE_URL: string;
  SESSION_SECRET: string;
  CONTENT_DIR: string;
  CONTENT_EDITING: boolean;
  TRUST_PROXY: boolean;
  SEED_DEMO: boolean;
  /** How often a unit page reports time on task (docs/decisions/017-time-on-task.md); tests shorten it. */
  TIME_HEARTBEAT_SECONDS: number;
  isProduction: boolean;
};

/** Reads and checks the environment; throws one readable message listing every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || 'env'}: ${i.message}`);
    throw new Error(`Peer Academy cannot start: the environment is not valid.\n${lines.join('\n')}`);
  }
  const e = result.data;
  const isProduction = e.NODE_ENV === 'production';
  return {
    ...e,
    SESSION_SECRET: e.SESSION_SECRET || DEV_SECRET,
    CONTENT_EDITING: e.CONTENT_EDITING ?? !isProduction,
    isProduction,
  };
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
