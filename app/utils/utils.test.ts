import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.server';
import { hashPassword, verifyPassword } from './password.server';
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
});
