import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Times are epoch milliseconds (integers on SQLite, bigint on
 * PostgreSQL), booleans are 0/1 integers, JSON is stored as text: one representation that
 * both engines read and write the same way. Ids are random UUID strings made by the app.
 */
export type Role = 'trainee' | 'trainer' | 'author' | 'admin';
/** An exam attempt's life: answered, then submitted (by the trainee or the deadline), graded, released. */
export type AttemptStatus = 'in_progress' | 'submitted' | 'graded' | 'released';
export type ItemKind = 'choice' | 'written';
export type GradeStatus = 'draft' | 'final';
export type OutboxStatus = 'pending' | 'sent' | 'logged' | 'failed';

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
  /** When an admin deactivated the account: no session works and login is refused; null = active. */
  deactivated_at: number | null;
  /** The interface language the person chose ('en', 'es'); null = not chosen (group, then browser decide). */
  locale: string | null;
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
  /** The group's owner (also a cohort_trainers row with role 'owner'); scope goes through cohort_trainers. */
  trainer_id: string;
  created_at: number;
  /** Archived groups leave the dashboard and refuse their join code; records stay. */
  archived_at: number | null;
  /** The join code stops working at this time; null = no expiry. */
  join_code_expires_at: number | null;
  /** 1 = joining by code makes a request the trainer approves or declines. */
  join_requires_approval: Generated<number>;
  /** The group's language: its members' default interface language and course edition; null = not set. */
  locale: string | null;
}

/** Every trainer of a group: the owner ('owner') and co-trainers ('co'). Each sees and grades the group. */
export interface CohortTrainersTable {
  cohort_id: string;
  user_id: string;
  /** 'owner' | 'co' */
  role: string;
  added_at: number;
}

/** Someone who entered a join code that needs approval; removed when approved (-> member) or declined. */
export interface CohortJoinRequestsTable {
  cohort_id: string;
  user_id: string;
  requested_at: number;
}

/** Admin actions and account events worth keeping (docs/decisions/026-groups-rosters-and-admin.md). */
export interface AuditLogTable {
  id: string;
  at: number;
  /** Who did it; null for the system. */
  actor_id: string | null;
  /** 'role-changed' | 'deactivated' | 'reactivated' | 'reset-sent' | 'account-deleted' */
  action: string;
  target_user_id: string | null;
  /** JSON: what changed, e.g. {"from":"trainee","to":"trainer"}. */
  detail: string;
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
  completed_by: 'quiz' | 'manual' | null;
  best_percent: number | null;
  last_visited_at: number;
}

export interface QuizAttemptsTable {
  id: string;
  user_id: string;
  course_slug: string;
  unit_slug: string;
  /** Hash of the quiz file as it was when the attempt was made. */
  /** The published content tree the trainee was shown (null before the content store). */
  content_tree_id: string | null;
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
  /** The edition (language) it was drawn in: en, es, ... (migration 0017). */
  locale: Generated<string>;
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
  /** The published content tree the trainee was shown (null before the content store). */
  content_tree_id: string | null;
  content_version: string;
  seed: string;
  /** JSON: the quiz as drawn (questions in order, options in order, answers, rationales). */
  snapshot: string;
  created_at: number;
  /** Set when any attempt at this unit is submitted: a closed draw cannot be answered. */
  closed_at: number | null;
  /** The attempt that answered this draw. */
  attempt_id: string | null;
  /** The edition (language) it was drawn in: en, es, ... (migration 0017). */
  locale: Generated<string>;
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
  /** The edition (language) of the unit it was written in (migration 0017). */
  locale: Generated<string>;
}

export interface ExamAttemptsTable {
  id: string;
  user_id: string;
  course_slug: string;
  form_id: string;
  status: AttemptStatus;
  seed: string;
  /** The pass mark as it was when the attempt started. */
  pass_percent: number;
  /** The published content tree the trainee was shown (null before the content store). */
  content_tree_id: string | null;
  content_version: string;
  started_at: number;
  /** null = no time limit (accommodation) */
  deadline_at: number | null;
  submitted_at: number | null;
  submitted_by: 'trainee' | 'deadline' | null;
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
  /** The edition (language) it was drawn in: en, es, ... (migration 0017). */
  locale: Generated<string>;
}

export interface ExamAttemptItemsTable {
  id: string;
  attempt_id: string;
  position: number;
  item_id: string;
  /** 'choice' | 'written' */
  kind: ItemKind;
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
  status: GradeStatus;
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
  action: 'finalised' | 'regraded';
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
  source: 'heartbeat' | 'request';
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
  status: OutboxStatus;
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
  purpose: 'reset' | 'verify' | 'email-change' | 'invite';
  created_at: number;
  expires_at: number;
  used_at: number | null;
  /** The address an 'email-change' link confirms; null for other purposes. */
  new_email: Generated<string | null>;
}

/**
 * In-app notifications (docs/decisions/025-notifications-and-profile.md). `mail` says what
 * happens by email: 'none' (preference off, or not mailable), 'sent' (queued in the outbox
 * with the event), 'separate' (an account-security notice whose own message was queued),
 * 'digest' (waiting for the daily digest), 'digested' (in the digest named by digest_id).
 */
export interface NotificationsTable {
  id: string;
  user_id: string;
  /** 'result' | 'announcement' | 'account' | 'certificate' */
  kind: string;
  title: string;
  body: string;
  /** A path inside the app, or null. */
  link: string | null;
  created_at: number;
  read_at: number | null;
  mail: string;
  digest_id: string | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  /** JSON: kind -> 'each' | 'daily' | 'never'; a missing kind = the default. */
  settings: string;
  updated_at: number;
}

/** A trainer's announcement to one or more groups; goes live at publish_at. */
export interface AnnouncementsTable {
  id: string;
  author_id: string;
  title: string;
  /** Markdown (a small subset, rendered safely by app/domain/safe-markdown.ts). */
  body: string;
  created_at: number;
  publish_at: number;
  /** When it went live and its notifications were made; null while scheduled. */
  published_at: number | null;
}

export interface AnnouncementCohortsTable {
  announcement_id: string;
  cohort_id: string;
}

export interface AnnouncementDismissalsTable {
  announcement_id: string;
  user_id: string;
  dismissed_at: number;
}

/** A short practice set (docs/decisions/027-practice-and-readiness.md). */
export interface PracticeSetsTable {
  id: string;
  user_id: string;
  course_slug: string;
  size: number;
  seed: string;
  content_version: string;
  created_at: number;
  completed_at: number | null;
  /** The edition (language) it was drawn in: en, es, ... (migration 0017). */
  locale: Generated<string>;
}

export interface PracticeSetItemsTable {
  id: string;
  set_id: string;
  position: number;
  item_id: string;
  area: string;
  /** 'review' | 'new' */
  reason: string;
  /** JSON: prompt, shuffled options, key and rationale as drawn. */
  snapshot: string;
  /** The chosen option id; null until answered (answered once). */
  response: string | null;
  correct: number | null;
  answered_at: number | null;
}

/** Spaced review of a missed item: ladder step, due Pacific day (YYYY-MM-DD), right answers at the top. */
export interface PracticeReviewsTable {
  user_id: string;
  course_slug: string;
  item_id: string;
  step: number;
  due_day: string;
  top_streak: number;
  retired_at: number | null;
  updated_at: number;
}

/**
 * Certificates of completion (docs/decisions/023-certificates-and-verification.md). `facts` is a
 * JSON snapshot of what the certificate states (app/models/certificate.server.ts decodes it).
 * A reissue revokes the old row (replaced_by_id) and adds a new one (replaces_id).
 */
export interface CertificatesTable {
  id: string;
  /** The public number, 'XXXX-XXXX-XXXX-XXXX' (app/domain/certificate-number.ts). */
  number: string;
  user_id: string;
  course_slug: string;
  /** The course completion that caused it (course_completions.id), kept as text. */
  completion_id: string;
  facts: string;
  /** This certificate's bit in the revocation status list of its Open Badges credential. */
  status_index: number;
  issued_at: number;
  issued_by: string;
  replaces_id: string | null;
  revoked_at: number | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  replaced_by_id: string | null;
}

/** A live class a trainer schedules for a group (docs/decisions/022-training-hours-ledger.md). */
export interface TrainingSessionsTable {
  id: string;
  cohort_id: string;
  /** The course whose hours the session counts toward. */
  course_slug: string;
  title: string;
  starts_at: number;
  duration_minutes: number;
  /** 'in-person' | 'online' */
  mode: string;
  /** JSON: competency ids from content/competencies.yaml. */
  competencies: string;
  notes: string;
  /** 1 = a make-up session (counts toward the same hours). */
  makeup: Generated<number>;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface SessionAttendanceTable {
  session_id: string;
  user_id: string;
  /** 'present' | 'late' | 'left-early' | 'absent' | 'excused' */
  status: string;
  /** Minutes attended as recorded (the ledger caps them at the session's length). */
  minutes: number;
  /** 'manual' | 'zoom' */
  source: string;
  updated_by: string;
  updated_at: number;
}

/** Append-only: who changed a session, an attendance mark or an adjustment, when, from what to what. */
export interface TrainingRecordHistoryTable {
  id: string;
  /** The group of a session or attendance edit; null for an adjustment (it belongs to the trainee). */
  cohort_id: string | null;
  /** 'session' | 'attendance' | 'adjustment' */
  kind: string;
  /** The session id (session, attendance) or adjustment id. */
  subject_id: string;
  /** The trainee concerned (attendance, adjustment). */
  user_id: string | null;
  actor_id: string;
  at: number;
  /** JSON before and after; null before = created. */
  before: string | null;
  after: string | null;
}

/** Minutes a trainer adds (or removes, negative) by hand, with the reason. */
export interface HourAdjustmentsTable {
  id: string;
  user_id: string;
  course_slug: string;
  /** 'live' | 'self-paced' */
  kind: string;
  minutes: number;
  reason: string;
  created_by: string;
  created_at: number;
  /** A form token: the same submission twice is stored once. */
  submission_key: string;
}

/** A trainer's (or admin's) confirmation that a trainee completed a course; the ledger as it stood then. */
export interface CourseCompletionsTable {
  id: string;
  user_id: string;
  course_slug: string;
  confirmed_by: string;
  confirmed_at: number;
  live_minutes: number;
  self_paced_minutes: number;
  adjustment_minutes: number;
}

/** Content versions (docs/decisions/030-content-store.md): file bytes by SHA-256, immutable. */
export interface ContentBlobsTable {
  hash: string;
  bytes: Uint8Array;
  size: number;
}
/** An immutable version of the whole content folder. */
export interface ContentTreesTable {
  id: string;
  parent_id: string | null;
  author_id: string | null;
  message: string;
  created_at: number;
  /** JSON: { [path relative to the content folder]: blob hash } */
  manifest: string;
  kind: 'import' | 'edit' | 'publish' | 'rollback' | 'revert';
}
/** Named pointers to trees: published (what trainees see), draft (what authors edit), synced (last import or export). */
export interface ContentHeadsTable {
  name: 'published' | 'draft' | 'synced';
  tree_id: string;
  updated_at: number;
}
export interface ContentPublishesTable {
  id: string;
  tree_id: string;
  previous_tree_id: string | null;
  author_id: string | null;
  message: string;
  at: number;
}
/** Compiled MDX shared by every instance: key = hash of compiler version, edition and source. */
export interface ContentCompiledTable {
  key: string;
  compiled: string;
  created_at: number;
}

export interface Database {
  content_blobs: ContentBlobsTable;
  content_trees: ContentTreesTable;
  content_heads: ContentHeadsTable;
  content_publishes: ContentPublishesTable;
  content_compiled: ContentCompiledTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  throttle_locks: ThrottleLocksTable;
  cohorts: CohortsTable;
  cohort_members: CohortMembersTable;
  cohort_trainers: CohortTrainersTable;
  cohort_join_requests: CohortJoinRequestsTable;
  audit_log: AuditLogTable;
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
  practice_sets: PracticeSetsTable;
  practice_set_items: PracticeSetItemsTable;
  practice_reviews: PracticeReviewsTable;
  certificates: CertificatesTable;
  training_sessions: TrainingSessionsTable;
  session_attendance: SessionAttendanceTable;
  training_record_history: TrainingRecordHistoryTable;
  hour_adjustments: HourAdjustmentsTable;
  course_completions: CourseCompletionsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  announcements: AnnouncementsTable;
  announcement_cohorts: AnnouncementCohortsTable;
  announcement_dismissals: AnnouncementDismissalsTable;
}
