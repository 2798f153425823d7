import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Field } from '~/components/field';
import { requireUser } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { cohortsOfUser, findCohortByCode, joinCohort, pendingRequestsOfUser } from '~/models/cohort.server';
import { joinCode, parseForm, readForm } from '~/web/forms.server';

const joinSchema = () => z.object({ joinCode });

export const meta: MetaFunction = () => [{ title: 'Your account · Peer Academy' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [cohorts, pending] = await Promise.all([cohortsOfUser(db(), user.id), pendingRequestsOfUser(db(), user.id)]);
  return json({ user: { name: user.name, email: user.email, role: user.role }, cohorts, pending });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const parsed = parseForm(form, joinSchema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, joined: null }, { status: 400 });
  const cohort = await findCohortByCode(db(), parsed.data.joinCode);
  if (!cohort?.usable) {
    const message = cohort
      ? 'This join code no longer works. Ask your trainer for a new one.'
      : 'We could not find a group with that join code. Check it with your trainer.';
    return json(
      {
        errors: { joinCode: message } as Record<string, string>,
        values: { joinCode: String(form.get('joinCode')) } as Record<string, string>,
        joined: null,
      },
      { status: 400 },
    );
  }
  const outcome = await joinCohort(db(), cohort, user.id);
  const joined =
    outcome === 'pending'
      ? `You asked to join ${cohort.name}. You are waiting for approval from its trainer.`
      : outcome === 'already'
        ? `You are already in ${cohort.name}.`
        : `You joined ${cohort.name}.`;
  return json({ errors: {} as Record<string, string>, values: {} as Record<string, string>, joined });
}

export default function Account() {
  const { user, cohorts, pending } = useLoaderData<typeof loader>();
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
