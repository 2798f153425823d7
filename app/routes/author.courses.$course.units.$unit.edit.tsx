import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import type { ShouldRevalidateFunction } from '@remix-run/react';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { StudioEditor } from '~/components/studio-editor';
import { getCourse } from '~/content/content.server';
import { IMAGE_NAME, imageUrl } from '~/content/images';
import { checkEdit, contentRoot, editorData, findStudioTarget, saveEdit } from '~/content/studio.server';
import { currentTreeId } from '~/content/studio-changes.server';
import { requireRole } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { env } from '~/infra/env.server';
import { parseForm, parseParams, readForm, slug } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(
    `Edit ${data?.kind === 'quiz' ? 'quiz' : 'unit'}: ${data?.title ?? ''} · Peer Academy`,
    'Edit a course unit or quiz, with a live check.',
  );

const paramsSchema = () => z.object({ course: slug, unit: slug });
const searchSchema = () =>
  z.object({
    file: z.enum(['unit', 'quiz']).default('unit'),
    saved: z.string().optional(),
    line: z.coerce.number().int().min(1).max(100_000).optional(),
    image: z.string().regex(IMAGE_NAME).optional(),
    alt: z.string().max(300).optional(),
  });
const formSchema = () =>
  z.object({
    intent: z.enum(['preview', 'save'], { message: 'Choose "Check and preview" or "Save".' }),
    source: z
      .string({ message: 'The file text is missing. Please reload the page.' })
      .max(500_000, 'This file is too long to edit here (over 500,000 characters).'),
    baseHash: z.string().regex(/^(?:[0-9a-f]{16}|absent)$/, 'This form is out of date. Please reload the page.'),
  });

async function loadTarget(request: Request, params: Record<string, string | undefined>) {
  const p = parseParams(params, paramsSchema);
  const search = parseParams(Object.fromEntries(new URL(request.url).searchParams), searchSchema);
  const target = await findStudioTarget(contentRoot(), p.course, p.unit, search.file);
  if (!target) throw new Response('We could not find that unit.', { status: 404 });
  return { target, search };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const { target, search } = await loadTarget(request, params);
  const course = await getCourse(target.course);
  const unit = course?.units.find((u) => u.meta.slug === target.unit);
  const editor = await editorData(db(), target, {
    title: unit?.meta.title ?? target.unit ?? '',
    editing: env().CONTENT_EDITING,
    saved: search.saved === '1',
    line: search.line ?? null,
  });
  return json({
    ...editor,
    course: { slug: target.course, title: course?.course.title ?? target.course },
    unit: target.unit,
    treeId: target.kind === 'unit' ? await currentTreeId(contentRoot()) : null,
    // After an upload: the Markdown to paste, with the alt text the author gave.
    inserted: search.image ? `![${(search.alt ?? '').replace(/[[\]\n]/g, ' ')}](${imageUrl(target.course, search.image)})` : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ['author']);
  const { target } = await loadTarget(request, params);
  const form = await readForm(request);
  const parsed = parseForm(form, formSchema);
  if (!parsed.ok)
    return json({ intent: 'invalid' as const, errors: parsed.errors, source: String(form.get('source') ?? '') }, { status: 400 });
  const { intent, source, baseHash } = parsed.data;
  if (intent === 'preview') return json({ intent: 'preview' as const, check: await checkEdit(target, source), source });
  const result = await saveEdit(db(), { target, source, baseHash, authorId: user.id, editing: env().CONTENT_EDITING });
  if (result.status === 'saved') {
    const url = new URL(request.url);
    return redirect(`${url.pathname}?${target.kind === 'quiz' ? 'file=quiz&' : ''}saved=1`);
  }
  const status = result.status === 'disabled' ? 403 : result.status === 'conflict' ? 409 : 400;
  return json({ intent: 'save' as const, result, source }, { status });
}

/** The live preview posts on every pause in typing; that changes nothing the loaders read. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'preview' ? false : defaultShouldRevalidate;

export default function EditPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/author/courses/${data.course.slug}/units/${data.unit}`;
  const formAction = `${base}/edit${data.kind === 'quiz' ? '?file=quiz' : ''}`;
  // A new saved version starts a fresh editor.
  return (
    <StudioEditor
      key={data.hash}
      data={data}
      actionData={actionData}
      formAction={formAction}
      heading={`Edit ${data.kind === 'quiz' ? 'quiz' : 'unit'}: ${data.title}`}
      nav={
        <>
          <Link to="/author">Content overview</Link> · <Link to={base}>Preview</Link> ·{' '}
          {data.kind === 'quiz' ? (
            <Link to={`${base}/edit`}>Edit unit text</Link>
          ) : (
            <Link to={`${base}/edit?file=quiz`}>Edit quiz</Link>
          )}{' '}
          · <Link to={`${base}/manage`}>Rename, move or retire</Link>
        </>
      }
    >
      {data.kind === 'unit' && data.treeId && data.unit ? (
        <ImageUpload course={data.course.slug} unit={data.unit} treeId={data.treeId} inserted={data.inserted} />
      ) : null}
    </StudioEditor>
  );
}

function ImageUpload({
  course,
  unit,
  treeId,
  inserted,
}: {
  course: string;
  unit: string;
  treeId: string;
  inserted: string | null;
}) {
  return (
    <section aria-labelledby="image-heading" className="card">
      <h2 id="image-heading">Add an image</h2>
      {inserted ? (
        <div role="status">
          <p className="success">Image uploaded. Paste this line into the unit where the image belongs:</p>
          <pre>
            <code>{inserted}</code>
          </pre>
        </div>
      ) : null}
      <p>PNG, JPEG, WebP or GIF, at most 1 MB. Every image needs a description (alt text) for people who cannot see it.</p>
      <form method="post" action={`/author/courses/${course}/images`} encType="multipart/form-data">
        <input type="hidden" name="unit" value={unit} />
        <input type="hidden" name="baseTreeId" value={treeId} />
        <div className="field">
          <label htmlFor="image-file">Image file</label>
          <input id="image-file" name="image" type="file" accept="image/png,image/jpeg,image/webp,image/gif" required />
        </div>
        <div className="field">
          <label htmlFor="image-alt">Description (alt text)</label>
          <input id="image-alt" name="alt" required maxLength={300} />
        </div>
        <button type="submit" className="secondary">
          Upload the image
        </button>
      </form>
    </section>
  );
}
