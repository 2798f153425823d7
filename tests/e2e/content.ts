import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';

// The test reads the course's own files to know the right answers, as a trainer with the
// answer key would. Nothing here reaches the browser.

export interface QuizQ {
  id: string;
  type: 'single' | 'multiple' | 'truefalse';
  prompt: string;
  options?: { id: string; text: string }[];
  answer: string | string[] | boolean;
  rationale: string;
  section?: string;
}
export interface UnitInfo {
  slug: string;
  title: string;
  /** The first `##` heading of the unit's text. */
  firstHeading: string;
  quiz: { passPercent: number; draw?: number; questions: QuizQ[] } | null;
}

const DIR = 'content/courses/peer-support-core/units';

export function courseUnits(): UnitInfo[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((f) => {
      const src = readFileSync(`${DIR}/${f}`, 'utf8');
      const fm = parse(src.split(/^---$/m)[1]);
      let quiz = null;
      try {
        quiz = parse(readFileSync(`${DIR}/${f.replace(/\.mdx$/, '.quiz.yaml')}`, 'utf8'));
      } catch {
        quiz = null;
      }
      const firstHeading = src.match(/^## (.+)$/m)?.[1].trim() ?? '';
      return { slug: fm.slug, title: fm.title, firstHeading, quiz };
    });
}

/** Option labels to choose for a right (or deliberately wrong) answer. */
export function choices(q: QuizQ, right: boolean): string[] {
  if (q.type === 'truefalse') return [q.answer === right ? 'True' : 'False'];
  const opts = q.options ?? [];
  const answers = Array.isArray(q.answer) ? q.answer : [String(q.answer)];
  if (right) return opts.filter((o) => answers.includes(o.id)).map((o) => o.text);
  const wrong = opts.find((o) => !answers.includes(o.id));
  return [wrong ? wrong.text : opts[0].text].slice(0, 1);
}

/**
 * The ids of the questions this attempt asks, in the order shown, read from the form's field
 * names (q:<id>): each attempt draws its own questions and order.
 */
export async function askedQuestionIds(page: { content(): Promise<string> }): Promise<string[]> {
  const html = await page.content();
  return [...new Set([...html.matchAll(/name="q:([a-z0-9-]+)"/g)].map((m) => m[1]))];
}

/** A question of a unit's quiz by id (the answer key, from the course files). */
export function questionById(unit: UnitInfo, id: string): QuizQ {
  const q = unit.quiz?.questions.find((x) => x.id === id);
  if (!q) throw new Error(`question ${id} is not in ${unit.slug}'s quiz`);
  return q;
}
