import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Field } from '~/components/field';
import { requireUser } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { addMember, cohortsOfUser, findCohortByCode } from '~/models/cohort.server';
import { joinCode, parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

const joinSchema = () => z.object({ joinCode });

export const meta: MetaFunction = () =>
  pageMeta('Your account · Peer Academy', 'Your Peer Academy account: your groups and settings.');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ user: { name: user.name, email: user.email, role: user.role }, cohorts: await cohortsOfUser(db(), user.id) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const parsed = parseForm(form, joinSchema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, joined: null }, { status: 400 });
  const cohort = await findCohortByCode(db(), parsed.data.joinCode);
  if (!cohort) {
    return json(
      {
        errors: { joinCode: 'We could not find a group with that join code. Check it with your trainer.' } as Record<
          string,
          string
        >,
        values: { joinCode: String(form.get('joinCode')) } as Record<string, string>,
        joined: null,
      },
      { status: 400 },
    );
  }
  await addMember(db(), cohort.id, user.id);
  return json({ errors: {} as Record<string, string>, values: {} as Record<string, string>, joined: cohort.name });
}

export default function Account() {
  const { user, cohorts } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <>
      <h1>Your account</h1>
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
      {data?.joined ? (
        <p className="success" role="status">
          You joined {data.joined}.
        </p>
      ) : null}
      <Form method="post" noValidate>
        <Field
          label="Join a group with a code"
          name="joinCode"
          autoComplete="off"
          hint="8 letters and numbers from your trainer, like K7QM-3XPA."
          defaultValue={data?.values.joinCode}
          error={data?.errors.joinCode}
        />
        <button type="submit">Join group</button>
      </Form>
    </>
  );
}
