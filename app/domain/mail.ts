// The messages Peer Academy sends. Pure: each returns a plain-text part and an HTML part that
// say the same thing, including why the person got the message. Every interpolated value is
// escaped in the HTML part (names and emails are typed by users).

import type { MessageId } from '../i18n/catalogues';

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

function build(to: string, subject: string, reason: MailReason, parts: Part[], why: string): MailMessage {
  const text = [
    ...parts.map((part) => (part.link ? `${part.link.label}:\n${part.link.url}` : part.rich ? part.rich.text : (part.p ?? ''))),
    '--',
    why,
  ].join('\n\n');
  const body = parts
    .map((part) =>
      part.link
        ? `<p><a href="${escapeHtml(part.link.url)}" style="display:inline-block;padding:10px 16px;background:#1f5f8b;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(part.link.label)}</a></p>\n<p style="font-size:13px;color:#555555">If the button does not work, copy this address into your browser:<br>${escapeHtml(part.link.url)}</p>`
        : part.rich
          ? part.rich.html
          : `<p>${escapeHtml(part.p ?? '')}</p>`,
    )
    .join('\n');
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:560px">
${body}
<hr>
<p style="font-size:13px;color:#555555">${escapeHtml(why)}</p>
</body></html>`;
  return { to, subject, text, html, reason };
}

const greeting = (name: string) => `Hello ${name},`;

export function verifyEmailMail(input: { to: string; name: string; url: string; days: number }): MailMessage {
  return build(
    input.to,
    'Confirm your email for Peer Academy',
    'verify-email',
    [
      { p: greeting(input.name) },
      { p: 'Please confirm that this is your email address. You can keep learning in the meantime.' },
      { link: { label: 'Confirm my email', url: input.url } },
      { p: `The link works for ${input.days} days. If you did not create a Peer Academy account, you can ignore this message.` },
    ],
    `You got this email because someone created a Peer Academy account with ${input.to}.`,
  );
}

export function passwordResetMail(input: { to: string; name: string; url: string; minutes: number }): MailMessage {
  return build(
    input.to,
    'Reset your Peer Academy password',
    'password-reset',
    [
      { p: greeting(input.name) },
      { p: 'Someone asked to reset the password of your Peer Academy account. If it was you, choose a new password here:' },
      { link: { label: 'Choose a new password', url: input.url } },
      {
        p: `The link works once, for ${input.minutes} minutes. If you did not ask for this, you can ignore this message: your password stays as it is.`,
      },
    ],
    `You got this email because a password reset was requested for the Peer Academy account of ${input.to}.`,
  );
}

export function trainerResetMail(input: {
  to: string;
  name: string;
  trainerName: string;
  url: string;
  minutes: number;
}): MailMessage {
  return build(
    input.to,
    'Your trainer sent you a link to reset your Peer Academy password',
    'trainer-reset',
    [
      { p: greeting(input.name) },
      { p: `Your trainer, ${input.trainerName}, asked Peer Academy to send you a link to choose a new password.` },
      { link: { label: 'Choose a new password', url: input.url } },
      {
        p: `The link works once, for ${input.minutes} minutes. Your trainer cannot see or set your password. If you did not need this, you can ignore this message.`,
      },
    ],
    `You got this email because your trainer in a Peer Academy group sent a password reset link to ${input.to}.`,
  );
}

export function passwordChangedMail(input: { to: string; name: string; resetUrl: string }): MailMessage {
  return build(
    input.to,
    'Your Peer Academy password was changed',
    'password-changed',
    [
      { p: greeting(input.name) },
      {
        p: 'The password of your Peer Academy account was just changed, and every session that was signed in has been logged out.',
      },
      { p: 'If this was you, there is nothing else to do. If it was not you, reset your password now:' },
      { link: { label: 'Reset my password', url: input.resetUrl } },
    ],
    `You got this email because the password of the Peer Academy account of ${input.to} was changed.`,
  );
}

export function signupExistingMail(input: { to: string; name: string; loginUrl: string; resetUrl: string }): MailMessage {
  return build(
    input.to,
    'Someone tried to create a Peer Academy account with your email',
    'signup-existing',
    [
      { p: greeting(input.name) },
      {
        p: 'Someone just tried to create a new Peer Academy account with your email address. You already have an account, so no new account was made.',
      },
      { p: 'If it was you, log in with your existing account:' },
      { link: { label: 'Log in', url: input.loginUrl } },
      { p: 'If you do not remember your password, reset it:' },
      { link: { label: 'Reset my password', url: input.resetUrl } },
      { p: 'If it was not you, you can ignore this message. Nothing about your account has changed.' },
    ],
    `You got this email because someone tried to sign up for Peer Academy with ${input.to}.`,
  );
}

export function emailChangeMail(input: { to: string; name: string; url: string; hours: number }): MailMessage {
  return build(
    input.to,
    'Confirm your new email for Peer Academy',
    'email-change',
    [
      { p: greeting(input.name) },
      { p: 'You asked to use this address for your Peer Academy account. Your email changes only when you follow this link:' },
      { link: { label: 'Use this email address', url: input.url } },
      { p: `The link works once, for ${input.hours} hours. If you did not ask for this, ignore this message: nothing changes.` },
    ],
    `You got this email because someone asked to move a Peer Academy account to ${input.to}.`,
  );
}

export function emailChangeNoticeMail(input: { to: string; name: string; newEmail: string; resetUrl: string }): MailMessage {
  return build(
    input.to,
    'Someone asked to change the email of your Peer Academy account',
    'email-change-notice',
    [
      { p: greeting(input.name) },
      {
        p: `Someone signed in to your Peer Academy account asked to change its email to ${input.newEmail}. We sent a confirmation link to that address; nothing changes unless it is followed.`,
      },
      { p: 'If this was you, there is nothing else to do. If it was not you, reset your password now:' },
      { link: { label: 'Reset my password', url: input.resetUrl } },
    ],
    `You got this email because it is the address of a Peer Academy account (${input.to}) whose email may change.`,
  );
}

export function emailChangedMail(input: { to: string; name: string; newEmail: string; resetUrl: string }): MailMessage {
  return build(
    input.to,
    'The email of your Peer Academy account was changed',
    'email-changed',
    [
      { p: greeting(input.name) },
      { p: `Your Peer Academy account now uses ${input.newEmail}. This address gets no more mail from us.` },
      { p: 'If this was not you, reset your password from the new address or ask your trainer for help:' },
      { link: { label: 'Reset my password', url: input.resetUrl } },
    ],
    `You got this email because ${input.to} was the address of a Peer Academy account until now.`,
  );
}

/** Why a notification mail was sent, per kind: ends "… Change this on your account page." */
const NOTIFICATION_WHY: Record<string, string> = {
  result: 'you asked to be emailed when a practice exam result is released to you',
  announcement: 'you asked to be emailed when a trainer of your group posts an announcement',
  certificate: 'you asked to be emailed when a certificate is issued to you',
};

export function notificationMail(input: {
  to: string;
  name: string;
  kind: string;
  title: string;
  body: string;
  /** The announcement's body as safe HTML, when there is one. */
  bodyHtml?: string;
  url: string | null;
  settingsUrl: string;
}): MailMessage {
  const why = NOTIFICATION_WHY[input.kind] ?? 'of your notification settings';
  return build(
    input.to,
    input.title,
    'notification',
    [
      { p: greeting(input.name) },
      input.bodyHtml ? { rich: { html: input.bodyHtml, text: input.body } } : { p: input.body },
      ...(input.url ? [{ link: { label: 'Open Peer Academy', url: input.url } }] : []),
    ],
    `You got this email because ${why} (${input.to}). Change this on your account page: ${input.settingsUrl}`,
  );
}

export function digestMail(input: {
  to: string;
  name: string;
  items: { title: string; body: string; url: string | null }[];
  settingsUrl: string;
}): MailMessage {
  const n = input.items.length;
  return build(
    input.to,
    `Your Peer Academy daily summary: ${n} ${n === 1 ? 'update' : 'updates'}`,
    'digest',
    [
      { p: greeting(input.name) },
      { p: `Here ${n === 1 ? 'is what' : `are the ${n} things that`} happened since your last summary.` },
      ...input.items.flatMap((item) => [
        { p: `${item.title}: ${item.body}` },
        ...(item.url ? [{ link: { label: `Open: ${item.title}`, url: item.url } }] : []),
      ]),
    ],
    `You got this email because you chose a daily summary instead of one email per update (${input.to}). Change this on your account page: ${input.settingsUrl}`,
  );
}

/** Words of a message catalogue in the recipient's language (app/i18n/intl.server.ts `translator`). */
type Translate = (id: MessageId, values?: Record<string, string | number>) => string;

export function rosterInviteMail(
  input: {
    to: string;
    name: string;
    groupName: string;
    trainerName: string;
    url: string;
    days: number;
  },
  t: Translate,
): MailMessage {
  const v = { name: input.name, group: input.groupName, trainer: input.trainerName, to: input.to, days: input.days };
  return build(
    input.to,
    t('trainer.mail.invite.subject', v),
    'roster-invite',
    [
      { p: t('trainer.mail.greeting', v) },
      { p: t('trainer.mail.invite.added', v) },
      { p: t('trainer.mail.invite.start') },
      { link: { label: t('trainer.mail.invite.button'), url: input.url } },
      { p: t('trainer.mail.invite.once', v) },
    ],
    t('trainer.mail.invite.why', v),
  );
}

export function rosterAddedMail(
  input: {
    to: string;
    name: string;
    groupName: string;
    trainerName: string;
    loginUrl: string;
  },
  t: Translate,
): MailMessage {
  const v = { name: input.name, group: input.groupName, trainer: input.trainerName, to: input.to };
  return build(
    input.to,
    t('trainer.mail.added.subject', v),
    'roster-added',
    [
      { p: t('trainer.mail.greeting', v) },
      { p: t('trainer.mail.added.added', v) },
      { p: t('trainer.mail.added.nothing') },
      { link: { label: t('trainer.mail.added.button'), url: input.loginUrl } },
    ],
    t('trainer.mail.added.why', v),
  );
}
