import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { findCohortFor, formatJoinCode, listMembers } from '~/models/cohort.server';
import { requireRole } from '~/utils/auth.server';
import { db } from '~/utils/db.server';
import { parseParams } from '~/utils/forms';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.cohort.name ?? 'Group'} · Peer Academy` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['trainer']);
  const { cohortId } = parseParams(params, z.object({ cohortId: z.uuid() }));
  // Another trainer's cohort answers exactly like one that does not exist.
  const cohort = await findCohortFor(db(), user, cohortId);
  if (!cohort) throw new Response('We could not find that group.', { status: 404 });
  const members = await listMembers(db(), cohort.id);
  return json({
    cohort: {
      id: cohort.id,
      name: cohort.name,
      startsOn: cohort.starts_on,
      endsOn: cohort.ends_on,
      joinCode: formatJoinCode(cohort.join_code),
    },
    members,
  });
}

export default function CohortPage() {
  const { cohort, members } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted">
        <Link to="/trainer">Your training groups</Link>
      </p>
      <h1>{cohort.name}</h1>
      <p>
        {cohort.startsOn} to {cohort.endsOn}
      </p>
      <p className="notice">
        Join code: <code>{cohort.joinCode}</code>. Trainees enter it when they sign up, or on their account page.
      </p>
      <h2>Trainees ({members.length})</h2>
      {members.length ? (
        <ul>
          {members.map((m) => (
            <li key={m.id}>
              {m.name} ({m.email})
            </li>
          ))}
        </ul>
      ) : (
        <p>No one has joined yet.</p>
      )}
    </>
  );
}
