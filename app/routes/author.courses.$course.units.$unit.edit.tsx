import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import type { ShouldRevalidateFunction } from '@remix-run/react';
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { DiffView, ProblemList, QuizChangesView, QuizKeyView, UnitView } from '~/components/author-preview';
import { CodeEditor, type CodeEditorHandle } from '~/components/code-editor';
import { getCourse } from '~/content/content.server';
import type { StudioCheck, UnitPreview } from '~/content/studio';
import { checkEdit, contentRoot, findStudioTarget, readStudioFile, saveEdit } from '~/content/studio.server';
import { requireRole } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { env } from '~/infra/env.server';
import { listContentRevisions } from '~/models/content-revision.server';
import { pacificDateTime } from '~/web/dates';
import { parseForm, parseParams, readForm, slug } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(
    `Edit ${data?.kind === 'quiz' ? 'quiz' : 'unit'}: ${data?.title ?? ''} · Peer Academy`,
    'Edit a course unit or quiz, with a live check.',
  );

const paramsSchema = () => z.object({ course: slug, unit: slug });
const searchSchema = () => z.object({ file: z.enum(['unit', 'quiz']).default('unit'), saved: z.string().optional() });
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

const newQuiz = (unit: string) => `passPercent: 80
questions:
  - id: ${unit}-first-question
    type: single
    prompt: Write the question here.
    options:
      - id: a
        text: The first option.
      - id: b
        text: The second option.
    answer: a
    rationale: Explain why this answer is the right one.
`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const { target, search } = await loadTarget(request, params);
  const file = await readStudioFile(target);
  const source = file.exists ? file.source : newQuiz(target.unit);
  const [check, revisions, course] = await Promise.all([
    checkEdit(target, source),
    listContentRevisions(db(), target.rel),
    getCourse(target.course),
  ]);
  const unit = course?.units.find((u) => u.meta.slug === target.unit);
  return json({
    kind: target.kind,
    course: { slug: target.course, title: course?.course.title ?? target.course },
    unit: target.unit,
    title: unit?.meta.title ?? target.unit,
    file: target.display,
    exists: file.exists,
    source,
    hash: file.hash,
    check,
    editing: env().CONTENT_EDITING,
    saved: search.saved === '1',
    revisions,
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
  // A new saved version starts a fresh editor.
  return <Editor key={data.hash} />;
}

function Editor() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const fetcher = useFetcher<typeof action>();
  const navigation = useNavigation();
  const editor = useRef<CodeEditorHandle>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const formAction = `/author/courses/${data.course.slug}/units/${data.unit}/edit${data.kind === 'quiz' ? '?file=quiz' : ''}`;
  const preview = `/author/courses/${data.course.slug}/units/${data.unit}`;

  const saveResult = actionData?.intent === 'save' ? actionData.result : null;
  const actionCheck =
    actionData?.intent === 'preview' ? actionData.check : saveResult?.status === 'invalid' ? saveResult.check : null;
  const [check, setCheck] = useState<StudioCheck>(actionCheck ?? data.check);
  const [lastGood, setLastGood] = useState<UnitPreview | null>(check.unit);
  useEffect(() => {
    if (actionCheck) setCheck(actionCheck);
  }, [actionCheck]);
  useEffect(() => {
    if (fetcher.data?.intent === 'preview') setCheck(fetcher.data.check);
  }, [fetcher.data]);
  useEffect(() => {
    if (check.unit) setLastGood(check.unit);
  }, [check]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onChange = (source: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      fetcher.submit({ intent: 'preview', source, baseHash: data.hash }, { method: 'post', action: formAction });
    }, 400);
  };

  const fieldError = actionData?.intent === 'invalid' ? Object.values(actionData.errors)[0] : null;
  const saving = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'save';
  const checking = fetcher.state !== 'idle';
  const label = data.kind === 'quiz' ? 'Quiz (YAML)' : 'Unit text (MDX with frontmatter)';
  const unitShown = check.unit ?? lastGood;

  return (
    <div className="wide">
      <nav aria-label="Author studio" className="studio-nav">
        <Link to="/author">Content overview</Link> · <Link to={preview}>Preview</Link> ·{' '}
        {data.kind === 'quiz' ? (
          <Link to={`/author/courses/${data.course.slug}/units/${data.unit}/edit`}>Edit unit text</Link>
        ) : (
          <Link to={`/author/courses/${data.course.slug}/units/${data.unit}/edit?file=quiz`}>Edit quiz</Link>
        )}
      </nav>
      <h1>
        Edit {data.kind === 'quiz' ? 'quiz' : 'unit'}: {data.title}
      </h1>
      <p className="muted">
        {data.course.title} · file <code>{data.file}</code>
      </p>
      {data.editing ? null : (
        <p className="notice">
          Saving is turned off on this server (CONTENT_EDITING is off). You can check and preview changes here, but to change the
          course, edit the files in content/ and deploy them.
        </p>
      )}
      {data.saved && !actionData ? (
        <p className="success" role="status">
          Saved. Trainees see the new version now.
        </p>
      ) : null}
      {data.exists ? null : (
        <p className="notice">
          This unit has no quiz yet. Below is a starting point; saving creates <code>{data.file}</code>.
        </p>
      )}
      {saveResult ? (
        <div className="form-error" role="alert">
          <p>{saveResult.message}</p>
          {saveResult.status === 'conflict' ? (
            <>
              <p>
                <Link to={formAction} reloadDocument>
                  Open the newest version
                </Link>{' '}
                (your changes here will be lost, so copy them first).
              </p>
              <DiffView diff={saveResult.diff} />
            </>
          ) : null}
        </div>
      ) : null}

      <div className="studio-layout">
        <Form method="post" action={formAction} className="studio-editor">
          <input type="hidden" name="baseHash" value={data.hash} />
          <label htmlFor="source">{label}</label>
          <p className="hint" id="source-hint">
            {data.kind === 'quiz'
              ? 'Question ids are stable: to change what a question means, give it a new id.'
              : 'Frontmatter between the --- lines, then the text. Only the components in the author guide are allowed.'}{' '}
            The check runs as you type; saving checks the whole course again and never writes a file with problems.
          </p>
          <CodeEditor
            ref={editor}
            id="source"
            name="source"
            label={label}
            language={data.kind === 'quiz' ? 'yaml' : 'markdown'}
            defaultValue={actionData?.source ?? data.source}
            problems={check.problems}
            problemFile={data.file}
            describedBy={fieldError ? 'source-hint source-error' : 'source-hint'}
            invalid={Boolean(fieldError)}
            onChange={onChange}
          />
          {fieldError ? (
            <p className="field-error" id="source-error">
              {fieldError}
            </p>
          ) : null}
          <p className="studio-actions">
            <button type="submit" name="intent" value="save" disabled={saving}>
              {saving ? 'Saving…' : 'Save'}
            </button>{' '}
            <button type="submit" name="intent" value="preview" className="secondary">
              Check and preview
            </button>
          </p>
        </Form>

        <div className="studio-side">
          <section aria-labelledby="check-heading">
            <h2 id="check-heading">Check</h2>
            <div role="status">
              {check.problems.length ? (
                <p className="form-error">
                  {check.problems.length === 1 ? '1 problem' : `${check.problems.length} problems`} to fix before saving
                  {checking ? ' (checking…)' : '.'}
                </p>
              ) : (
                <p className="success">No problems{checking ? ' (checking…)' : '. Ready to save.'}</p>
              )}
            </div>
            <ProblemList problems={check.problems} onGoTo={(p) => editor.current?.goTo(p.line, p.column)} />
            {check.warnings?.length ? (
              <>
                <p className="notice">
                  {check.warnings.length === 1 ? '1 warning' : `${check.warnings.length} warnings`} worth a look (saving is still
                  allowed):
                </p>
                <ProblemList problems={check.warnings} onGoTo={(p) => editor.current?.goTo(p.line, p.column)} />
              </>
            ) : null}
            {data.kind === 'quiz' && check.changes ? <QuizChangesView changes={check.changes} /> : null}
          </section>
          <section aria-labelledby="preview-heading">
            <h2 id="preview-heading">Preview</h2>
            {data.kind === 'unit' ? (
              unitShown ? (
                <>
                  {check.unit ? null : <p className="notice">Showing the last version without problems.</p>}
                  <div className="studio-unit">
                    <UnitView unit={unitShown} headingLevel={2} />
                  </div>
                </>
              ) : (
                <p>The preview appears when the problems are fixed.</p>
              )
            ) : check.quiz ? (
              <QuizKeyView quiz={check.quiz} />
            ) : (
              <p>The preview appears when the problems are fixed.</p>
            )}
          </section>
        </div>
      </div>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">Changes saved in the studio</h2>
        {data.revisions.length ? (
          <ul className="revision-list">
            {data.revisions.map((r) => (
              <li key={r.id}>
                <details>
                  <summary>
                    {pacificDateTime(r.at)} by {r.author_name} ({r.before_hash} → {r.after_hash})
                  </summary>
                  <DiffView diff={r.diff} />
                </details>
              </li>
            ))}
          </ul>
        ) : (
          <p>No changes to this file have been saved here yet. Changes made in git show in its history instead.</p>
        )}
      </section>
    </div>
  );
}
