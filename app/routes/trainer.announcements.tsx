import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormError } from '~/components/field';
import { SafeMarkdown } from '~/components/safe-markdown';
import { parsePacificLocal } from '~/domain/notifications';
import { MAX_MARKDOWN_LENGTH } from '~/domain/safe-markdown';
import { requireRole } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { nudgeOutbox } from '~/jobs/outbox-worker.server';
import { announcementsPage, postAnnouncement } from '~/models/announcement.server';
import { pacificDateTime } from '~/web/dates';
import { id, parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () =>
  pageMeta('Announcements · Trainer · Peer Academy', 'Announcements to your training groups.');

const schema = () =>
  z
    .object({
      cohortIds: z.preprocess(
        (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
        z.array(id, { message: 'Choose at least one group.' }).min(1, 'Choose at least one group.').max(100),
      ),
      title: z
        .string({ message: 'Give the announcement a title.' })
        .trim()
        .min(1, 'Give the announcement a title.')
        .max(120, 'Use at most 120 characters.'),
      body: z
        .string({ message: 'Write the announcement.' })
        .trim()
        .min(1, 'Write the announcement.')
        .max(MAX_MARKDOWN_LENGTH, `Use at most ${MAX_MARKDOWN_LENGTH} characters.`),
      when: z.enum(['now', 'later'], { message: 'Choose when it goes out.' }),
      publishAt: z.string().optional(),
    })
    .transform((v, ctx) => {
      if (v.when === 'now') return { ...v, publishAt: null };
      const at = parsePacificLocal(v.publishAt ?? '');
      if (at === null) {
        ctx.addIssue({ code: 'custom', path: ['publishAt'], message: 'Enter a date and time, like 12/01/2026 9:00 AM.' });
        return z.NEVER;
      }
      return { ...v, publishAt: at };
    });

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, ['trainer']);
  const page = await announcementsPage(db(), viewer);
  const posted = new URL(request.url).searchParams.get('posted');
  return json({
    cohorts: page.cohorts,
    announcements: page.announcements.map((a) => ({ ...a, publishAt: pacificDateTime(a.publishAt) })),
    posted: posted === 'now' || posted === 'later' ? posted : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireRole(request, ['trainer']);
  const form = await readForm(request);
  const parsed = parseForm(form, schema);
  const values = {
    title: String(form.get('title') ?? ''),
    body: String(form.get('body') ?? ''),
    publishAt: String(form.get('publishAt') ?? ''),
  };
  if (!parsed.ok)
    return json({ errors: parsed.errors, values, cohortIds: form.getAll('cohortIds').map(String) }, { status: 400 });
  const r = await postAnnouncement(db(), viewer, parsed.data);
  // A group the viewer does not teach is answered like one that does not exist.
  if (!r.ok) throw new Response('That group does not exist.', { status: 404 });
  if (r.published) nudgeOutbox();
  return redirect(`/trainer/announcements?posted=${r.published ? 'now' : 'later'}`);
}

export default function TrainerAnnouncements() {
  const { cohorts, announcements, posted } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = data?.errors ?? {};
  const chosen = new Set(data?.cohortIds ?? (cohorts.length === 1 ? [cohorts[0].id] : []));
  return (
    <>
      <h1>Announcements</h1>
      {posted ? (
        <p className="success" role="status">
          {posted === 'now'
            ? 'Your announcement was posted. Trainees see it on their course page, and get it by email if they chose to.'
            : 'Your announcement is scheduled. It goes out at the time you chose (Pacific time).'}
        </p>
      ) : null}
      {cohorts.length === 0 ? (
        <p>You have no groups yet. Create a group first, then post announcements to it.</p>
      ) : (
        <section aria-labelledby="new-heading" className="card">
          <h2 id="new-heading">New announcement</h2>
          <Form method="post" noValidate>
            <FormError error={errors.form} />
            <fieldset aria-describedby={errors.cohortIds ? 'cohorts-error' : undefined}>
              <legend>Send to</legend>
              {cohorts.map((c) => (
                <label key={c.id} className="choice">
                  <input type="checkbox" name="cohortIds" value={c.id} defaultChecked={chosen.has(c.id)} /> {c.name}
                </label>
              ))}
              {errors.cohortIds ? (
                <p className="field-error" id="cohorts-error">
                  {errors.cohortIds}
                </p>
              ) : null}
            </fieldset>
            <Field label="Title" name="title" defaultValue={data?.values.title} error={errors.title} maxLength={120} />
            <div className="field">
              <label htmlFor="field-body">Message</label>
              <p className="hint" id="field-body-hint">
                You can use **bold**, _italics_, lists (lines starting with “- ”) and links like [Zoom](https://zoom.us/…). Links
                must start with https:// or mailto:. HTML is shown as plain text.
              </p>
              <textarea
                id="field-body"
                name="body"
                rows={8}
                defaultValue={data?.values.body}
                aria-invalid={errors.body ? true : undefined}
                aria-describedby={`field-body-hint${errors.body ? ' field-body-error' : ''}`}
              />
              {errors.body ? (
                <p className="field-error" id="field-body-error">
                  {errors.body}
                </p>
              ) : null}
            </div>
            <fieldset>
              <legend>When</legend>
              <label className="choice">
                <input type="radio" name="when" value="now" defaultChecked={!data?.values.publishAt} /> Now
              </label>
              <label className="choice">
                <input type="radio" name="when" value="later" defaultChecked={Boolean(data?.values.publishAt)} /> Later, at the
                time below
              </label>
              <Field
                label="Date and time (Pacific time)"
                name="publishAt"
                type="datetime-local"
                defaultValue={data?.values.publishAt}
                error={errors.publishAt}
              />
            </fieldset>
            <button type="submit">Post announcement</button>
          </Form>
        </section>
      )}
      <h2>Posted and scheduled</h2>
      {announcements.length ? (
        announcements.map((a) => (
          <article key={a.id} className="card" aria-labelledby={`a-${a.id}`}>
            <h3 id={`a-${a.id}`}>{a.title}</h3>
            <p className="muted">
              {a.published ? 'Posted' : 'Scheduled for'} {a.publishAt} by {a.author} to {a.cohorts.join(', ')}
            </p>
            <SafeMarkdown tree={a.body} />
          </article>
        ))
      ) : (
        <p>None yet.</p>
      )}
    </>
  );
}
