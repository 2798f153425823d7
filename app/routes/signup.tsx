import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormError } from '~/components/field';
import { addMember, findCohortByCode } from '~/models/cohort.server';
import { createUser, findUserByEmail } from '~/models/user.server';
import { getOptionalUser } from '~/utils/auth.server';
import { db } from '~/utils/db.server';
import { email, joinCode, newPassword, parseForm, readForm } from '~/utils/forms.server';
import { safeRedirect } from '~/utils/safe-redirect';
import { createSession } from '~/utils/session.server';

export const meta: MetaFunction = () => [{ title: 'Sign up · Peer Academy' }];

const schema = () =>
  z.object({
    name: z.string({ message: 'Enter your name.' }).trim().min(1, 'Enter your name.').max(100, 'Use at most 100 characters.'),
    email,
    password: newPassword,
    joinCode: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), joinCode.optional()),
    redirectTo: z.string().optional(),
  });

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect('/courses');
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(form, schema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { name, email, password, joinCode: code, redirectTo } = parsed.data;
  const values = { name, email, joinCode: String(form.get('joinCode') ?? '') };
  const cohort = code ? await findCohortByCode(db(), code) : undefined;
  if (code && !cohort) {
    return json(
      {
        errors: { joinCode: 'We could not find a group with that join code. Check it with your trainer.' } as Record<
          string,
          string
        >,
        values,
      },
      { status: 400 },
    );
  }
  if (await findUserByEmail(db(), email)) {
    return json(
      { errors: { email: 'An account with this email already exists. Log in instead.' } as Record<string, string>, values },
      { status: 400 },
    );
  }
  // The user and their membership are written together or not at all.
  const userId = await db()
    .transaction()
    .execute(async (trx) => {
      const id = await createUser(trx, { email, name, password });
      if (cohort) await addMember(trx, cohort.id, id);
      return id;
    });
  const cookie = await createSession(userId);
  return redirect(safeRedirect(redirectTo, '/courses'), { headers: { 'Set-Cookie': cookie } });
}

export default function Signup() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  return (
    <>
      <h1>Create your account</h1>
      <p>You can start learning right away. If your trainer gave you a join code, add it so they can follow your progress.</p>
      <Form method="post" noValidate>
        <FormError error={data?.errors.form} />
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <Field
          label="Your name"
          name="name"
          autoComplete="name"
          required
          defaultValue={data?.values.name}
          error={data?.errors.name}
        />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={data?.values.email}
          error={data?.errors.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 12 characters. A few words in a row work well."
          error={data?.errors.password}
        />
        <Field
          label="Join code (optional)"
          name="joinCode"
          autoComplete="off"
          hint="8 letters and numbers from your trainer, like K7QM-3XPA."
          defaultValue={data?.values.joinCode ?? params.get('code') ?? ''}
          error={data?.errors.joinCode}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Creating your account…' : 'Create account'}
        </button>
      </Form>
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </>
  );
}
