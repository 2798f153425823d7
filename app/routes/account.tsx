import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormError } from '~/components/field';
import { TableWrap } from '~/components/table-wrap';
import { CONFIGURABLE_KINDS, KIND_LABEL, MAIL_CHOICES, type MailChoice } from '~/domain/notifications';
import { requireUser } from '~/guards/auth.server';
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
import { pageMeta } from '~/web/meta';

const currentPassword = z.string({ message: 'Enter your current password.' }).min(1, 'Enter your current password.').max(1000);
const mailChoice = z.enum(MAIL_CHOICES, { message: 'Choose one of the options.' });

const schemas = {
  join: () => z.object({ joinCode }),
  name: () =>
    z.object({
      name: z.string({ message: 'Enter your name.' }).trim().min(1, 'Enter your name.').max(100, 'Use at most 100 characters.'),
    }),
  'legal-name': () =>
    z.object({
      legalName: z
        .string({ message: 'Enter your legal name.' })
        .trim()
        .max(200, 'Use at most 200 characters.')
        .transform((v) => v || null),
    }),
  email: () => z.object({ newEmail: email, currentPassword }),
  password: () => z.object({ currentPassword, newPassword }),
  'end-session': () => z.object({ session: z.string().regex(/^[0-9a-f]{32}$/) }),
  'end-others': () => z.object({}),
  notifications: () => z.object({ result: mailChoice, announcement: mailChoice, certificate: mailChoice }),
  delete: () =>
    z.object({
      currentPassword,
      understood: z.literal('yes', { message: 'Tick this box to say you understand what is kept and what is deleted.' }),
    }),
} as const;
type Intent = keyof typeof schemas;
const isIntent = (v: unknown): v is Intent => typeof v === 'string' && Object.hasOwn(schemas, v);

/** What a finished change says after the redirect (POST-redirect-GET: a reload does not repeat it). */
const DONE: Record<string, string> = {
  name: 'Your name was saved.',
  'legal-name': 'Your legal name was saved. Please confirm it again before your certificate is issued.',
  email: 'We sent a link to the new address. Your email changes when you follow it (within 24 hours).',
  password: 'Your password was changed, and every other device was logged out.',
  'end-session': 'That device was logged out.',
  'end-others': 'Every other device was logged out.',
  notifications: 'Your notification settings were saved.',
};

const CHOICE_LABEL: Record<MailChoice, string> = {
  each: 'Email me each time',
  daily: 'One daily summary email',
  never: 'No email (only in Peer Academy)',
};

export const meta: MetaFunction = () =>
  pageMeta('Your account · Peer Academy', 'Your Peer Academy account: your groups and settings.');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
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
      legalNameConfirmed: profile.legal_name_confirmed_at === null ? null : pacificDateTime(profile.legal_name_confirmed_at),
    },
    cohorts,
    pending,
    sessions: sessions.map((s) => ({
      handle: s.handle,
      current: s.current,
      created: pacificDateTime(s.created_at),
      lastSeen: pacificDateTime(s.last_seen_at),
    })),
    prefs,
    done: done && Object.hasOwn(DONE, done) ? DONE[done] : null,
  });
}

const REAUTH_ERROR: Record<Exclude<Reauth, 'ok'>, string> = {
  wrong: 'That is not your current password.',
  throttled: 'Too many password attempts on this account. Please try again in an hour.',
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const intent = form.get('intent');
  if (!isIntent(intent)) throw new Response('This form is not one of this page’s forms.', { status: 400 });
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
            joinCode: cohort
              ? 'This join code no longer works. Ask your trainer for a new one.'
              : 'We could not find a group with that join code. Check it with your trainer.',
          },
          { joinCode: String(form.get('joinCode')) },
        );
      }
      const outcome = await joinCohort(db(), cohort, user.id);
      const joined =
        outcome === 'pending'
          ? `You asked to join ${cohort.name}. You are waiting for approval from its trainer.`
          : outcome === 'already'
            ? `You are already in ${cohort.name}.`
            : `You joined ${cohort.name}.`;
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
      if (parsed.data.newEmail === user.email) return fail({ newEmail: 'This is already your email address.' }, values);
      const reauth = await checkPassword(db(), user.id, parsed.data.currentPassword);
      if (reauth !== 'ok') return fail({ currentPassword: REAUTH_ERROR[reauth] }, values, reauth === 'throttled' ? 429 : 400);
      const r = await requestEmailChange(db(), { userId: user.id, newEmail: parsed.data.newEmail, base: appUrl('') });
      if (r === 'throttled')
        return fail({ newEmail: 'You asked for several links in the last hour. Please try again later.' }, values, 429);
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
        return fail({ sessions: 'That device is already logged out.' });
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
        return fail({
          form: 'You are the only admin. Make someone else an admin first, so the program is not left without one.',
        });
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
  const errorsFor = (intent: Intent) => (data?.intent === intent ? data.errors : ({} as Record<string, string>));
  const valuesFor = (intent: Intent) => (data?.intent === intent ? data.values : ({} as Record<string, string>));
  const others = sessions.filter((s) => !s.current).length;
  return (
    <>
      <h1>Your account</h1>
      {done ? (
        <p className="success" role="status">
          {done}
        </p>
      ) : null}
      <dl>
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Role</dt>
        <dd>{user.role}</dd>
      </dl>

      <h2>Your training groups</h2>
      {cohorts.length ? (
        <ul>
          {cohorts.map((c) => (
            <li key={c.id}>
              {c.name} ({c.starts_on} to {c.ends_on})
            </li>
          ))}
        </ul>
      ) : (
        <p>You are not in a training group yet.</p>
      )}
      {pending.length ? (
        <ul aria-label="Waiting for approval">
          {pending.map((c) => (
            <li key={c.id}>{c.name}: waiting for approval from the trainer</li>
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
          label="Join a group with a code"
          name="joinCode"
          autoComplete="off"
          hint="8 letters and numbers from your trainer, like K7QM-3XPA."
          defaultValue={valuesFor('join').joinCode}
          error={errorsFor('join').joinCode}
        />
        <button type="submit">Join group</button>
      </Form>

      <h2>Your name</h2>
      <Form method="post" noValidate>
        <IntentField intent="name" />
        <Field
          label="Display name"
          name="name"
          autoComplete="name"
          hint="The name Peer Academy shows you and your trainers. It can be the name you go by."
          defaultValue={valuesFor('name').name ?? user.name}
          error={errorsFor('name').name}
        />
        <button type="submit">Save display name</button>
      </Form>
      <Form method="post" noValidate>
        <IntentField intent="legal-name" />
        <Field
          label="Legal name (for your certificate)"
          name="legalName"
          autoComplete="off"
          hint="Your certificate of completion uses your legal name, as it appears on your ID. Your display name above can be different, such as a chosen name. Only you and an admin can change it."
          defaultValue={valuesFor('legal-name').legalName ?? user.legalName ?? ''}
          error={errorsFor('legal-name').legalName}
        />
        <p className="muted">
          {user.legalName === null
            ? 'You have not given a legal name yet.'
            : user.legalNameConfirmed
              ? `You confirmed this name for your certificate on ${user.legalNameConfirmed}. Changing it means confirming it again.`
              : 'Not confirmed for your certificate yet.'}
        </p>
        <button type="submit">Save legal name</button>
      </Form>

      <h2>Email</h2>
      <p>
        Your email is <strong>{user.email}</strong>. To change it, we send a link to the new address, and a notice to this one.
        Nothing changes until the link is followed.
      </p>
      <Form method="post" noValidate>
        <IntentField intent="email" />
        <Field
          label="New email address"
          name="newEmail"
          type="email"
          autoComplete="email"
          defaultValue={valuesFor('email').newEmail}
          error={errorsFor('email').newEmail}
        />
        <Field
          label="Your password, to confirm the change"
          id="email-current-password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          error={errorsFor('email').currentPassword}
        />
        <button type="submit">Send me a confirmation link</button>
      </Form>

      <h2>Password</h2>
      <Form method="post" noValidate>
        <IntentField intent="password" />
        <Field
          label="Current password"
          id="password-current-password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          error={errorsFor('password').currentPassword}
        />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint="At least 15 characters. A few unrelated words in a row work well."
          error={errorsFor('password').newPassword}
        />
        <button type="submit">Change password</button>
      </Form>

      <h2>Where you are logged in</h2>
      <FormError error={errorsFor('end-session').sessions} />
      <TableWrap label="Your devices">
        <table>
          <caption>Your devices and browsers (Pacific time)</caption>
          <thead>
            <tr>
              <th scope="col">Logged in</th>
              <th scope="col">Last active</th>
              <th scope="col">Device</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s, i) => (
              <tr key={s.handle}>
                <td>{s.created}</td>
                <td>{s.lastSeen}</td>
                <td>
                  {s.current ? (
                    <strong>This device</strong>
                  ) : (
                    <Form method="post">
                      <IntentField intent="end-session" />
                      <input type="hidden" name="session" value={s.handle} />
                      <button
                        type="submit"
                        className="link-button"
                        aria-label={`Log out device ${i + 1} (last active ${s.lastSeen})`}
                      >
                        Log out
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
          <button type="submit">Log out everywhere else</button>
        </Form>
      ) : (
        <p className="muted">You are not logged in anywhere else.</p>
      )}

      <h2 id="notifications">Notifications</h2>
      <p>
        You always see notifications in Peer Academy. Choose which ones also come by email. Changes to your password or email are
        always emailed at once.
      </p>
      <Form method="post">
        <IntentField intent="notifications" />
        {CONFIGURABLE_KINDS.map((kind) => (
          <fieldset key={kind}>
            <legend>{KIND_LABEL[kind]}</legend>
            {MAIL_CHOICES.map((choice) => (
              <label key={choice} className="choice">
                <input type="radio" name={kind} value={choice} defaultChecked={prefs[kind] === choice} /> {CHOICE_LABEL[choice]}
              </label>
            ))}
          </fieldset>
        ))}
        <p className="muted">The daily summary arrives once a day, in the morning (Pacific time).</p>
        <button type="submit">Save notification settings</button>
      </Form>

      <h2>Delete your account</h2>
      <p>Deleting your account cannot be undone. You will be logged out everywhere and cannot log in again.</p>
      <p>
        <strong>Deleted:</strong> your name, email and legal name, your password, your sessions, your notifications and settings,
        and your private reflections.
      </p>
      <p>
        <strong>Kept for the program’s records:</strong> certificates already issued (with the name printed on them), your quiz
        and exam results and grades, your progress and time in units, and your group memberships (attendance). They stay under an
        account that no longer shows your name or email.
      </p>
      <Form method="post" noValidate>
        <IntentField intent="delete" />
        <FormError error={errorsFor('delete').form} />
        <Field
          label="Your password, to delete the account"
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
            I understand what is deleted and what is kept
          </label>
          {errorsFor('delete').understood ? (
            <p className="field-error" id="understood-error">
              {errorsFor('delete').understood}
            </p>
          ) : null}
        </div>
        <button type="submit">Delete my account</button>
      </Form>
    </>
  );
}
