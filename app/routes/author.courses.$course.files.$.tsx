import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import type { ShouldRevalidateFunction } from '@remix-run/react';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { StudioEditor } from '~/components/studio-editor';
import { KIND_LABEL } from '~/content/studio';
import { checkEdit, contentRoot, editorData, saveEdit, studioTarget } from '~/content/studio.server';
import { requireRole } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { env } from '~/infra/env.server';
import { parseForm, parseParams, readForm, slug } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

// The studio's editor for any content file of a course (exam items, scenarios and rubrics, the
// exam blueprint and forms, course.yaml, and units and quizzes in any edition folder), at
// /author/courses/<course>/files/<path inside the course folder>.

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(`Edit ${data?.title ?? 'file'} · Peer Academy`, 'Edit a course file, with a live check.');

const paramsSchema = () => z.object({ course: slug, '*': z.string().min(1).max(300) });
const searchSchema = () =>
  z.object({ saved: z.string().optional(), line: z.coerce.number().int().min(1).max(100_000).optional() });
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
  // studioTarget refuses anything but an editable file inside the content root (no `..`, no links out).
  const target = await studioTarget(contentRoot(), `courses/${p.course}/${p['*']}`);
  if (!target) throw new Response('We could not find that file, or it is not one the studio edits.', { status: 404 });
  return { target, search, path: p['*'] };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const { target, search, path } = await loadTarget(request, params);
  const title = `${KIND_LABEL[target.kind]}: ${path}`;
  const editor = await editorData(db(), target, {
    title,
    editing: env().CONTENT_EDITING,
    saved: search.saved === '1',
    line: search.line ?? null,
  });
  return json({ ...editor, course: target.course, path });
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
  if (result.status === 'saved') return redirect(`${new URL(request.url).pathname}?saved=1`);
  const status = result.status === 'disabled' ? 403 : result.status === 'conflict' ? 409 : 400;
  return json({ intent: 'save' as const, result, source }, { status });
}

/** The live preview posts on every pause in typing; that changes nothing the loaders read. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'preview' ? false : defaultShouldRevalidate;

export default function EditFilePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formAction = `/author/courses/${data.course}/files/${data.path}`;
  return (
    <StudioEditor
      key={data.hash}
      data={data}
      actionData={actionData}
      formAction={formAction}
      heading={`Edit ${data.title}`}
      nav={
        <>
          <Link to="/author">Content overview</Link> · <Link to={`/author/courses/${data.course}/exam`}>Exam bank</Link> ·{' '}
          <Link to={`/author/courses/${data.course}/glossary`}>Glossary</Link>
        </>
      }
    />
  );
}
