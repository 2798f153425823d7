import { formatProblem, type Problem } from '~/content/problems';
import type { ItemChanges, QuizChanges, QuizKey, UnitPreview } from '~/content/studio';
import { UnitContent } from './unit-content';

// What the author studio shows: a unit as a trainee sees it, a quiz with its answer key, the
// effect of a quiz edit, content problems, and diffs. Author pages only (answers are visible).

/** The unit as the trainee's page renders it, with reflection prompts shown read-only. */
export function UnitView({ unit, headingLevel = 1 }: { unit: UnitPreview; headingLevel?: 1 | 2 }) {
  const Title = headingLevel === 1 ? 'h1' : 'h2';
  const Sub = headingLevel === 1 ? 'h2' : 'h3';
  return (
    <article className="unit-preview">
      <p className="muted">
        Unit {unit.order} · about {unit.minutes} minutes · {unit.words} words · reading grade {unit.grade}
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
              <strong>Reflection: </strong>
              {s.prompt}
            </p>
            <p className="hint">
              Trainees write a private note here (reflection id <code>{s.id}</code>).
            </p>
          </div>
        )}
      />
    </article>
  );
}

const TYPE_LABEL = { single: 'One answer', multiple: 'Choose all that apply', truefalse: 'True or false' };

/** A quiz with the correct answers and rationales. */
export function QuizKeyView({ quiz, headingLevel = 2 }: { quiz: QuizKey; headingLevel?: 2 | 3 }) {
  const Q = headingLevel === 2 ? 'h3' : 'h4';
  return (
    <>
      <p>
        {quiz.questions.length} questions. The pass mark is {quiz.passPercent}%.
      </p>
      <ol className="answer-key">
        {quiz.questions.map((q) => (
          <li key={q.id} className="card">
            <Q>{q.prompt}</Q>
            <p className="muted">
              {TYPE_LABEL[q.type]} · id <code>{q.id}</code>
            </p>
            <ul>
              {q.options.map((o) => (
                <li key={o.id} className={q.answer.includes(o.id) ? 'correct-option' : undefined}>
                  {o.id}. {o.text}
                  {q.answer.includes(o.id) ? <strong> (correct)</strong> : null}
                </li>
              ))}
            </ul>
            <p>
              <strong>Why: </strong>
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
  return (
    <section aria-labelledby="changes-heading" className="card">
      <h2 id="changes-heading">Changes compared with the saved quiz</h2>
      {none ? (
        <p>No question changes yet.</p>
      ) : (
        <ul>
          {changes.added.map((id) => (
            <li key={`a-${id}`}>
              Added <code>{id}</code>: a new question. It starts with no answers and no statistics.
            </li>
          ))}
          {changes.removed.map((id) => (
            <li key={`r-${id}`}>
              Removed <code>{id}</code>: trainees stop seeing it. Past attempts keep it in their records.
            </li>
          ))}
          {changes.reworded.map((c) => (
            <li key={`w-${c.id}`}>
              Changed <code>{c.id}</code> ({c.what.join(', ')}): it stays the same question, with the same statistics.
              {c.what.some((w) => w === 'answer' || w === 'options' || w === 'type')
                ? ' If its meaning changed, give it a new id instead.'
                : null}
            </li>
          ))}
          {changes.passPercent ? (
            <li>
              Pass mark {changes.passPercent.from}% → {changes.passPercent.to}%: applies to new attempts only.
            </li>
          ) : null}
        </ul>
      )}
      <p className="hint">
        Past attempts keep the quiz exactly as it was asked, so their scores and feedback never change. A trainee who has
        completed this unit stays complete.
      </p>
    </section>
  );
}

/** What an edit of exam items changes, by item id (docs/decisions/031-studio-edits-everything.md). */
export function ItemChangesView({ changes }: { changes: ItemChanges }) {
  const none = !changes.added.length && !changes.removed.length && !changes.reworded.length && !changes.meaningChanged.length;
  return (
    <section aria-labelledby="item-changes-heading" className="card">
      <h2 id="item-changes-heading">Changes compared with the saved items</h2>
      {none ? (
        <p>No item changes yet.</p>
      ) : (
        <ul>
          {changes.added.map((id) => (
            <li key={`a-${id}`}>
              Added <code>{id}</code>: a new item. It starts with no answers and no statistics.
            </li>
          ))}
          {changes.removed.map((id) => (
            <li key={`r-${id}`}>
              Removed <code>{id}</code>: no new exam or practice set asks it. Past attempts keep it in their records.
            </li>
          ))}
          {changes.reworded.map((c) => (
            <li key={`w-${c.id}`}>
              Changed <code>{c.id}</code> ({c.what.join(', ')}): it stays the same item, with the same statistics.
            </li>
          ))}
          {changes.meaningChanged.map((c) => (
            <li key={`m-${c.id}`}>
              <strong>Not allowed:</strong> <code>{c.id}</code> has other{' '}
              {c.what.filter((w) => w === 'options' || w === 'answer').join(' and ')} under the same id. Its meaning changed, so
              give it a new id instead.
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Content problems as `path:line:column message`; with `onGoTo`, each one can move the editor there. */
export function ProblemList({ problems, onGoTo }: { problems: Problem[]; onGoTo?: (p: Problem) => void }) {
  return (
    <ul className="problem-list">
      {problems.map((p) => (
        <li key={formatProblem(p)}>
          <code>{formatProblem(p)}</code>
          {onGoTo ? (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => onGoTo(p)}>
                Go to line {p.line}
              </button>
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
