import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { Field, FormError } from '~/components/field';
import { TableWrap } from '~/components/table-wrap';
import { CONFIGURABLE_KINDS, MAIL_CHOICES, type MailChoice, type NotificationKind } from '~/domain/notifications';
import { requireUser } from '~/guards/auth.server';
import type { MessageId } from '~/i18n/catalogues';
import { translator } from '~/i18n/intl.server';
import { requestLocale } from '~/i18n/locale.server';
import { LOCALE_NAMES, LOCALES } from '~/i18n/locales';
import { i18nMeta } from '~/i18n/meta';
import { useLocale, useMaybeT, useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { appUrl } from '~/infra/mail.server';
import { hashPassword } from '~/infra/password.server';
import { currentSessionId, destroySession } from '~/infra/session.server';
import { nudgeOutbox } from '~/jobs/outbox-worker.server';
import {
  changeName,
  changePassword,
  checkPassword,
  deleteAccount,
  endOtherSessions,
  endSession,
  getProfile,
  listSessions,
  type Reauth,
  requestEmailChange,
  setLegalName,
} from '~/models/account.server';
import { cohortsOfUser, findCohortByCode, joinCohort, pendingRequestsOfUser } from '~/models/cohort.server';
import { getPreferences, savePreferences } from '~/models/notification.server';
import { pacificDateTime } from '~/web/dates';
import { email, joinCode, newPassword, parseForm, readForm } from '~/web/forms.server';

const currentPassword = () =>
  z.string({ message: 'account.page.currentPasswordRequired' }).min(1, 'account.page.currentPasswordRequired').max(1000);
const mailChoice = () => z.enum(MAIL_CHOICES, { message: 'account.page.chooseOption' });

const schemas = {
  join: () => z.object({ joinCode }),
  name: () =>
    z.object({
      name: z
        .string({ message: 'account.form.nameRequired' })
        .trim()
        .min(1, 'account.form.nameRequired')
        .max(100, 'account.form.nameTooLong'),
    }),
  'legal-name': () =>
    z.object({
      legalName: z
        .string({ message: 'account.page.legalNameRequired' })
        .trim()
        .max(200, 'account.page.legalNameTooLong')
        .transform((v) => v || null),
    }),
  email: () => z.object({ newEmail: email, currentPassword: currentPassword() }),
  password: () => z.object({ currentPassword: currentPassword(), newPassword }),
  'end-session': () => z.object({ session: z.string().regex(/^[0-9a-f]{32}$/) }),
  'end-others': () => z.object({}),
  notifications: () => z.object({ result: mailChoice(), announcement: mailChoice(), certificate: mailChoice() }),
  delete: () =>
    z.object({
      currentPassword: currentPassword(),
      understood: z.literal('yes', { message: 'account.page.understoodRequired' }),
    }),
} as const;
type Intent = keyof typeof schemas;
const isIntent = (v: unknown): v is Intent => typeof v === 'string' && Object.hasOwn(schemas, v);

/** What a finished change says after the redirect (POST-redirect-GET: a reload does not repeat it). */
const DONE: Record<string, MessageId> = {
  name: 'account.done.name',
  'legal-name': 'account.done.legalName',
  email: 'account.done.email',
  password: 'account.done.password',
  'end-session': 'account.done.endSession',
  'end-others': 'account.done.endOthers',
  notifications: 'account.done.notifications',
  // The language form posts to /language, which comes back here.
  language: 'account.done.language',
};

const CHOICE_LABEL: Record<MailChoice, MessageId> = {
  each: 'account.choice.each',
  daily: 'account.choice.daily',
  never: 'account.choice.never',
};

const KIND_LABEL: Record<NotificationKind, MessageId> = {
  result: 'account.kind.result',
  announcement: 'account.kind.announcement',
  certificate: 'account.kind.certificate',
  account: 'account.kind.account',
};

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'account.page.title', 'account.page.description');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await requestLocale(request);
  const [profile, cohorts, pending, sessions, prefs] = await Promise.all([
    getProfile(db(), user.id),
    cohortsOfUser(db(), user.id),
    pendingRequestsOfUser(db(), user.id),
    listSessions(db(), user.id, await currentSessionId(request)),
    getPreferences(db(), user.id),
  ]);
  const done = new URL(request.url).searchParams.get('done');
  return json({
    user: {
      name: profile.name,
      email: profile.email,
      role: profile.role,
      legalName: profile.legal_name,
      legalNameConfirmed:
        profile.legal_name_confirmed_at === null ? null : pacificDateTime(profile.legal_name_confirmed_at, locale),
      // The language chosen on the account (null: none yet, the page follows group and browser).
      locale: user.locale ?? null,
    },
    cohorts,
    pending,
    sessions: sessions.map((s) => ({
      handle: s.handle,
      current: s.current,
      created: pacificDateTime(s.created_at, locale),
      lastSeen: pacificDateTime(s.last_seen_at, locale),
    })),
    prefs,
    done: done && Object.hasOwn(DONE, done) ? DONE[done] : null,
  });
}

const REAUTH_ERROR: Record<Exclude<Reauth, 'ok'>, MessageId> = {
  wrong: 'account.reauth.wrong',
  throttled: 'account.reauth.throttled',
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const intent = form.get('intent');
  if (!isIntent(intent)) throw new Response('account.page.unknownForm', { status: 400 });
  const fail = (errors: Record<string, string>, values: Record<string, string> = {}, status = 400) =>
    json({ intent, errors, values, joined: null as string | null }, { status });
  const done = (what: Intent) => redirect(`/account?done=${what}`);

  switch (intent) {
    case 'join': {
      const parsed = parseForm(form, schemas.join);
      if (!parsed.ok) return fail(parsed.errors, parsed.values);
      const cohort = await findCohortByCode(db(), parsed.data.joinCode);
      if (!cohort?.usable) {
        return fail(
          {
            joinCode: cohort ? 'account.signup.oldCode' : 'account.signup.unknownCode',
          },
          { joinCode: String(form.get('joinCode')) },
        );
      }
      const outcome = await joinCohort(db(), cohort, user.id);
      const t = translator(await requestLocale(request));
      const joined = t(
        outcome === 'pending' ? 'account.join.pending' : outcome === 'already' ? 'account.join.already' : 'account.join.joined',
        { name: cohort.name },
      );
      return json({ intent, errors: {} as Record<string, string>, values: {} as Record<string, string>, joined });
    }
    case 'name': {
      const parsed = parseForm(form, schemas.name);
      if (!parsed.ok) return fail(parsed.errors, parsed.values);
      await changeName(db(), user.id, parsed.data.name);
      return done(intent);
    }
    case 'legal-name': {
      const parsed = parseForm(form, schemas['legal-name']);
      if (!parsed.ok) return fail(parsed.errors, parsed.values);
      await setLegalName(db(), user.id, parsed.data.legalName);
      return done(intent);
    }
    case 'email': {
      const parsed = parseForm(form, schemas.email);
      const values = { newEmail: String(form.get('newEmail') ?? '') };
      if (!parsed.ok) return fail(parsed.errors, values);
      if (parsed.data.newEmail === user.email) return fail({ newEmail: 'account.email.same' }, values);
      const reauth = await checkPassword(db(), user.id, parsed.data.currentPassword);
      if (reauth !== 'ok') return fail({ currentPassword: REAUTH_ERROR[reauth] }, values, reauth === 'throttled' ? 429 : 400);
      const r = await requestEmailChange(db(), { userId: user.id, newEmail: parsed.data.newEmail, base: appUrl('') });
      if (r === 'throttled') return fail({ newEmail: 'account.email.throttled' }, values, 429);
      nudgeOutbox();
      return done(intent);
    }
    case 'password': {
      const parsed = parseForm(form, schemas.password);
      if (!parsed.ok) return fail(parsed.errors);
      const reauth = await checkPassword(db(), user.id, parsed.data.currentPassword);
      if (reauth !== 'ok') return fail({ currentPassword: REAUTH_ERROR[reauth] }, {}, reauth === 'throttled' ? 429 : 400);
      const passwordHash = await hashPassword(parsed.data.newPassword);
      await changePassword(db(), {
        userId: user.id,
        passwordHash,
        keepSessionId: await currentSessionId(request),
        base: appUrl(''),
      });
      nudgeOutbox();
      return done(intent);
    }
    case 'end-session': {
      const parsed = parseForm(form, schemas['end-session']);
      if (!parsed.ok || !(await endSession(db(), user.id, parsed.data.session))) {
        return fail({ sessions: 'account.sessions.gone' });
      }
      return done(intent);
    }
    case 'end-others': {
      await endOtherSessions(db(), user.id, await currentSessionId(request));
      return done(intent);
    }
    case 'notifications': {
      const parsed = parseForm(form, schemas.notifications);
      if (!parsed.ok) return fail(parsed.errors, parsed.values);
      await savePreferences(db(), user.id, parsed.data);
      return done(intent);
    }
    case 'delete': {
      const parsed = parseForm(form, schemas.delete);
      if (!parsed.ok) return fail(parsed.errors);
      const reauth = await checkPassword(db(), user.id, parsed.data.currentPassword);
      if (reauth !== 'ok') return fail({ currentPassword: REAUTH_ERROR[reauth] }, {}, reauth === 'throttled' ? 429 : 400);
      const r = await deleteAccount(db(), user.id);
      if (r === 'last-admin') {
        return fail({ form: 'account.delete.lastAdmin' });
      }
      return redirect('/account/deleted', { headers: { 'Set-Cookie': await destroySession(request) } });
    }
  }
}

function IntentField({ intent }: { intent: Intent }) {
  return <input type="hidden" name="intent" value={intent} />;
}

export default function Account() {
  const { user, cohorts, pending, sessions, prefs, done } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const maybeT = useMaybeT();
  const pageLocale = useLocale();
  const errorsFor = (intent: Intent) => (data?.intent === intent ? data.errors : ({} as Record<string, string>));
  const valuesFor = (intent: Intent) => (data?.intent === intent ? data.values : ({} as Record<string, string>));
  const others = sessions.filter((s) => !s.current).length;
  const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;
  return (
    <>
      <h1>{t('account.page.heading')}</h1>
      {done ? (
        <p className="success" role="status">
          {t(done)}
        </p>
      ) : null}
      <dl>
        <dt>{t('account.profile.name')}</dt>
        <dd>{user.name}</dd>
        <dt>{t('account.profile.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('account.profile.role')}</dt>
        <dd>{t('account.role', { role: user.role })}</dd>
      </dl>

      <h2>{t('account.groups.heading')}</h2>
      {cohorts.length ? (
        <ul>
          {cohorts.map((c) => (
            <li key={c.id}>{t('account.groups.dates', { name: c.name, starts: c.starts_on, ends: c.ends_on })}</li>
          ))}
        </ul>
      ) : (
        <p>{t('account.groups.none')}</p>
      )}
      {pending.length ? (
        <ul aria-label={t('account.groups.pending')}>
          {pending.map((c) => (
            <li key={c.id}>{t('account.groups.pendingItem', { name: c.name })}</li>
          ))}
        </ul>
      ) : null}
      {data?.joined ? (
        <p className="success" role="status">
          {data.joined}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <IntentField intent="join" />
        <Field
          label={t('account.groups.joinLabel')}
          name="joinCode"
          autoComplete="off"
          hint={t('account.signup.joinCodeHint')}
          defaultValue={valuesFor('join').joinCode}
          error={errorsFor('join').joinCode}
        />
        <button type="submit">{t('account.groups.joinSubmit')}</button>
      </Form>

      <h2>{t('account.name.heading')}</h2>
      <Form method="post" noValidate>
        <IntentField intent="name" />
        <Field
          label={t('account.name.label')}
          name="name"
          autoComplete="name"
          hint={t('account.name.hint')}
          defaultValue={valuesFor('name').name ?? user.name}
          error={errorsFor('name').name}
        />
        <button type="submit">{t('account.name.submit')}</button>
      </Form>
      <Form method="post" noValidate>
        <IntentField intent="legal-name" />
        <Field
          label={t('account.legalName.label')}
          name="legalName"
          autoComplete="off"
          hint={t('account.legalName.hint')}
          defaultValue={valuesFor('legal-name').legalName ?? user.legalName ?? ''}
          error={errorsFor('legal-name').legalName}
        />
        <p className="muted">
          {user.legalName === null
            ? t('account.legalName.none')
            : user.legalNameConfirmed
              ? t('account.legalName.confirmed', { date: user.legalNameConfirmed })
              : t('account.legalName.unconfirmed')}
        </p>
        <button type="submit">{t('account.legalName.submit')}</button>
      </Form>

      <h2>{t('account.email.heading')}</h2>
      <p>{t('account.email.intro', { email: user.email, strong })}</p>
      <Form method="post" noValidate>
        <IntentField intent="email" />
        <Field
          label={t('account.email.newLabel')}
          name="newEmail"
          type="email"
          autoComplete="email"
          defaultValue={valuesFor('email').newEmail}
          error={errorsFor('email').newEmail}
        />
        <Field
          label={t('account.email.passwordLabel')}
          id="email-current-password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          error={errorsFor('email').currentPassword}
        />
        <button type="submit">{t('account.email.submit')}</button>
      </Form>

      <h2>{t('account.password.heading')}</h2>
      <Form method="post" noValidate>
        <IntentField intent="password" />
        <Field
          label={t('account.password.current')}
          id="password-current-password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          error={errorsFor('password').currentPassword}
        />
        <Field
          label={t('account.password.new')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={t('account.password.hint')}
          error={errorsFor('password').newPassword}
        />
        <button type="submit">{t('account.password.submit')}</button>
      </Form>

      <h2>{t('account.sessions.heading')}</h2>
      <FormError error={errorsFor('end-session').sessions} />
      <TableWrap label={t('account.sessions.label')}>
        <table>
          <caption>{t('account.sessions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('account.sessions.created')}</th>
              <th scope="col">{t('account.sessions.lastSeen')}</th>
              <th scope="col">{t('account.sessions.device')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s, i) => (
              <tr key={s.handle}>
                <td>{s.created}</td>
                <td>{s.lastSeen}</td>
                <td>
                  {s.current ? (
                    <strong>{t('account.sessions.this')}</strong>
                  ) : (
                    <Form method="post">
                      <IntentField intent="end-session" />
                      <input type="hidden" name="session" value={s.handle} />
                      <button
                        type="submit"
                        className="link-button"
                        aria-label={t('account.sessions.logOutLabel', { n: i + 1, lastSeen: s.lastSeen })}
                      >
                        {t('account.sessions.logOut')}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {others > 0 ? (
        <Form method="post">
          <IntentField intent="end-others" />
          <button type="submit">{t('account.sessions.others')}</button>
        </Form>
      ) : (
        <p className="muted">{t('account.sessions.noOthers')}</p>
      )}

      <h2 id="language">{t('account.language.heading')}</h2>
      <p>{t('account.language.intro')}</p>
      <Form method="post" action="/language">
        <input type="hidden" name="redirectTo" value="/account?done=language" />
        <fieldset>
          <legend>{t('account.language.legend')}</legend>
          {LOCALES.map((l) => (
            <label key={l} className="choice">
              <input type="radio" name="locale" value={l} defaultChecked={(user.locale ?? pageLocale) === l} />{' '}
              <span lang={l}>{LOCALE_NAMES[l]}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('account.language.submit')}</button>
      </Form>

      <h2 id="notifications">{t('account.notifications.heading')}</h2>
      <p>{t('account.notifications.intro')}</p>
      <Form method="post">
        <IntentField intent="notifications" />
        {CONFIGURABLE_KINDS.map((kind) => (
          <fieldset key={kind}>
            <legend>{t(KIND_LABEL[kind])}</legend>
            {MAIL_CHOICES.map((choice) => (
              <label key={choice} className="choice">
                <input type="radio" name={kind} value={choice} defaultChecked={prefs[kind] === choice} />{' '}
                {t(CHOICE_LABEL[choice])}
              </label>
            ))}
          </fieldset>
        ))}
        <p className="muted">{t('account.notifications.daily')}</p>
        <button type="submit">{t('account.notifications.submit')}</button>
      </Form>

      <h2>{t('account.delete.heading')}</h2>
      <p>{t('account.delete.intro')}</p>
      <p>{t('account.delete.deleted', { strong })}</p>
      <p>{t('account.delete.kept', { strong })}</p>
      <Form method="post" noValidate>
        <IntentField intent="delete" />
        <FormError error={errorsFor('delete').form} />
        <Field
          label={t('account.delete.passwordLabel')}
          id="delete-current-password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          error={errorsFor('delete').currentPassword}
        />
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              name="understood"
              value="yes"
              aria-invalid={errorsFor('delete').understood ? true : undefined}
              aria-describedby={errorsFor('delete').understood ? 'understood-error' : undefined}
            />{' '}
            {t('account.delete.understood')}
          </label>
          {errorsFor('delete').understood ? (
            <p className="field-error" id="understood-error">
              {maybeT(errorsFor('delete').understood)}
            </p>
          ) : null}
        </div>
        <button type="submit">{t('account.delete.submit')}</button>
      </Form>
    </>
  );
}
