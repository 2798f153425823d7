import { z } from 'zod';
import { FEEDBACK_POLICIES, REVIEW_POLICIES } from '../domain/quiz-policy';
import { urlProblem } from './urls';

export { FEEDBACK_POLICIES, type FeedbackPolicy, REVIEW_POLICIES, type ReviewPolicy } from '../domain/quiz-policy';

// The content formats, as documented in content/README.md. Pure: no I/O.

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and dashes');
const text = z
  .string({ error: (i) => (i.input === undefined || i.input === null ? 'is missing or empty: write it here' : 'must be text') })
  .trim()
  .min(1, 'must not be empty');
const optionId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a short lowercase id like a, b, c');

// A source's address goes into an href: the same scheme rule as links in units.
const linkUrl = z.url().superRefine((url, ctx) => {
  const why = urlProblem(url);
  if (why) ctx.addIssue({ code: 'custom', message: why });
});

const reviewPolicy = z.enum(REVIEW_POLICIES);
const feedbackPolicy = z.enum(FEEDBACK_POLICIES);

export const competenciesFileSchema = z.strictObject({
  competencies: z.array(z.strictObject({ id: slug, title: text })).min(1),
});

export const courseSchema = z.strictObject({
  slug,
  title: text,
  description: text,
  disclaimer: text.optional(),
  rules: z
    .strictObject({
      quizAttemptLimit: z.number().int().min(1).nullable().default(null),
      quizWaitMinutes: z.number().int().min(0).default(0),
      quizReview: reviewPolicy.default('after-pass-or-last'),
      quizFeedback: feedbackPolicy.default('which-wrong'),
      // Minutes of measured time on a unit before its quiz (or "mark done") completes it; absent or 0 = off.
      minimumUnitMinutes: z.number().int().min(0).max(600).optional(),
    })
    .default({ quizAttemptLimit: null, quizWaitMinutes: 0, quizReview: 'after-pass-or-last', quizFeedback: 'which-wrong' }),
  sources: z.array(z.strictObject({ title: text, url: linkUrl, note: text.optional() })).default([]),
  // Old unit slugs and the unit each now leads to (written by the studio's rename): old URLs
  // answer 301, and trainees' records move with the unit (docs/decisions/031-studio-edits-everything.md).
  redirects: z.record(slug, slug).default({}),
  // What completes the course (docs/decisions/022-training-hours-ledger.md): every unit, the
  // required hours, and optionally a minimum of live hours and a passed practice exam. Absent =
  // the course has no completion to confirm.
  completion: z
    .strictObject({
      requiredHours: z.number().positive().max(1000),
      minimumLiveHours: z.number().positive().max(1000).optional(),
      requirePassedExam: z.boolean().default(false),
    })
    .refine((c) => c.minimumLiveHours === undefined || c.minimumLiveHours <= c.requiredHours, {
      message: 'minimumLiveHours must not be more than requiredHours',
      path: ['minimumLiveHours'],
    })
    .optional(),
});
export type Course = z.output<typeof courseSchema>;

export const frontmatterSchema = z.strictObject({
  title: text,
  slug,
  order: z.number().int().min(1),
  summary: text,
  minutes: z.number().int().min(1).max(600),
  objectives: z.array(text).min(1, 'list at least one learning objective'),
  competencies: z.array(slug).min(1, 'tag at least one competency'),
  contentNote: text.optional(),
  /** A retired unit is kept with its records but no longer listed or counted toward the exam. */
  retired: z.boolean().optional(),
});
export type UnitFrontmatter = z.output<typeof frontmatterSchema>;

const option = z.strictObject({ id: optionId, text });

const questionBase = {
  id: slug,
  prompt: text,
  rationale: z.string({ message: 'every question needs a rationale' }).trim().min(1, 'every question needs a rationale'),
  /** The exact text of a `## ` heading in the unit that teaches this question. */
  section: text.optional(),
  /** A label for drawing by tag (`drawBy: tag`). */
  tag: text.optional(),
};

export const quizQuestionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...questionBase,
    type: z.literal('single'),
    options: z.array(option).min(2),
    fixedOrder: z.boolean().optional(),
    answer: optionId,
  }),
  z.strictObject({
    ...questionBase,
    type: z.literal('multiple'),
    // The quiz already says "Choose all that apply." under every multiple-answer question.
    prompt: text.refine((p) => !/choose all that apply/i.test(p), {
      message: 'leave "Choose all that apply" out of the prompt: the page already says it under every multiple-answer question',
    }),
    options: z.array(option).min(2),
    fixedOrder: z.boolean().optional(),
    answer: z.array(optionId).min(1, 'choose at least one correct option'),
  }),
  z.strictObject({ ...questionBase, type: z.literal('truefalse'), fixedOrder: z.boolean().optional(), answer: z.boolean() }),
]);
export type QuizQuestion = z.output<typeof quizQuestionSchema>;

export const quizSchema = z.strictObject({
  passPercent: z.number().min(1).max(100),
  /** Questions asked per attempt; omitted = every question. */
  draw: z.number().int().min(1).optional(),
  /** Spread the draw evenly over the questions' sections (or tags). */
  drawBy: z.enum(['section', 'tag']).optional(),
  review: reviewPolicy.optional(),
  questions: z.array(quizQuestionSchema).min(1, 'a quiz needs at least one question'),
});
export type Quiz = z.output<typeof quizSchema>;

/** Where an exam-bank item may be asked: practice sets only, the practice exam only, or both. */
export const ITEM_USES = ['practice', 'exam', 'both'] as const;
export type ItemUse = (typeof ITEM_USES)[number];

export const examItemSchema = z.strictObject({
  id: slug,
  /** Absent = both (every item written before the field existed). */
  use: z.enum(ITEM_USES, { message: 'use must be practice, exam or both' }).default('both'),
  competencies: z.array(slug).min(1),
  prompt: text,
  options: z.array(option).min(2),
  answer: optionId,
  rationale: z.string({ message: 'every item needs a rationale' }).trim().min(1, 'every item needs a rationale'),
});
// `use` is optional here so hand-built items (tests, fixtures) need not name it: absent = both.
export type ExamItem = Omit<z.output<typeof examItemSchema>, 'use'> & { area: string; use?: ItemUse };

export const itemFileSchema = z.strictObject({ area: slug, items: z.array(examItemSchema) });

export const rubricCriterionSchema = z.strictObject({
  id: slug,
  criterion: text,
  // anchor: a sample answer at this level, so two graders place answers alike. Author and grader
  // views only: trainee loaders pick the fields they send and never include it.
  levels: z.array(z.strictObject({ points: z.number().min(0), description: text, anchor: text.optional() })).min(2),
});
export const scenarioSchema = z.strictObject({
  id: slug,
  area: slug,
  competencies: z.array(slug).min(1),
  prompt: text,
  rubric: z.array(rubricCriterionSchema).min(1),
});
export type Scenario = z.output<typeof scenarioSchema>;
export const scenariosFileSchema = z.strictObject({ scenarios: z.array(scenarioSchema) });

export const examFormSchema = z.strictObject({
  id: slug,
  title: text,
  description: text,
  timeLimitMinutes: z.number().int().min(1),
  attemptsAllowed: z.number().int().min(1).nullable(),
  waitHoursBetweenAttempts: z.number().min(0),
  scenarios: z.number().int().min(0),
  blueprint: z.record(slug, z.number().int().min(0)),
});
export type ExamForm = z.output<typeof examFormSchema>;

export const examSchema = z.strictObject({
  title: text,
  notice: text,
  passPercent: z.number().min(1).max(100),
  areas: z.array(z.strictObject({ id: slug, title: text, units: z.array(slug).default([]) })).min(1),
  forms: z.array(examFormSchema).min(1),
  review: z.strictObject({
    afterSubmit: z.enum(['none', 'score', 'full']),
    afterRelease: z.enum(['score', 'full']),
  }),
});
export type ExamDefinition = z.output<typeof examSchema>;
