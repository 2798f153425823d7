import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.server';
import { configureHashQueue, HashQueueFull, hashPassword, hashQueueIsFull, verifyPassword } from './password.server';
import { safeRedirect } from './safe-redirect';

describe('safeRedirect', () => {
  it.each([
    ['/courses', '/courses'],
    ['/courses/x?a=1#b', '/courses/x?a=1#b'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['courses', '/'],
    ['/%0d%0aSet-Cookie:x', '/%0d%0aSet-Cookie:x'],
    ['/\ttab', '/'],
    ['', '/'],
  ])('%s -> %s', (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });
  it('uses the fallback for missing values', () => {
    expect(safeRedirect(null, '/login')).toBe('/login');
  });
});

describe('parseEnv', () => {
  it('has development defaults', () => {
    const e = parseEnv({});
    expect(e).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DATABASE_URL: 'file:./data/peer-academy.db',
      CONTENT_EDITING: true,
    });
    expect(e.SESSION_SECRET.length).toBeGreaterThan(20);
  });
  it('refuses to start in production without a session secret, with a clear message', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET must be set/);
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });
  it('turns content editing off in production unless asked', () => {
    const secret = 'x'.repeat(40);
    expect(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: secret }).CONTENT_EDITING).toBe(false);
    expect(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: secret, CONTENT_EDITING: '1' }).CONTENT_EDITING).toBe(true);
  });
  it('reads TRUST_PROXY as a number of hops or a list of proxies, never as "trust every hop"', () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: '0' }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(parseEnv({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.5,::1, loopback' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      '192.168.1.5',
      '::1',
      'loopback',
    ]);
    expect(() => parseEnv({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: .*"true" is not accepted/);
    expect(() => parseEnv({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
    expect(() => parseEnv({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(() => parseEnv({ TRUST_PROXY: 'proxy.example.org' })).toThrow(/TRUST_PROXY/);
  });
  it('rejects a bad port', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});

describe('password hashing', () => {
  it('verifies the right password only, and never a malformed hash', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
  it('hashes at most the configured number at once and refuses at once beyond the queue', async () => {
    configureHashQueue({ running: 1, waiting: 2 });
    try {
      const started = Date.now();
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => hashPassword('x', 2 ** 14)));
      const refused = results.filter((r) => r.status === 'rejected');
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
      expect(refused).toHaveLength(3);
      for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(HashQueueFull);
      expect(hashQueueIsFull()).toBe(false);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      configureHashQueue({ running: 1, waiting: 4 });
    }
  });
});
