import { describe, expect, it } from 'vitest';
import { catalogues } from '../i18n/catalogues';
import { readForm } from '../web/forms.server';
import { safeRedirect } from '../web/safe-redirect';
import { parseEnv } from './env.server';
import {
  configureHashQueue,
  HashQueueFull,
  hashPassword,
  hashQueueIsFull,
  PRODUCTION_HASH_COST,
  verifyPassword,
} from './password.server';

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
  // Payloads that reached `Location: //evil.example` before (issue #12, item 4) and their relatives:
  // none may leave the site, whatever its spelling.
  it.each([
    '/.//evil.example',
    '/..//evil.example',
    '/./..//evil.example',
    '/%2e%2e//evil.example',
    '/%2E%2E//evil.example',
    '/.%2e//evil.example',
    '/%2e//evil.example',
    '/a/..//evil.example',
    '/a/b/../..//evil.example',
    '/a/%2e%2e//evil.example',
    '/.///evil.example',
    '/..///evil.example',
    '\\evil.example',
    '/\\evil.example',
    '\\/evil.example',
    '/.\\evil.example',
    '/..\\evil.example',
    '%2F%2Fevil.example',
    '%2f%2fevil.example',
    '%5C%5Cevil.example',
    '//evil.example',
    '///evil.example',
    '////evil.example',
    ' //evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/\t\t/evil.example',
    '/\u0000/evil.example',
    '/\u007f/evil.example',
    'https://evil.example',
    'https:evil.example',
    'http:/evil.example',
    'HTTPS://evil.example',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'mailto:someone@evil.example',
  ])('refuses %j', (input) => {
    expect(safeRedirect(input, '/home')).toBe('/home');
  });
  it.each([
    // Encoded slashes and backslashes stay encoded in the path: a browser does not read them as separators.
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['/%5C%5Cevil.example', '/%5C%5Cevil.example'],
    ['/%5c/evil.example', '/%5c/evil.example'],
    ['/courses/../trainer', '/trainer'],
    ['/courses/./peer-support-core', '/courses/peer-support-core'],
    ['/courses?next=//evil.example', '/courses?next=//evil.example'],
    ['/courses#//evil.example', '/courses#//evil.example'],
  ])('keeps the same-site path %j as %j', (input, expected) => {
    expect(safeRedirect(input, '/home')).toBe(expected);
  });
  it('never returns anything a browser would read as another site', () => {
    const pieces = ['/', '.', '..', '%2e', '%2E', '%2f', '%5c', '\\', '//', 'a', 'evil.example', '@', ':', '?', '#', '\t'];
    for (const a of pieces)
      for (const b of pieces)
        for (const c of pieces) {
          const out = safeRedirect(`/${a}${b}${c}`, '/home');
          const resolved = new URL(out, 'https://site.example/some/page');
          expect(resolved.origin, `/${a}${b}${c} -> ${out}`).toBe('https://site.example');
          expect(out).toMatch(/^\/(?![/\\])/);
        }
  });
  it('uses the fallback for missing values', () => {
    expect(safeRedirect(null, '/login')).toBe('/login');
  });
});

describe('parseEnv', () => {
  it('reads the mail settings: SMTP_URL optional, APP_URL from PORT by default and without a trailing slash', () => {
    const e = parseEnv({ PORT: '4100' });
    expect(e.SMTP_URL).toBe('');
    expect(e.APP_URL).toBe('http://localhost:4100');
    expect(e.MAIL_FROM).toMatch(/Peer Academy/);
    const set = parseEnv({ SMTP_URL: 'smtp://u:p@mail.example.org:587', APP_URL: 'https://academy.example.org/' });
    expect(set.SMTP_URL).toBe('smtp://u:p@mail.example.org:587');
    expect(set.APP_URL).toBe('https://academy.example.org');
    expect(() => parseEnv({ SMTP_URL: 'mail.example.org:587' })).toThrow(/SMTP_URL must look like smtp:/);
    expect(() => parseEnv({ APP_URL: 'https://academy.example.org/app' })).toThrow(/APP_URL must be the address/);
  });

  const PRODUCTION = {
    NODE_ENV: 'production',
    SESSION_SECRET: 'x'.repeat(40),
    PROGRAM_NAME: 'Bay Peer Training',
    PROGRAM_ADDRESS: '1 Main St, Oakland, CA',
    CREDENTIAL_SIGNING_KEY:
      '{"kty":"OKP","crv":"Ed25519","x":"-qTov_cEwpVDYYLGc73DKDTa-8owtwUGbA0WX5rdslo","d":"ZE2sgBKB84cjpfmX_vqKFQuqkdIDD3S80VsdtSP-Ang"}',
  };
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
  it('reads the number of server processes, when given, as a whole number', () => {
    expect(parseEnv({}).WEB_CONCURRENCY).toBeUndefined();
    expect(parseEnv({ WEB_CONCURRENCY: '3' }).WEB_CONCURRENCY).toBe(3);
    expect(() => parseEnv({ WEB_CONCURRENCY: 'many' })).toThrow(/WEB_CONCURRENCY/);
  });
  it('refuses to start in production without a session secret, with a clear message', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET must be set/);
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });
  it('turns content editing off in production unless asked', () => {
    expect(parseEnv(PRODUCTION).CONTENT_EDITING).toBe(false);
    expect(parseEnv({ ...PRODUCTION, CONTENT_EDITING: '1' }).CONTENT_EDITING).toBe(true);
  });
  it('names the program and signs credentials with demo values only outside production', () => {
    const dev = parseEnv({});
    expect(dev.PROGRAM_NAME).toMatch(/Demo .*not a real provider/);
    expect(JSON.parse(dev.CREDENTIAL_SIGNING_KEY)).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    const { PROGRAM_NAME: _n, PROGRAM_ADDRESS: _a, CREDENTIAL_SIGNING_KEY: _k, ...bare } = PRODUCTION;
    expect(() => parseEnv(bare)).toThrow(
      /PROGRAM_NAME must be set[\s\S]*PROGRAM_ADDRESS must be set[\s\S]*CREDENTIAL_SIGNING_KEY must be set/,
    );
    expect(() => parseEnv({ ...PRODUCTION, CREDENTIAL_SIGNING_KEY: '{"kty":"oct","k":"abc"}' })).toThrow(/JSON Web Key/);
    expect(() => parseEnv({ ...PRODUCTION, CREDENTIAL_SIGNING_KEY: 'not a key' })).toThrow(/JSON Web Key/);
    expect(parseEnv(PRODUCTION)).toMatchObject({ PROGRAM_NAME: 'Bay Peer Training', PROGRAM_APPROVAL: '' });
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
    // The cost in production (tests set a cheaper default, tests/setup/vitest.setup.ts).
    const hash = await hashPassword('correct horse battery staple', PRODUCTION_HASH_COST);
    expect(PRODUCTION_HASH_COST).toBe(131072);
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
  it('hashes at most the configured number at once and refuses at once beyond the queue', async () => {
    configureHashQueue({ running: 1, waiting: 2 });
    try {
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => hashPassword('x', 2 ** 14)));
      const refused = results.filter((r) => r.status === 'rejected');
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
      expect(refused).toHaveLength(3);
      for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(HashQueueFull);
      expect(hashQueueIsFull()).toBe(false);
    } finally {
      configureHashQueue({ running: 1, waiting: 4 });
    }
  });
});

describe('readForm', () => {
  const post = (body: BodyInit | null, type?: string) =>
    new Request('http://localhost/x', { method: 'POST', body, headers: type ? { 'Content-Type': type } : {} });
  const refusal = async (request: Request) => {
    const thrown = await readForm(request).then(
      () => null,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(Response);
    return thrown as Response;
  };
  it('reads url-encoded and multipart forms, odd values and all', async () => {
    const form = await readForm(post('a=1&a=%E2%9C%93&b=%00', 'application/x-www-form-urlencoded; charset=UTF-8'));
    expect(form.getAll('a')).toEqual(['1', '✓']);
    expect(form.get('b')).toBe('\u0000');
    const multipart = new FormData();
    multipart.set('intent', 'save');
    expect((await readForm(new Request('http://localhost/x', { method: 'POST', body: multipart }))).get('intent')).toBe('save');
  });
  it.each([
    ['JSON', '{"a":1}', 'application/json'],
    ['text', 'a=1', 'text/plain'],
    ['no content type', 'a=1', undefined],
    ['no body at all', null, undefined],
  ])('answers 415 in plain words for %s', async (_label, body, type) => {
    const r = await refusal(post(body, type));
    expect(r.status).toBe(415);
    expect(await r.text()).toBe('account.form.notAcceptedHere');
    expect(catalogues.en['account.form.notAcceptedHere']).toMatch(/only accepts the form on its own page/);
  });
  it.each([
    ['an empty multipart body', '', 'multipart/form-data; boundary=x'],
    ['a multipart body without a boundary', '--x\r\n', 'multipart/form-data'],
    ['a cut-off multipart body', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nval', 'multipart/form-data; boundary=x'],
  ])('answers 400 in plain words for %s', async (_label, body, type) => {
    const r = await refusal(post(body, type));
    expect(r.status).toBe(400);
    expect(await r.text()).toBe('account.form.unreadable');
    expect(catalogues.en['account.form.unreadable']).toMatch(/arrived incomplete/);
  });
});
