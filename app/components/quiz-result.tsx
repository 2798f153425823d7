import type { AttemptFeedback, FeedbackQuestion } from '~/domain/quiz';

// Feedback for a submitted quiz attempt, holding back what the review policy holds back (the
// loader never sends it). Calm words: "not yet", never "failed".

export interface ResultQuestion extends FeedbackQuestion {
  /** The id of the unit heading this question's section names. */
  anchor: string | null;
}

export interface QuizResultData extends Omit<AttemptFeedback, 'questions' | 'sections'> {
  id: string;
  questions: ResultQuestion[];
  sections: { title: string; anchor: string }[];
}

function SectionLinks({ sections, lead }: { sections: QuizResultData['sections']; lead: string }) {
  if (!sections.length) return null;
  return (
    <>
      <p>{lead}</p>
      <ul>
        {sections.map((s) => (
          <li key={s.anchor}>
            <a href={`#${s.anchor}`}>{s.title}</a>
          </li>
        ))}
      </ul>
    </>
  );
}

export function QuizResult({
  result,
  bestPercent,
  waitUntil,
  waitingForTime = false,
}: {
  result: QuizResultData;
  bestPercent: number | null;
  waitUntil: string | null;
  /** Passed, but the course's minimum time on the unit is not reached yet (docs/decisions/017-time-on-task.md). */
  waitingForTime?: boolean;
}) {
  const { review } = result;
  return (
    <section id="result" aria-labelledby="result-heading" className="card" tabIndex={-1}>
      <h2 id="result-heading">{result.passed ? 'You passed this quiz' : 'Not yet: keep going'}</h2>
      <p className={result.passed ? 'success' : 'notice'}>
        You answered {result.correct} of {result.total} questions well ({result.percent}%). The pass mark is {result.passPercent}
        %.{' '}
        {result.passed
          ? waitingForTime
            ? 'Your pass is kept; the unit counts as complete once you have spent the time noted below on it.'
            : 'This unit is now complete.'
          : 'That is part of learning. Look back at the unit, then try again when you are ready; your next attempt asks questions you may not have seen yet.'}
        {bestPercent !== null ? ` Your best score so far: ${bestPercent}%.` : ''}
        {!result.passed && waitUntil ? ` Your next attempt opens at ${waitUntil} (Pacific time).` : ''}
      </p>
      {!review.showKey && !result.passed ? (
        <p>
          {review.showWhichRight
            ? 'The correct answers stay hidden for now, so the quiz keeps measuring what you know. Each question below says whether your answer was right.'
            : 'For this quiz you see your score only, so the quiz keeps measuring what you know.'}
        </p>
      ) : null}
      {result.passed ? null : (
        <SectionLinks
          sections={result.sections}
          lead={
            review.showWhichRight
              ? 'These parts of the unit cover the questions to look at again:'
              : 'These parts of the unit cover the questions this quiz asked:'
          }
        />
      )}
      {result.questions.length ? (
        <ol>
          {result.questions.map((q) => (
            <li key={q.id} className={`card ${q.right ? 'result-right' : 'result-wrong'}`}>
              <p>
                <strong>{q.prompt}</strong>
              </p>
              <p className="badge">{q.right ? 'Well answered' : q.chosen.length ? 'Not quite' : 'Not answered'}</p>
              <ul>
                {q.options.map((o) => (
                  <li key={o.id}>
                    {o.text}
                    {q.chosen.includes(o.id) ? <strong> (your answer)</strong> : null}
                    {q.answer?.includes(o.id) ? <strong> (a correct answer)</strong> : null}
                  </li>
                ))}
              </ul>
              {q.rationale ? (
                <p>
                  <strong>Why: </strong>
                  {q.rationale}
                </p>
              ) : null}
              {!q.right && q.anchor && q.section ? (
                <p>
                  Look again at <a href={`#${q.anchor}`}>{q.section}</a>.
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
