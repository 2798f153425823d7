import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  passwordChangedMail,
  passwordResetMail,
  signupExistingMail,
  trainerResetMail,
  verifyEmailMail,
} from './mail';

const evil = '<script>alert("x")</script> & Co';

describe('mail templates', () => {
  it('escape every character that matters in HTML', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  const all = [
    verifyEmailMail({ to: 'a@example.org', name: evil, url: 'http://h/verify-email/T?a=1&b=2', days: 7 }),
    passwordResetMail({ to: 'a@example.org', name: evil, url: 'http://h/reset-password/T?a=1&b=2', minutes: 30 }),
    trainerResetMail({
      to: 'a@example.org',
      name: evil,
      trainerName: evil,
      url: 'http://h/reset-password/T?a=1&b=2',
      minutes: 30,
    }),
    passwordChangedMail({ to: 'a@example.org', name: evil, resetUrl: 'http://h/forgot-password?a=1&b=2' }),
    signupExistingMail({
      to: 'a@example.org',
      name: evil,
      loginUrl: 'http://h/login?a=1&b=2',
      resetUrl: 'http://h/forgot-password',
    }),
  ];

  it.each(all.map((m) => [m.reason, m] as const))('%s has a text and an HTML part, both saying why it was sent', (_r, m) => {
    expect(m.text).toMatch(/You got this email because .*a@example\.org/);
    expect(m.html).toMatch(/You got this email because .*a@example\.org/);
    expect(m.text).toContain(evil);
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;');
    expect(m.html).toMatch(/href="http:\/\/h\/[^"]*a=1&amp;b=2"/);
    expect(m.text).toMatch(/http:\/\/h\/\S*a=1&b=2/);
  });
});
