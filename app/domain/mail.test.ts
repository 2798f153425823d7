import { describe, expect, it } from 'vitest';
import { mailLanguage } from '../i18n/intl.server';
import {
  digestMail,
  emailChangedMail,
  emailChangeMail,
  emailChangeNoticeMail,
  escapeHtml,
  notificationMail,
  passwordChangedMail,
  passwordResetMail,
  signupExistingMail,
  trainerResetMail,
  verifyEmailMail,
} from './mail';

// The real catalogues, through the same translator the server uses.
const en = mailLanguage('en');
const es = mailLanguage('es');

const evil = '<script>alert("x")</script> & Co';

describe('mail templates', () => {
  it('escape every character that matters in HTML', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  const all = [
    verifyEmailMail(en, { to: 'a@example.org', name: evil, url: 'http://h/verify-email/T?a=1&b=2', days: 7 }),
    passwordResetMail(en, { to: 'a@example.org', name: evil, url: 'http://h/reset-password/T?a=1&b=2', minutes: 30 }),
    trainerResetMail(en, {
      to: 'a@example.org',
      name: evil,
      trainerName: evil,
      url: 'http://h/reset-password/T?a=1&b=2',
      minutes: 30,
    }),
    passwordChangedMail(en, { to: 'a@example.org', name: evil, resetUrl: 'http://h/forgot-password?a=1&b=2' }),
    signupExistingMail(en, {
      to: 'a@example.org',
      name: evil,
      loginUrl: 'http://h/login?a=1&b=2',
      resetUrl: 'http://h/forgot-password',
    }),
    emailChangeMail(en, { to: 'a@example.org', name: evil, url: 'http://h/account/email/T?a=1&b=2', hours: 24 }),
    emailChangeNoticeMail(en, { to: 'a@example.org', name: evil, newEmail: evil, resetUrl: 'http://h/forgot-password?a=1&b=2' }),
    emailChangedMail(en, { to: 'a@example.org', name: evil, newEmail: evil, resetUrl: 'http://h/forgot-password?a=1&b=2' }),
    notificationMail(en, {
      to: 'a@example.org',
      name: evil,
      kind: 'result',
      title: evil,
      body: evil,
      url: 'http://h/courses?a=1&b=2',
      settingsUrl: 'http://h/account#notifications',
    }),
    digestMail(en, {
      to: 'a@example.org',
      name: evil,
      items: [{ title: evil, body: evil, url: 'http://h/x?a=1&b=2' }],
      settingsUrl: 'http://h/account#notifications',
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

  it('a notification says which setting sent it and how to change it; a digest counts its items', () => {
    const m = notificationMail(en, {
      to: 'a@example.org',
      name: 'Kai',
      kind: 'announcement',
      title: 'Announcement: Week 2',
      body: 'plain',
      bodyHtml: '<p><strong>safe</strong></p>',
      url: null,
      settingsUrl: 'http://h/account#notifications',
    });
    expect(m.html).toContain('<p><strong>safe</strong></p>');
    expect(m.text).toContain('plain');
    expect(m.text).toMatch(
      /you asked to be emailed when a trainer of your group posts an announcement[\s\S]*http:\/\/h\/account#notifications/,
    );
    const d = digestMail(en, {
      to: 'a@example.org',
      name: 'Kai',
      items: [{ title: 'A', body: 'a', url: null }],
      settingsUrl: 'http://h/s',
    });
    expect(d.subject).toBe('Your Peer Academy daily summary: 1 update');
    expect(d.text).toMatch(/daily summary instead of one email per update/);
  });

  it('is written in the recipient language, down to <html lang> and the button fallback', () => {
    const m = passwordResetMail(es, { to: 'a@example.org', name: 'Rosa', url: 'http://h/reset-password/T', minutes: 30 });
    expect(m.subject).toBe('Restablezca su contraseña de Peer Academy');
    expect(m.text).toContain('Hola, Rosa:');
    expect(m.text).toContain('durante 30 minutos');
    expect(m.html).toContain('<html lang="es">');
    expect(m.html).toContain('Si el botón no funciona');
    expect(m.html).not.toContain('If the button does not work');
    const d = digestMail(es, {
      to: 'a@example.org',
      name: 'Rosa',
      items: [1, 2].map(() => ({ title: 'A', body: 'a', url: null })),
      settingsUrl: 'http://h/s',
    });
    expect(d.subject).toBe('Su resumen diario de Peer Academy: 2 novedades');
    expect(passwordResetMail(en, { to: 'a@example.org', name: 'Kai', url: 'http://h/r', minutes: 30 }).html).toContain(
      '<html lang="en">',
    );
  });
});
