import type { Kysely } from 'kysely';
import type { Quiz } from '../../app/content/schema';
import type { Responses } from '../../app/domain/quiz';
import { openQuizDraw, submitDrawnAttempt } from '../../app/models/quiz-attempt.server';
import type { Database } from '../../db/schema';

/**
 * Answers a unit quiz the way the quiz page does: open a draw of its questions, then submit
 * answers to that draw. Returns the submission and the draw (the quiz as asked).
 */
export async function answerQuiz(
  db: Kysely<Database>,
  input: {
    userId: string;
    courseSlug: string;
    unitSlug: string;
    quiz: Quiz;
    contentVersion: string;
    responses: Responses;
    minimumUnitMinutes?: number;
  },
  now: number,
) {
  const draw = await openQuizDraw(db, input, now);
  const submitted = await submitDrawnAttempt(db, { ...input, drawId: draw.id }, now);
  return { ...submitted, draw };
}
