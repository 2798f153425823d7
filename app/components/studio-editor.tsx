import { Form, Link, useFetcher, useNavigation } from '@remix-run/react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { EditorActionData, EditorData, StudioCheck, UnitPreview } from '~/content/studio';
import { pacificDateTime } from '~/web/dates';
import { DiffView, ItemChangesView, ProblemList, QuizChangesView, QuizKeyView, UnitView } from './author-preview';
import { CodeEditor, type CodeEditorHandle } from './code-editor';

// The author studio's editor, the same for every kind of content file: a textarea (CodeMirror
// once JavaScript runs), a live check as the author types, errors at their line, a preview where
// the file has one, conflict and invalid-save messages, and the file's saved revisions.

const LABEL: Record<EditorData['kind'], string> = {
  unit: 'Unit text (MDX with frontmatter)',
  quiz: 'Quiz (YAML)',
  items: 'Exam items (YAML)',
  scenarios: 'Scenarios and rubrics (YAML)',
  exam: 'Exam blueprint and forms (YAML)',
  course: 'Course file (YAML)',
};

const HINT: Record<EditorData['kind'], string> = {
  unit: 'Frontmatter between the --- lines, then the text. Only the components in the author guide are allowed.',
  quiz: 'Question ids are stable: to change what a question means, give it a new id.',
  items:
    'Item ids are stable: an item whose options or answer change needs a new id. Rewording a prompt or a rationale keeps the id.',
  scenarios: 'Each scenario has an id, an area, competencies, a prompt and a rubric; rubric levels go lowest points first.',
  exam: 'Content areas (with the units that teach them), the forms with their blueprints, and the review policy.',
  course: 'Title, description, rules, completion, sources and unit redirects.',
};

export function StudioEditor({
  data,
  actionData,
  formAction,
  nav,
  heading,
  children,
}: {
  data: EditorData;
  actionData: EditorActionData | undefined;
  formAction: string;
  nav: ReactNode;
  heading: string;
  /** Shown under the editor (an image upload, for a unit). */
  children?: ReactNode;
}) {
  const fetcher = useFetcher<EditorActionData>();
  const navigation = useNavigation();
  const editor = useRef<CodeEditorHandle>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();

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
  useEffect(() => {
    if (!data.line) return;
    // The editor loads its code first; try again until it is there.
    const line = data.line;
    const t = setTimeout(() => editor.current?.goTo(line, 1), 300);
    return () => clearTimeout(t);
  }, [data.line]);

  const onChange = (source: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      fetcher.submit({ intent: 'preview', source, baseHash: data.hash }, { method: 'post', action: formAction });
    }, 400);
  };

  const fieldError = actionData?.intent === 'invalid' ? Object.values(actionData.errors)[0] : null;
  const saving = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'save';
  const checking = fetcher.state !== 'idle';
  const label = LABEL[data.kind];
  const unitShown = check.unit ?? lastGood;
  const hasPreview = data.kind === 'unit' || data.kind === 'quiz';

  return (
    <div className="wide">
      <nav aria-label="Author studio" className="studio-nav">
        {nav}
      </nav>
      <h1>{heading}</h1>
      <p className="muted">
        File <code>{data.file}</code>
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
          This file does not exist yet. Below is a starting point; saving creates <code>{data.file}</code>.
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
            {HINT[data.kind]} The check runs as you type; saving checks the whole course again and never writes a file with
            problems.
          </p>
          <CodeEditor
            ref={editor}
            id="source"
            name="source"
            label={label}
            language={data.kind === 'unit' ? 'markdown' : 'yaml'}
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
            {data.kind === 'items' && check.itemChanges ? <ItemChangesView changes={check.itemChanges} /> : null}
          </section>
          {hasPreview ? (
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
          ) : null}
        </div>
      </div>

      {children}

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
