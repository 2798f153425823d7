import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData } from '@remix-run/react';
import { z } from 'zod';
import { FormError } from '~/components/field';
import { requireCourse } from '~/content/content.server';
import { prepareImage } from '~/content/images.server';
import { contentRoot } from '~/content/studio.server';
import { saveChanges } from '~/content/studio-changes.server';
import { requireRole } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { env } from '~/infra/env.server';
import { parseForm, parseParams, readForm, slug } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

// Image upload from the unit editor (a multipart form that works without JavaScript). On
// success the editor opens again showing the Markdown to paste, alt text included.

export const meta: MetaFunction = () => pageMeta('Upload an image · Author studio · Peer Academy', 'Upload an image for a unit.');

const paramsSchema = () => z.object({ course: slug });
const formSchema = () =>
  z.object({
    alt: z
      .string()
      .trim()
      .min(1, 'Describe the image for people who cannot see it (its alt text).')
      .max(300, 'Keep the description under 300 characters.'),
    unit: slug,
    baseTreeId: z.string().regex(/^[0-9a-f]{24}$/, 'This form is out of date. Please reload the page.'),
  });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const p = parseParams(params, paramsSchema);
  return redirect(`/author#c-${p.course}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ['author']);
  const p = parseParams(params, paramsSchema);
  await requireCourse(p.course);
  const form = await readForm(request);
  const parsed = parseForm(form, formSchema);
  const back = `/author/courses/${p.course}/units/${String(form.get('unit') ?? '').replace(/[^a-z0-9-]/g, '')}/edit`;
  const fail = (status: number, message: string) => json({ message, back }, { status });
  if (!parsed.ok) return fail(400, Object.values(parsed.errors)[0] ?? 'Check the form and try again.');
  if (!env().CONTENT_EDITING)
    return fail(403, 'Saving is turned off on this server (CONTENT_EDITING is off), so the image was not saved.');
  const file = form.get('image');
  if (!(file instanceof Blob)) return fail(400, 'Choose an image file to upload.');
  const upload = prepareImage(p.course, (file as File).name ?? '', new Uint8Array(await file.arrayBuffer()));
  if (!upload.ok) return fail(400, upload.message);
  const r = await saveChanges(db(), contentRoot(), {
    changes: [upload.change],
    baseTreeId: parsed.data.baseTreeId,
    authorId: user.id,
    message: `Image ${upload.name}`,
  });
  if (r.status !== 'saved') return fail(r.status === 'conflict' ? 409 : 400, r.message);
  const q = new URLSearchParams({ image: upload.name, alt: parsed.data.alt });
  return redirect(`/author/courses/${p.course}/units/${parsed.data.unit}/edit?${q}`);
}

export default function ImageUploadResult() {
  const data = useActionData<typeof action>();
  return (
    <>
      <h1>Upload an image</h1>
      <FormError error={data?.message} />
      <p>{data ? <Link to={data.back}>Back to the unit editor</Link> : <Link to="/author">Content overview</Link>}</p>
    </>
  );
}
