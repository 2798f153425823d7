// The messages Peer Academy sends. Pure: each returns a plain-text part and an HTML part that
// say the same thing, including why the person got the message. Every interpolated value is
// escaped in the HTML part (names and emails are typed by users). Words come from the mail
// catalogue (app/i18n/catalogues/*/mail.json) in the recipient's language, passed in as `lang`.

import type { MessageId } from '../i18n/catalogues';
import type { Locale } from './locale';

/** The recipient's language: its code (for <html lang>) and a translator of the mail catalogue. */
export interface MailLanguage {
  locale: Locale;
  t: (id: MessageId, values?: Record<string, string | number>) => string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Why the person got it: stored with the message and said in its footer. */
  reason: MailReason;
}

export type MailReason =
  | 'verify-email'
  | 'password-reset'
  | 'password-changed'
  | 'signup-existing'
  | 'trainer-reset'
  | 'email-change'
  | 'email-change-notice'
  | 'email-changed'
  | 'notification'
  | 'digest'
  | 'roster-invite'
  | 'roster-added';

/** Mail an unconfirmed address may get: only the confirmation link (issue #16). */
// A roster invitation is itself the confirmation: following it proves the address (ADR 026).
export const UNVERIFIED_MAY_RECEIVE: readonly MailReason[] = ['verify-email', 'roster-invite'];

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

interface Part {
  /** A paragraph of plain text. */
  p?: string;
  /** A link: shown as a button in HTML and on its own line in text. */
  link?: { label: string; url: string };
  /** Already-safe HTML (every string in it escaped) with its plain-text twin. */
  rich?: { html: string; text: string };
}

function build(lang: MailLanguage, to: string, subject: string, reason: MailReason, parts: Part[], why: string): MailMessage {
  const text = [
    ...parts.map((part) => (part.link ? `${part.link.label}:\n${part.link.url}` : part.rich ? part.rich.text : (part.p ?? ''))),
    '--',
    why,
  ].join('\n\n');
  const fallback = escapeHtml(lang.t('mail.buttonFallback'));
  const body = parts
    .map((part) =>
      part.link
        ? `<p><a href="${escapeHtml(part.link.url)}" style="display:inline-block;padding:10px 16px;background:#1f5f8b;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(part.link.label)}</a></p>\n<p style="font-size:13px;color:#555555">${fallback}<br>${escapeHtml(part.link.url)}</p>`
        : part.rich
          ? part.rich.html
          : `<p>${escapeHtml(part.p ?? '')}</p>`,
    )
    .join('\n');
  const html = `<!DOCTYPE html>
<html lang="${lang.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:560px">
${body}
<hr>
<p style="font-size:13px;color:#555555">${escapeHtml(why)}</p>
</body></html>`;
  return { to, subject, text, html, reason };
}

export function verifyEmailMail(lang: MailLanguage, input: { to: string; name: string; url: string; days: number }): MailMessage {
  const { t } = lang;
  return build(
    lang,
    input.to,
    t('mail.verify.subject'),
    'verify-email',
    [
      { p: t('mail.greeting', { name: input.name }) },
      { p: t('mail.verify.body') },
      { link: { label: t('mail.verify.button'), url: input.url } },
      { p: t('mail.verify.expiry', { days: input.days }) },
    ],
    t('mail.verify.why', { email: input.to }),
  );
}

export function passwordResetMail(
  lang: MailLanguage,
  input: { to: string; name: string; url: string; minutes: number },
): MailMessage {
  const { t } = lang;
  return build(
    lang,
    input.to,
    t('mail.reset.subject'),
    'password-reset',
    [
      { p: t('mail.greeting', { name: input.name }) },
      { p: t('mail.reset.body') },
      { link: { label: t('mail.reset.button'), url: input.url } },
      { p: t('mail.reset.expiry', { minutes: input.minutes }) },
    ],
    t('mail.reset.why', { email: input.to }),
  );
}

export function trainerResetMail(
  lang: MailLanguage,
  input: {
    to: string;
    name: string;
    trainerName: string;
    url: string;
    minutes: number;
  },
): MailMessage {
  const { t } = lang;
  return build(
    lang,
    input.to,
    t('mail.trainerReset.subject'),
    'trainer-reset',
    [
      { p: t('mail.greeting', { name: input.name }) },
      { p: t('mail.trainerReset.body', { trainerName: input.trainerName }) },
      { link: { label: t('mail.reset.button'), url: input.url } },
      { p: t('mail.trainerReset.expiry', { minutes: input.minutes }) },
    ],
    t('mail.trainerReset.why', { email: input.to }),
  );
}

export function passwordChangedMail(lang: MailLanguage, input: { to: string; name: string; resetUrl: string }): MailMessage {
  const { t } = lang;
  return build(
    lang,
    input.to,
    t('mail.changed.subject'),
    'password-changed',
    [
      { p: t('mail.greeting', { name: input.name }) },
      { p: t('mail.changed.body') },
      { p: t('mail.changed.ifNotYou') },
      { link: { label: t('mail.resetMyPassword'), url: input.resetUrl } },
    ],
    t('mail.changed.why', { email: input.to }),
  );
}

export function signupExistingMail(
  lang: MailLanguage,
  input: { to: string; name: string; loginUrl: string; resetUrl: string },
): MailMessage {
  const { t } = lang;
  return build(
    lang,
    input.to,
    t('mail.signupExisting.subject'),
    'signup-existing',
    [
      { p: t('mail.greeting', { name: input.name }) },
      { p: t('mail.signupExisting.body') },
      { p: t('mail.signupExisting.ifYou') },
      { link: { label: t('mail.login'), url: input.loginUrl } },
      { p: t('mail.signupExisting.forgot') },
      { link: { label: t('mail.resetMyPassword'), url: input.resetUrl } },
      { p: t('mail.signupExisting.ifNotYou') },
    ],
    t('mail.signupExisting.why', { email: input.to }),
  );
}

export function emailChangeMail(
  lang: MailLanguage,
  input: { to: string; name: string; url: string; hours: number },
): MailMessage {
  const { t } = lang;
  return build(
    lang,
    input.to,
    t('mail.emailChange.subject'),
    'email-change',
    [
      { p: t('mail.greeting', { name: input.name }) },
      { p: t('mail.emailChange.body') },
      { link: { label: t('mail.emailChange.button'), url: input.url } },
      { p: t('mail.emailChange.expiry', { hours: input.hours }) },
    ],
    t('mail.emailChange.why', { email: input.to }),
  );
}

export function emailChangeNoticeMail(
  lang: MailLanguage,
  input: { to: string; name: string; newEmail: string; resetUrl: string },
): MailMessage {
  const { t } = lang;
  return build(
    lang,
    input.to,
    t('mail.emailChangeNotice.subject'),
    'email-change-notice',
    [
      { p: t('mail.greeting', { name: input.name }) },
      { p: t('mail.emailChangeNotice.body', { newEmail: input.newEmail }) },
      { p: t('mail.changed.ifNotYou') },
      { link: { label: t('mail.resetMyPassword'), url: input.resetUrl } },
    ],
    t('mail.emailChangeNotice.why', { email: input.to }),
  );
}

export function emailChangedMail(
  lang: MailLanguage,
  input: { to: string; name: string; newEmail: string; resetUrl: string },
): MailMessage {
  const { t } = lang;
  return build(
    lang,
    input.to,
    t('mail.emailChanged.subject'),
    'email-changed',
    [
      { p: t('mail.greeting', { name: input.name }) },
      { p: t('mail.emailChanged.body', { newEmail: input.newEmail }) },
      { p: t('mail.emailChanged.ifNotYou') },
      { link: { label: t('mail.resetMyPassword'), url: input.resetUrl } },
    ],
    t('mail.emailChanged.why', { email: input.to }),
  );
}

/** A notification by mail; its title and body were written in the recipient's language when it was made. */
export function notificationMail(
  lang: MailLanguage,
  input: {
    to: string;
    name: string;
    kind: string;
    title: string;
    body: string;
    /** The announcement's body as safe HTML, when there is one. */
    bodyHtml?: string;
    url: string | null;
    settingsUrl: string;
  },
): MailMessage {
  const { t } = lang;
  return build(
    lang,
    input.to,
    input.title,
    'notification',
    [
      { p: t('mail.greeting', { name: input.name }) },
      input.bodyHtml ? { rich: { html: input.bodyHtml, text: input.body } } : { p: input.body },
      ...(input.url ? [{ link: { label: t('mail.notification.open'), url: input.url } }] : []),
    ],
    t('mail.notification.why', { kind: input.kind, email: input.to, settingsUrl: input.settingsUrl }),
  );
}

export function digestMail(
  lang: MailLanguage,
  input: {
    to: string;
    name: string;
    items: { title: string; body: string; url: string | null }[];
    settingsUrl: string;
  },
): MailMessage {
  const { t } = lang;
  const count = input.items.length;
  return build(
    lang,
    input.to,
    t('mail.digest.subject', { count }),
    'digest',
    [
      { p: t('mail.greeting', { name: input.name }) },
      { p: t('mail.digest.intro', { count }) },
      ...input.items.flatMap((item) => [
        { p: t('mail.digest.item', { title: item.title, body: item.body }) },
        ...(item.url ? [{ link: { label: t('mail.digest.open', { title: item.title }), url: item.url } }] : []),
      ]),
    ],
    t('mail.digest.why', { email: input.to, settingsUrl: input.settingsUrl }),
  );
}

export function rosterInviteMail(
  lang: MailLanguage,
  input: {
    to: string;
    name: string;
    groupName: string;
    trainerName: string;
    url: string;
    days: number;
  },
): MailMessage {
  const { t } = lang;
  return build(
    lang,
    input.to,
    t('mail.rosterInvite.subject', { groupName: input.groupName }),
    'roster-invite',
    [
      { p: t('mail.greeting', { name: input.name }) },
      { p: t('mail.rosterInvite.body', { trainerName: input.trainerName, groupName: input.groupName }) },
      { p: t('mail.rosterInvite.start') },
      { link: { label: t('mail.rosterInvite.button'), url: input.url } },
      { p: t('mail.rosterInvite.expiry', { days: input.days }) },
    ],
    t('mail.rosterInvite.why', { email: input.to }),
  );
}

export function rosterAddedMail(
  lang: MailLanguage,
  input: {
    to: string;
    name: string;
    groupName: string;
    trainerName: string;
    loginUrl: string;
  },
): MailMessage {
  const { t } = lang;
  return build(
    lang,
    input.to,
    t('mail.rosterAdded.subject', { groupName: input.groupName }),
    'roster-added',
    [
      { p: t('mail.greeting', { name: input.name }) },
      { p: t('mail.rosterAdded.body', { trainerName: input.trainerName, groupName: input.groupName }) },
      { p: t('mail.rosterAdded.nothing') },
      { link: { label: t('mail.login'), url: input.loginUrl } },
    ],
    t('mail.rosterAdded.why', { email: input.to }),
  );
}
