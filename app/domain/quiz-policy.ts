// The quiz review and feedback choices. Pure constants, kept apart from the zod content schema so
// that a page which offers them as options does not pull zod into the browser bundle.

/** When a trainee may see, for a submitted quiz, which answers were right, the key and the rationales. */
export const REVIEW_POLICIES = ['after-each-attempt', 'after-pass-or-last', 'never'] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];
/** What a trainee sees of a submitted attempt before review opens. */
export const FEEDBACK_POLICIES = ['which-wrong', 'score-only'] as const;
export type FeedbackPolicy = (typeof FEEDBACK_POLICIES)[number];
