// Feedback for a submitted quiz attempt, from its snapshot. Calm words: "not yet", never "failed".

export interface ResultQuestion {
  id: string;
  prompt: string;
  options: { id: string; text: string }[];
  chosen: string[];
  answer: string[];
  right: boolean;
  rationale: string;
}

export interface QuizResultData {
  id: string;
  percent: number;
  correct: number;
  total: number;
  passed: boolean;
  passPercent: number;
  questions: ResultQuestion[];
}

export function QuizResult({
  result,
  bestPercent,
  waitingForTime = false,
}: {
  result: QuizResultData;
  bestPercent: number | null;
  /** Passed, but the course's minimum time on the unit is not reached yet (docs/decisions/017-time-on-task.md). */
  waitingForTime?: boolean;
}) {
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
          : 'That is part of learning. Read the notes below, look back at the unit if it helps, and try again when you are ready. There is no penalty for trying again.'}
        {bestPercent !== null ? ` Your best score so far: ${bestPercent}%.` : ''}
      </p>
      <ol>
        {result.questions.map((q) => (
          <li key={q.id} className={`card ${q.right ? 'result-right' : 'result-wrong'}`}>
            <p>
              <strong>{q.prompt}</strong>
            </p>
            <p className="badge">{q.right ? 'Well answered' : q.chosen.length ? 'Not quite' : 'Not answered'}</p>
            <ul>
              {q.options.map((o) => {
                const chosen = q.chosen.includes(o.id);
                const correct = q.answer.includes(o.id);
                return (
                  <li key={o.id}>
                    {o.text}
                    {chosen ? <strong> (your answer)</strong> : null}
                    {correct ? <strong> (a correct answer)</strong> : null}
                  </li>
                );
              })}
            </ul>
            <p>
              <strong>Why: </strong>
              {q.rationale}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
