import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { formatProblem, type Problem } from '~/content/problems';
import type { ItemChanges, QuizChanges, QuizKey, UnitPreview } from '~/content/studio';
import type { MessageId } from '~/i18n/catalogues';
import { useLocale, useT } from '~/i18n/react';
import { UnitContent } from './unit-content';

const code = (chunks: ReactNode) => <code>{chunks}</code>;
const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

// What the author studio shows: a unit as a trainee sees it, a quiz with its answer key, the
// effect of a quiz edit, content problems, and diffs. Author pages only (answers are visible).

/** The unit as the trainee's page renders it, with reflection prompts shown read-only. */
export function UnitView({ unit, headingLevel = 1 }: { unit: UnitPreview; headingLevel?: 1 | 2 }) {
  const Title = headingLevel === 1 ? 'h1' : 'h2';
  const Sub = headingLevel === 1 ? 'h2' : 'h3';
  const t = useT();
  return (
    <article className="unit-preview">
      <p className="muted">
        {t('author.preview.unitMeta', { order: unit.order, minutes: unit.minutes, words: unit.words, grade: unit.grade })}
      </p>
      <Title>{unit.title}</Title>
      <UnitContent
        contentNote={unit.contentNote}
        objectives={unit.objectives}
        segments={unit.segments}
        headingLevel={Sub === 'h2' ? 2 : 3}
        renderReflection={(s) => (
          <div className="reflection">
            <p>
              <strong>{t('author.preview.reflection')}</strong>
              {s.prompt}
            </p>
            <p className="hint">{t('author.preview.reflectionHint', { id: s.id, code })}</p>
          </div>
        )}
      />
    </article>
  );
}

const TYPE_LABEL: Record<'single' | 'multiple' | 'truefalse', MessageId> = {
  single: 'author.preview.type.single',
  multiple: 'author.preview.type.multiple',
  truefalse: 'author.preview.type.truefalse',
};

/** A quiz with the correct answers and rationales. */
export function QuizKeyView({ quiz, headingLevel = 2 }: { quiz: QuizKey; headingLevel?: 2 | 3 }) {
  const Q = headingLevel === 2 ? 'h3' : 'h4';
  const t = useT();
  return (
    <>
      <p>{t('author.preview.quizSummary', { count: quiz.questions.length, pass: quiz.passPercent })}</p>
      <ol className="answer-key">
        {quiz.questions.map((q) => (
          <li key={q.id} className="card">
            <Q>{q.prompt}</Q>
            <p className="muted">{t('author.preview.questionMeta', { type: t(TYPE_LABEL[q.type]), id: q.id, code })}</p>
            <ul>
              {q.options.map((o) => (
                <li key={o.id} className={q.answer.includes(o.id) ? 'correct-option' : undefined}>
                  {o.id}. {o.text}
                  {q.answer.includes(o.id) ? <strong>{t('author.preview.correct')}</strong> : null}
                </li>
              ))}
            </ul>
            <p>
              <strong>{t('author.preview.why')}</strong>
              {q.rationale}
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}

/** What a quiz edit means for questions and trainees (docs/decisions/005-content-history-and-completion.md). */
export function QuizChangesView({ changes }: { changes: QuizChanges }) {
  const none = !changes.added.length && !changes.removed.length && !changes.reworded.length && !changes.passPercent;
  const t = useT();
  return (
    <section aria-labelledby="changes-heading" className="card">
      <h2 id="changes-heading">{t('author.preview.quizChanges')}</h2>
      {none ? (
        <p>{t('author.preview.noQuestionChanges')}</p>
      ) : (
        <ul>
          {changes.added.map((id) => (
            <li key={`a-${id}`}>{t('author.preview.questionAdded', { id, code })}</li>
          ))}
          {changes.removed.map((id) => (
            <li key={`r-${id}`}>{t('author.preview.questionRemoved', { id, code })}</li>
          ))}
          {changes.reworded.map((c) => (
            <li key={`w-${c.id}`}>
              {t('author.preview.questionChanged', { id: c.id, what: c.what.join(', '), code })}
              {c.what.some((w) => w === 'answer' || w === 'options' || w === 'type') ? t('author.preview.meaningHint') : null}
            </li>
          ))}
          {changes.passPercent ? (
            <li>{t('author.preview.passChanged', { from: changes.passPercent.from, to: changes.passPercent.to })}</li>
          ) : null}
        </ul>
      )}
      <p className="hint">{t('author.preview.quizChangesHint')}</p>
    </section>
  );
}

/** What an edit of exam items changes, by item id (docs/decisions/031-studio-edits-everything.md). */
export function ItemChangesView({ changes }: { changes: ItemChanges }) {
  const none = !changes.added.length && !changes.removed.length && !changes.reworded.length && !changes.meaningChanged.length;
  const t = useT();
  const locale = useLocale();
  const and = new Intl.ListFormat(locale === 'es' ? 'es-US' : 'en-US', { type: 'conjunction' });
  return (
    <section aria-labelledby="item-changes-heading" className="card">
      <h2 id="item-changes-heading">{t('author.preview.itemChanges')}</h2>
      {none ? (
        <p>{t('author.preview.noItemChanges')}</p>
      ) : (
        <ul>
          {changes.added.map((id) => (
            <li key={`a-${id}`}>{t('author.preview.itemAdded', { id, code })}</li>
          ))}
          {changes.removed.map((id) => (
            <li key={`r-${id}`}>{t('author.preview.itemRemoved', { id, code })}</li>
          ))}
          {changes.reworded.map((c) => (
            <li key={`w-${c.id}`}>{t('author.preview.itemChanged', { id: c.id, what: c.what.join(', '), code })}</li>
          ))}
          {changes.meaningChanged.map((c) => (
            <li key={`m-${c.id}`}>
              {t('author.preview.meaningChanged', {
                id: c.id,
                what: and.format(c.what.filter((w) => w === 'options' || w === 'answer')),
                code,
                strong,
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Content problems as `path:line:column message`; with `onGoTo`, each one can move the editor there. */
export function ProblemList({ problems, onGoTo }: { problems: Problem[]; onGoTo?: (p: Problem) => void }) {
  const t = useT();
  return (
    <ul className="problem-list">
      {problems.map((p) => (
        <li key={formatProblem(p)}>
          <code>{formatProblem(p)}</code>
          {onGoTo ? (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => onGoTo(p)}>
                {t('author.preview.goToLine', { line: p.line })}
              </button>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Problems of the course as the checker wrote them, each with a link to its file's editor when the studio has one. */
export function ProblemLinks({ problems, className }: { problems: { text: string; edit: string | null }[]; className?: string }) {
  const t = useT();
  return (
    <ul className={className}>
      {problems.map((p) => (
        <li key={p.text}>
          <code>{p.text}</code>
          {p.edit ? (
            <>
              {' '}
              <Link to={p.edit}>{t('author.overview.fixInEditor')}</Link>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** A unified diff with added and removed lines marked (not by colour alone: the +/- stay). */
export function DiffView({ diff }: { diff: string }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <pre className="diff" tabIndex={0}>
      <code>
        {diff
          .replace(/\n$/, '')
          .split('\n')
          .map((line, i) => (
            <span
              key={i}
              className={
                line.startsWith('+++') || line.startsWith('---')
                  ? 'diff-file'
                  : line.startsWith('+')
                    ? 'diff-add'
                    : line.startsWith('-')
                      ? 'diff-del'
                      : line.startsWith('@@')
                        ? 'diff-hunk'
                        : undefined
              }
            >
              {line}
              {'\n'}
            </span>
          ))}
      </code>
    </pre>
  );
}
