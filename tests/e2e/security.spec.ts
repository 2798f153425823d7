import { expect, test } from './fixtures';

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
