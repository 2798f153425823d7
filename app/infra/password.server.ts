import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Worker } from 'node:worker_threads';

// OWASP Password Storage Cheat Sheet: scrypt with N=2^17, r=8, p=1 (minimum recommended).
/** scrypt's cost N for every hash the app makes. */
export const PRODUCTION_HASH_COST = 2 ** 17;
let N = PRODUCTION_HASH_COST;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 256 * 1024 * 1024;

/**
 * The hashing thread. One scrypt hash is ~380 ms of CPU: a flood of wrong passwords would take
 * every core from the pages (on libuv's pool it also made static files wait). So hashes run on
 * a worker thread of their own, one at a time, at the lowest scheduling priority (nice 19: on
 * Linux the nice value is per thread), and the event loop serving pages always comes first
 * (docs/decisions/013-login-throttling-and-device-cookies.md). The code is ours, fixed here.
 */
const HASHER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
try { require('node:os').setPriority(19); } catch {}
parentPort.on('message', (m) => {
  try {
    const key = scryptSync(m.password, Buffer.from(m.salt), m.keylen, { N: m.n, r: m.r, p: m.p, maxmem: m.maxmem });
    parentPort.postMessage({ id: m.id, key });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
  }
});
`;

type Pending = { resolve: (key: Buffer) => void; reject: (e: Error) => void };
let hasher: { worker: Worker; pending: Map<number, Pending> } | undefined;
let nextId = 1;

function startHasher() {
  const worker = new Worker(HASHER_SOURCE, { eval: true });
  const pending = new Map<number, Pending>();
  const current = { worker, pending };
  worker.unref();
  worker.on('message', (m: { id: number; key?: Uint8Array; error?: string }) => {
    const job = pending.get(m.id);
    if (!job) return;
    pending.delete(m.id);
    // Keep the process alive only while a hash is owed (a script awaiting one must not exit).
    if (pending.size === 0) worker.unref();
    if (m.key) job.resolve(Buffer.from(m.key));
    else job.reject(new Error(m.error ?? 'scrypt failed'));
  });
  const fail = (e: Error) => {
    if (hasher === current) hasher = undefined;
    for (const job of pending.values()) job.reject(e);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The password hashing thread stopped (code ${code}).`)));
  return current;
}

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  if (!hasher) hasher = startHasher();
  const { worker, pending } = hasher;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.ref();
    worker.postMessage({ id, password: password.normalize('NFKC'), salt, n, r, p, keylen: KEYLEN, maxmem: MAXMEM });
  });
}

/** Thrown when the hashing queue is full; the caller answers 429 with Retry-After. */
export class HashQueueFull extends Error {
  constructor() {
    super('The password hashing queue is full.');
  }
}

/**
 * One scrypt hash takes ~380 ms and 128 MiB. Each process hashes at most `running` at once
 * and lets at most `waiting` more wait; anything beyond that is refused at once (HashQueueFull)
 * instead of making every other request wait (docs/decisions/013-login-throttling-and-device-cookies.md).
 */
const queue = { running: 0, limits: { running: 1, waiting: 4 }, waiters: [] as (() => void)[] };

/**
 * Sets scrypt's cost N for new hashes (and the unknown-account dummy), for tests only: a test
 * suite that signs up and logs in hundreds of times uses a cheap cost (tests/setup/vitest.setup.ts).
 * Stored hashes keep their own N, so checking one always costs what it cost to make.
 */
export function configureHashCost(n: number) {
  N = n;
  dummy = undefined;
}

/** Changes the queue's size; for tests and the benchmark. */
export function configureHashQueue(limits: { running: number; waiting: number }) {
  queue.limits = limits;
}

/** True when a hash asked for now would be refused: lets a caller skip work it would throw away. */
export function hashQueueIsFull(): boolean {
  return queue.running >= queue.limits.running && queue.waiters.length >= queue.limits.waiting;
}

async function inQueue<T>(work: () => Promise<T>): Promise<T> {
  if (queue.running >= queue.limits.running) {
    if (queue.waiters.length >= queue.limits.waiting) throw new HashQueueFull();
    await new Promise<void>((resolve) => queue.waiters.push(resolve));
  } else {
    queue.running++;
  }
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next waiter, or free it.
    const next = queue.waiters.shift();
    if (next) next();
    else queue.running--;
  }
}

/**
 * Hashes a password as `scrypt$N$r$p$salt$hash` (base64), so parameters can rise later.
 * `cost` (N) is for tests; the app always uses the default (PRODUCTION_HASH_COST).
 */
export async function hashPassword(password: string, cost = N): Promise<string> {
  const salt = randomBytes(16);
  const key = await inQueue(() => scrypt(password, salt, cost, R, P));
  return ['scrypt', cost, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Compares in constant time. A malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  const actual = await inQueue(() => scrypt(password, salt, n, r, p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash to compare against when the account does not exist, so timing does not reveal it. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  if (!dummy) {
    const salt = randomBytes(16);
    // Made once per process outside the queue, so a full queue never poisons it.
    dummy = scrypt('not-a-real-password', salt, N, R, P).then((key) =>
      ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$'),
    );
  }
  return dummy;
}
