import { type AttemptFeedback, type FeedbackQuestion, TRUE_FALSE_OPTIONS } from '~/domain/quiz';
import { useT } from '~/i18n/react';

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

/**
 * An option's words in the page's language: a true/false question's two options are the app's
 * own words (TRUE_FALSE_OPTIONS in app/domain/quiz.ts), the rest come from the course.
 */
export function useOptionText() {
  const t = useT();
  const [yes, no] = TRUE_FALSE_OPTIONS;
  return (o: { id: string; text: string }): string =>
    o.id === yes.id && o.text === yes.text
      ? t('trainee.quiz.true')
      : o.id === no.id && o.text === no.text
        ? t('trainee.quiz.false')
        : o.text;
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
  const t = useT();
  const optionText = useOptionText();
  return (
    <section id="result" aria-labelledby="result-heading" className="card" tabIndex={-1}>
      <h2 id="result-heading">{t(result.passed ? 'trainee.result.passed' : 'trainee.result.notYet')}</h2>
      <p className={result.passed ? 'success' : 'notice'}>
        {t('trainee.result.score', {
          correct: result.correct,
          total: result.total,
          percent: result.percent,
          passPercent: result.passPercent,
        })}{' '}
        {t(
          result.passed
            ? waitingForTime
              ? 'trainee.result.passWaiting'
              : 'trainee.result.unitComplete'
            : 'trainee.result.keepGoing',
        )}
        {bestPercent !== null ? t('trainee.result.best', { percent: bestPercent }) : ''}
        {!result.passed && waitUntil ? t('trainee.result.nextAttempt', { when: waitUntil }) : ''}
      </p>
      {!review.showKey && !result.passed ? (
        <p>{t(review.showWhichRight ? 'trainee.result.hiddenWhich' : 'trainee.result.scoreOnly')}</p>
      ) : null}
      {result.passed ? null : (
        <SectionLinks
          sections={result.sections}
          lead={t(review.showWhichRight ? 'trainee.result.sectionsToReview' : 'trainee.result.sectionsAsked')}
        />
      )}
      {result.questions.length ? (
        <ol>
          {result.questions.map((q) => (
            <li key={q.id} className={`card ${q.right ? 'result-right' : 'result-wrong'}`}>
              <p>
                <strong>{q.prompt}</strong>
              </p>
              <p className="badge">
                {t(
                  q.right
                    ? 'trainee.result.wellAnswered'
                    : q.chosen.length
                      ? 'trainee.result.notQuite'
                      : 'trainee.result.notAnswered',
                )}
              </p>
              <ul>
                {q.options.map((o) => (
                  <li key={o.id}>
                    {optionText(o)}
                    {q.chosen.includes(o.id) ? <strong>{t('trainee.result.yourAnswer')}</strong> : null}
                    {q.answer?.includes(o.id) ? <strong>{t('trainee.result.correctAnswer')}</strong> : null}
                  </li>
                ))}
              </ul>
              {q.rationale ? (
                <p>
                  <strong>{t('trainee.result.why')}</strong>
                  {q.rationale}
                </p>
              ) : null}
              {!q.right && q.anchor && q.section ? (
                <p>
                  {t('trainee.result.lookAgain', {
                    section: q.section,
                    link: (chunks) => <a href={`#${q.anchor}`}>{chunks}</a>,
                  })}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
