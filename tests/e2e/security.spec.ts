import { expect, test } from './fixtures';
import { DEMO_PASSWORD, uniqueEmail } from './helpers';

test('pages carry the security headers, including a nonce-based CSP with frame-ancestors none', async ({ request }) => {
  const res = await request.get('/login');
  const h = res.headers();
  expect(h['content-security-policy']).toMatch(/default-src 'self'/);
  expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(h['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('same-origin');
  expect(h['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  const html = await res.text();
  const nonce = h['content-security-policy'].match(/'nonce-([^']+)'/)?.[1];
  expect(html).toContain(`nonce="${nonce}"`);
});

test('a form sent from another site is refused, and so is an oversized body', async ({ request, baseURL }) => {
  const foreign = await request.post('/login', {
    form: { email: 'a@example.org', password: 'x' },
    headers: { Origin: 'https://evil.example' },
  });
  expect(foreign.status()).toBe(403);
  expect(await foreign.text()).toContain('sent from another website');
  const big = await request.post('/login', {
    data: `email=a%40example.org&password=${'x'.repeat(1_100_000)}`,
    headers: { Origin: baseURL ?? '', 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  expect(big.status()).toBe(413);
});

test('the health check answers', async ({ request }) => {
  const res = await request.get('/healthz');
  expect(res.status()).toBe(200);
  expect(await res.text()).toBe('ok');
});

// Issue #12 item 9: nothing answered to a signed-in browser may be kept by a shared cache.
test('signed-in pages and data are private and not stored; every response isolates its window', async ({ request, baseURL }) => {
  for (const path of ['/login', '/favicon.svg', '/no-such-page']) {
    expect((await request.get(path)).headers()['cross-origin-opener-policy'], path).toBe('same-origin');
  }
  const login = await request.post('/login', {
    form: { email: 'trainee@example.org', password: DEMO_PASSWORD },
    headers: { Origin: baseURL ?? '' },
    maxRedirects: 0,
  });
  expect(login.status()).toBe(302);
  for (const path of ['/courses', '/courses?_data=routes%2Fcourses._index', '/courses?_data=root', '/admin', '/no-such-page']) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.headers()['cache-control'], path).toBe('private, no-store');
    expect(res.headers()['cross-origin-opener-policy'], path).toBe('same-origin');
  }
  // Static files keep their long cache lifetimes, signed in or not: they hold nobody's data.
  expect((await request.get('/favicon.svg')).headers()['cache-control']).toMatch(/max-age=\d+/);
});

// Issue #12 item 4: these answered `Location: //evil.example` (another site) after logging in.
const OFFSITE = [
  '/.//evil.example',
  '/..//evil.example',
  '/%2e%2e//evil.example',
  '/a/..//evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/%5C%5Cevil.example',
  '%2F%2Fevil.example',
  '//evil.example',
  'https://evil.example',
  '/\t/evil.example',
  'javascript:alert(1)',
];
const sameSite = (location: string | undefined, base: string) => {
  expect(location).toMatch(/^\/(?![/\\])/);
  expect(new URL(location ?? '', base).origin).toBe(new URL(base).origin);
};

test('after logging in, redirectTo only ever leads to a page of this site', async ({ request, baseURL }) => {
  const base = baseURL ?? '';
  for (const redirectTo of [...OFFSITE, '/courses/peer-support-core']) {
    const res = await request.post('/login', {
      form: { email: 'trainee@example.org', password: DEMO_PASSWORD, redirectTo },
      headers: { Origin: base },
      maxRedirects: 0,
    });
    expect(res.status(), redirectTo).toBe(302);
    sameSite(res.headers().location, base);
  }
  const ok = await request.post('/login', {
    form: { email: 'trainee@example.org', password: DEMO_PASSWORD, redirectTo: '/courses/peer-support-core?x=1' },
    headers: { Origin: base },
    maxRedirects: 0,
  });
  expect(ok.headers().location).toBe('/courses/peer-support-core?x=1');
});

test('after signing up, redirectTo only ever leads to a page of this site', async ({ playwright, baseURL }) => {
  const base = baseURL ?? '';
  for (const redirectTo of OFFSITE.slice(0, 5)) {
    // A fresh context per account: signing up signs in, and a signed-in visitor is sent home.
    const ctx = await playwright.request.newContext({ baseURL: base });
    const res = await ctx.post('/signup', {
      form: { name: 'Redirect Test', email: uniqueEmail('redirect'), password: 'a long enough password', redirectTo },
      headers: { Origin: base },
      maxRedirects: 0,
    });
    expect(res.status(), redirectTo).toBe(302);
    sameSite(res.headers().location, base);
    await ctx.dispose();
  }
});

test('a malformed Origin header is refused in plain words, not a server error', async ({ request }) => {
  for (const origin of ['http://[not a host', '::::', 'x']) {
    const res = await request.post('/login', { form: { email: 'a@example.org', password: 'x' }, headers: { Origin: origin } });
    expect(res.status(), origin).toBe(403);
    expect(await res.text()).toContain('sent from another website');
  }
});

test('a body that is not a form gets a 4xx page in plain words', async ({ request, baseURL }) => {
  const json = await request.post('/login', { data: { email: 'a@example.org' }, headers: { Origin: baseURL ?? '' } });
  expect(json.status()).toBe(415);
  expect(await json.text()).toContain('We could not read that form');
  const broken = await request.post('/login', {
    data: '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na',
    headers: { Origin: baseURL ?? '', 'Content-Type': 'multipart/form-data; boundary=x' },
  });
  expect(broken.status()).toBe(400);
  expect(await broken.text()).toContain('arrived incomplete');
});
