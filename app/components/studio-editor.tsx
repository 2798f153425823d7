import { Form, Link, useFetcher, useNavigation } from '@remix-run/react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { EditorActionData, EditorData, StudioCheck, UnitPreview } from '~/content/studio';
import type { MessageId } from '~/i18n/catalogues';
import { useLocale, useMaybeT, useT } from '~/i18n/react';
import { pacificDateTime } from '~/web/dates';
import { DiffView, ItemChangesView, ProblemList, QuizChangesView, QuizKeyView, UnitView } from './author-preview';
import { CodeEditor, type CodeEditorHandle } from './code-editor';

// The author studio's editor, the same for every kind of content file: a textarea (CodeMirror
// once JavaScript runs), a live check as the author types, errors at their line, a preview where
// the file has one, conflict and invalid-save messages, and the file's saved revisions.

const LABEL: Record<EditorData['kind'], MessageId> = {
  unit: 'author.editor.label.unit',
  quiz: 'author.editor.label.quiz',
  items: 'author.editor.label.items',
  scenarios: 'author.editor.label.scenarios',
  exam: 'author.editor.label.exam',
  course: 'author.editor.label.course',
};

const HINT: Record<EditorData['kind'], MessageId> = {
  unit: 'author.editor.hint.unit',
  quiz: 'author.editor.hint.quiz',
  items: 'author.editor.hint.items',
  scenarios: 'author.editor.hint.scenarios',
  exam: 'author.editor.hint.exam',
  course: 'author.editor.hint.course',
};
const code = (chunks: ReactNode) => <code>{chunks}</code>;

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
  const t = useT();
  const maybeT = useMaybeT();
  const locale = useLocale();
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
    const goTo = setTimeout(() => editor.current?.goTo(line, 1), 300);
    return () => clearTimeout(goTo);
  }, [data.line]);

  // A check waits 400 ms after the last keystroke; until it has run, the status says "checking",
  // never "ready to save" about the text before the edit.
  const [scheduled, setScheduled] = useState(false);
  const onChange = (source: string) => {
    clearTimeout(timer.current);
    setScheduled(true);
    timer.current = setTimeout(() => {
      setScheduled(false);
      fetcher.submit({ intent: 'preview', source, baseHash: data.hash }, { method: 'post', action: formAction });
    }, 400);
  };
  // A save (or a check by the button) sends the text itself: a check still waiting would only
  // race the save's page load (Remix lets a newer fetcher result replace a pending navigation).
  const onSubmit = () => {
    clearTimeout(timer.current);
    setScheduled(false);
  };

  const fieldError = actionData?.intent === 'invalid' ? Object.values(actionData.errors)[0] : null;
  const saving = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'save';
  const checking = scheduled || fetcher.state !== 'idle';
  const label = t(LABEL[data.kind]);
  const unitShown = check.unit ?? lastGood;
  const hasPreview = data.kind === 'unit' || data.kind === 'quiz';

  return (
    <div className="wide">
      <nav aria-label={t('author.editor.nav')} className="studio-nav">
        {nav}
      </nav>
      <h1>{heading}</h1>
      <p className="muted">{t('author.editor.file', { file: data.file, code })}</p>
      {data.editing ? null : <p className="notice">{t('author.editor.savingOff')}</p>}
      {data.saved && !actionData ? (
        <p className="success" role="status">
          {t('author.editor.saved')} <Link to="/author/publish">{t('author.editor.reviewPublish')}</Link>
        </p>
      ) : null}
      {data.exists ? null : <p className="notice">{t('author.editor.newFile', { file: data.file, code })}</p>}
      {saveResult ? (
        <div className="form-error" role="alert">
          <p>{maybeT(saveResult.message)}</p>
          {saveResult.status === 'conflict' ? (
            <>
              <p>
                <Link to={formAction} reloadDocument>
                  {t('author.editor.openNewest')}
                </Link>{' '}
                {t('author.editor.changesLost')}
              </p>
              <DiffView diff={saveResult.diff} />
            </>
          ) : null}
        </div>
      ) : null}

      <div className="studio-layout">
        <Form method="post" action={formAction} className="studio-editor" onSubmit={onSubmit}>
          <input type="hidden" name="baseHash" value={data.hash} />
          <label htmlFor="source">{label}</label>
          <p className="hint" id="source-hint">
            {t(HINT[data.kind])} {t('author.editor.checkHint')}
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
              {maybeT(fieldError)}
            </p>
          ) : null}
          <p className="studio-actions">
            <button type="submit" name="intent" value="save" disabled={saving}>
              {saving ? t('author.editor.saving') : t('author.editor.save')}
            </button>{' '}
            <button type="submit" name="intent" value="preview" className="secondary">
              {t('author.editor.checkAndPreview')}
            </button>
          </p>
        </Form>

        <div className="studio-side">
          <section aria-labelledby="check-heading">
            <h2 id="check-heading">{t('author.editor.check')}</h2>
            <div role="status">
              {check.problems.length ? (
                <p className="form-error">
                  {t('author.editor.problems', { count: check.problems.length, checking: checking ? 'yes' : 'no' })}
                </p>
              ) : (
                <p className="success">{t('author.editor.noProblems', { checking: checking ? 'yes' : 'no' })}</p>
              )}
            </div>
            <ProblemList problems={check.problems} onGoTo={(p) => editor.current?.goTo(p.line, p.column)} />
            {check.warnings?.length ? (
              <>
                <p className="notice">{t('author.editor.warnings', { count: check.warnings.length })}</p>
                <ProblemList problems={check.warnings} onGoTo={(p) => editor.current?.goTo(p.line, p.column)} />
              </>
            ) : null}
            {data.kind === 'quiz' && check.changes ? <QuizChangesView changes={check.changes} /> : null}
            {data.kind === 'items' && check.itemChanges ? <ItemChangesView changes={check.itemChanges} /> : null}
          </section>
          {hasPreview ? (
            <section aria-labelledby="preview-heading">
              <h2 id="preview-heading">{t('author.editor.preview')}</h2>
              {data.kind === 'unit' ? (
                unitShown ? (
                  <>
                    {check.unit ? null : <p className="notice">{t('author.editor.lastGood')}</p>}
                    <div className="studio-unit">
                      <UnitView unit={unitShown} headingLevel={2} />
                    </div>
                  </>
                ) : (
                  <p>{t('author.editor.previewWhenFixed')}</p>
                )
              ) : check.quiz ? (
                <QuizKeyView quiz={check.quiz} />
              ) : (
                <p>{t('author.editor.previewWhenFixed')}</p>
              )}
            </section>
          ) : null}
        </div>
      </div>

      {children}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('author.editor.history')}</h2>
        {data.revisions.length ? (
          <ul className="revision-list">
            {data.revisions.map((r) => (
              <li key={r.id}>
                <details>
                  <summary>
                    {t('author.editor.revision', {
                      at: pacificDateTime(r.at, locale),
                      author: r.author_name,
                      before: r.before_hash,
                      after: r.after_hash,
                    })}
                  </summary>
                  <DiffView diff={r.diff} />
                </details>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('author.editor.noRevisions')}</p>
        )}
      </section>
    </div>
  );
}
