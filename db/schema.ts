import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Times are epoch milliseconds (integers on SQLite, bigint on
 * PostgreSQL), booleans are 0/1 integers, JSON is stored as text: one representation that
 * both engines read and write the same way. Ids are random UUID strings made by the app.
 */
export type Role = 'trainee' | 'trainer' | 'author' | 'admin';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  /** Exam time accommodation: deadline = start + limit x multiplier. */
  time_multiplier: Generated<number>;
  /** 1 = exam attempts have no time limit at all. */
  no_time_limit: Generated<number>;
  created_at: number;
  /** When the owner followed the confirmation link; null = unconfirmed (can learn, gets only confirmation mail). */
  email_verified_at: number | null;
  /** Full legal name for the certificate; null until the person gives it. Only they or an admin change it. */
  legal_name: string | null;
  /** When the person confirmed the legal name as correct for their certificate; reset when it changes. */
  legal_name_confirmed_at: number | null;
}

export interface SessionsTable {
  /** sha256 of the cookie token, so a copy of the database cannot be used to sign in. */
  id: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

/**
 * Counted attempts: a login reserves one row per key before it hashes, and removes them when
 * the password was right; a signup keeps its row. Keys: "email:<email>", "ip:<address>",
 * "device:<id>", "signup:<address>".
 */
export interface LoginFailuresTable {
  id: string;
  key: string;
  at: number;
}

/** One row per throttle key, written first to serialise attempts on that key. */
export interface ThrottleLocksTable {
  key: string;
  touched_at: number;
}

export interface CohortsTable {
  id: string;
  name: string;
  starts_on: string;
  ends_on: string;
  join_code: string;
  trainer_id: string;
  created_at: number;
}

export interface CohortMembersTable {
  cohort_id: string;
  user_id: string;
  joined_at: number;
}

export interface UnitProgressTable {
  user_id: string;
  course_slug: string;
  unit_slug: string;
  /** null until complete */
  completed_at: number | null;
  /** 'quiz' | 'manual' */
  completed_by: string | null;
  best_percent: number | null;
  last_visited_at: number;
}

export interface QuizAttemptsTable {
  id: string;
  user_id: string;
  course_slug: string;
  unit_slug: string;
  /** Hash of the quiz file as it was when the attempt was made. */
  content_version: string;
  /** JSON: the questions, options, answers and rationales exactly as asked. */
  snapshot: string;
  /** JSON: question id -> chosen option ids */
  responses: string;
  correct: number;
  total: number;
  percent: number;
  passed: number;
  submitted_at: number;
  /** A form token: the same submission twice is stored once. */
  submission_key: string;
}

/**
 * The questions one quiz attempt asks, drawn and stored when the quiz is first shown; the
 * submission is scored against this and nothing else.
 */
export interface QuizDrawsTable {
  id: string;
  user_id: string;
  course_slug: string;
  unit_slug: string;
  content_version: string;
  seed: string;
  /** JSON: the quiz as drawn (questions in order, options in order, answers, rationales). */
  snapshot: string;
  created_at: number;
  /** Set when any attempt at this unit is submitted: a closed draw cannot be answered. */
  closed_at: number | null;
  /** The attempt that answered this draw. */
  attempt_id: string | null;
}

export interface CohortQuizSettingsTable {
  cohort_id: string;
  /** JSON: the group's overrides of the course's quiz rules; a missing key = the course's. */
  settings: string;
  updated_at: number;
  updated_by: string;
}

export interface CohortSettingsHistoryTable {
  id: string;
  cohort_id: string;
  actor_id: string;
  at: number;
  /** JSON settings before and after the change. */
  before: string;
  after: string;
}

export interface ReflectionsTable {
  user_id: string;
  course_slug: string;
  unit_slug: string;
  reflection_id: string;
  body: string;
  updated_at: number;
}

export interface ExamAttemptsTable {
  id: string;
  user_id: string;
  course_slug: string;
  form_id: string;
  /** 'in_progress' | 'submitted' | 'graded' | 'released' */
  status: string;
  seed: string;
  /** The pass mark as it was when the attempt started. */
  pass_percent: number;
  content_version: string;
  started_at: number;
  /** null = no time limit (accommodation) */
  deadline_at: number | null;
  submitted_at: number | null;
  /** 'trainee' | 'deadline' */
  submitted_by: string | null;
  objective_correct: number | null;
  objective_total: number | null;
  written_points: number | null;
  written_max: number | null;
  final_percent: number | null;
  passed: number | null;
  released_at: number | null;
  released_by: string | null;
  /** Random, unrelated to any id: names the attempt in grading until release (ADR 015). */
  grading_token: string;
}

export interface ExamAttemptItemsTable {
  id: string;
  attempt_id: string;
  position: number;
  item_id: string;
  /** 'choice' | 'written' */
  kind: string;
  area: string;
  /** JSON snapshot of the item as drawn (shuffled options, answer, rationale, rubric). */
  snapshot: string;
  /** JSON: chosen option id, or written text; null when unanswered. */
  response: string | null;
  flagged: Generated<number>;
  saved_at: number | null;
  /** 1/0 once scored (choice items at submit); null for written items. */
  correct: number | null;
}

/**
 * One row per finalised exam attempt, written in the finalise transaction: what item analysis
 * reads (app/models/exam-responses.server.ts owns the format; ADR 021).
 */
export interface ExamAttemptResponsesTable {
  attempt_id: string;
  /** JSON, position order: [position, item id, correct 0|1, option id | null] (choice) or [position, item id, attempt item id] (written). */
  responses: string;
}

export interface GradesTable {
  id: string;
  attempt_item_id: string;
  grader_id: string;
  /** 'draft' | 'final' */
  status: string;
  /** JSON: criterion id -> chosen points */
  levels: string;
  /** JSON: criterion id -> comment */
  comments: string;
  overall_comment: string;
  points: number;
  max_points: number;
  updated_at: number;
}

export interface GradeEventsTable {
  id: string;
  grade_id: string;
  actor_id: string;
  at: number;
  /** 'finalised' | 'regraded' */
  action: string;
  from_points: number | null;
  to_points: number;
  reason: string;
}

export interface ContentRevisionsTable {
  id: string;
  path: string;
  author_id: string;
  at: number;
  before_hash: string;
  after_hash: string;
  diff: string;
}

/** Append-only: one row per credited interval of time on a unit (docs/decisions/017-time-on-task.md). */
export interface UnitTimeIntervalsTable {
  id: string;
  user_id: string;
  course_slug: string;
  unit_slug: string;
  started_at: number;
  ended_at: number;
  seconds: number;
  /** 'heartbeat' | 'request' */
  source: string;
}

/** The sum of unit_time_intervals per trainee and unit, kept in the same transaction. */
export interface UnitTimeTotalsTable {
  user_id: string;
  course_slug: string;
  unit_slug: string;
  seconds: number;
}

/** One per trainee: where crediting stands (see app/domain/time-on-task.ts). */
export interface UnitTimeClocksTable {
  user_id: string;
  /** Bumped by every change: writers compare and set it. */
  version: number;
  credited_until: number | null;
  page_course: string | null;
  page_unit: string | null;
  page_at: number | null;
  page_js: Generated<number>;
}

/**
 * Mail waiting to go out, written in the same transaction as the event that causes it
 * (docs/decisions/018-mail-outbox-and-account-tokens.md). status: 'pending' (due at
 * next_attempt_at), 'sent' (accepted by SMTP), 'logged' (no SMTP_URL: printed to the log),
 * 'failed' (gave up after the last attempt; last_error says why).
 */
export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** Why the person got it, e.g. 'password-reset' (also said in the message itself). */
  reason: string;
  status: string;
  created_at: number;
  attempts: Generated<number>;
  next_attempt_at: number;
  sent_at: number | null;
  last_error: string | null;
  /** The worker holding the message and until when: a lease, so a crashed worker's claim lapses. */
  claimed_by: string | null;
  claimed_until: number | null;
}

/** Single-use links mailed to a user; only the SHA-256 of the token is stored. */
export interface AccountTokensTable {
  id: string;
  user_id: string;
  /** 'reset' | 'verify' */
  purpose: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  throttle_locks: ThrottleLocksTable;
  cohorts: CohortsTable;
  cohort_members: CohortMembersTable;
  unit_progress: UnitProgressTable;
  quiz_attempts: QuizAttemptsTable;
  quiz_draws: QuizDrawsTable;
  cohort_quiz_settings: CohortQuizSettingsTable;
  cohort_settings_history: CohortSettingsHistoryTable;
  reflections: ReflectionsTable;
  exam_attempts: ExamAttemptsTable;
  exam_attempt_items: ExamAttemptItemsTable;
  exam_attempt_responses: ExamAttemptResponsesTable;
  grades: GradesTable;
  grade_events: GradeEventsTable;
  content_revisions: ContentRevisionsTable;
  unit_time_intervals: UnitTimeIntervalsTable;
  unit_time_totals: UnitTimeTotalsTable;
  unit_time_clocks: UnitTimeClocksTable;
  outbox: OutboxTable;
  account_tokens: AccountTokensTable;
}
