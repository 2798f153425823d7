// The benchmark dataset: blocks of trainees in cohorts, every unit's quiz passed, and exam
// attempts with written answers, most of them graded and released. The database grows one
// block at a time, so 4x and 16x are the 1x data plus 3 or 15 more blocks.
import { createHash, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { type CourseSource, type ExamContent, loadContentSources } from '../app/content/load.server';
import type { ExamForm } from '../app/content/schema';
import { drawExam, rubricMax } from '../app/domain/exam';
import { answerOf, optionsOf, type Responses, scoreQuiz } from '../app/domain/quiz';
import { rng } from '../app/domain/random';
import { hashPassword } from '../app/infra/password.server';
import { encodeAttemptResponses, type FinalisedItem } from '../app/models/exam-responses.server';
import { newGradingToken } from '../app/models/grading.server';
import { isPostgresUrl, openDatabase } from '../db/connect';
import { postgresClient, postgresSink, type Sink, sqliteSink } from './sink';

/** The size of one block (the 1x dataset). */
export interface Shape {
  trainees: number;
  cohorts: number;
  /** Trainees in the first cohort of each block: the dashboard the benchmark opens. */
  dashboardCohort: number;
  examAttempts: number;
}
export const FULL_SHAPE: Shape = { trainees: 2000, cohorts: 40, dashboardCohort: 200, examAttempts: 3000 };
export const SMOKE_SHAPE: Shape = { trainees: 50, cohorts: 4, dashboardCohort: 20, examAttempts: 40 };

export const BENCH_PASSWORD = 'bench-password-not-secret';
export const EXAM_FORM = 'short';
const DAY = 86_400_000;

export interface Dataset {
  courseSlug: string;
  unitSlugs: string[];
  adminEmail: string;
  /** The first cohort of block 0 and its trainer. */
  dashboardCohortId: string;
  dashboardTrainerEmail: string;
  /** A trainee (not in the dashboard cohort) who reads the unit page under load. */
  readerEmail: string;
  /** Trainee ids of block 0 outside the dashboard cohort, for the exam burst. */
  burstCandidates: string[];
}

export interface Content {
  course: CourseSource;
  exam: ExamContent;
  form: ExamForm;
}

export async function loadBenchContent(root = resolve('content')): Promise<Content> {
  const sources = await loadContentSources(root);
  if (sources.problems.length)
    throw new Error(`The content has problems; run npm run content:check (${sources.problems.length})`);
  const course = sources.courses[0];
  const exam = course?.exam;
  const form = exam?.definition.forms.find((f) => f.id === EXAM_FORM);
  if (!course || !exam || !form) throw new Error(`The benchmark needs a course with an exam form "${EXAM_FORM}"`);
  return { course, exam, form };
}

const WRITTEN = [
  'I would start by listening and asking what they need right now, without rushing to fix it.',
  'I would share a short part of my own recovery only if it helps them, and keep the focus on them.',
  'I would explain what I can and cannot keep private, and check in with my supervisor.',
  'I would offer to connect them with resources they choose, and follow up the next week.',
  'Their safety comes first, so I would ask directly about it and stay with them while we get help.',
  'I would respect their choice and help them prepare questions for their provider.',
];

/**
 * Writes block number `block` (0-based) of `shape`. Deterministic for a given block except for
 * ids and the password hash. Returns the dataset facts for block 0.
 */
export async function generateBlock(
  sink: Sink,
  content: Content,
  shape: Shape,
  block: number,
  passwordHash: string,
  now: number,
): Promise<Dataset> {
  const random = rng(`bench-block-${block}`);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const { course, exam, form } = content;
  const courseSlug = course.course.slug;
  const base = now - 90 * DAY;
  // Every attempt at a unit's quiz stores the same snapshot text (one quiz version): make it once.
  const quizSnapshots = new Map(course.units.map((u) => [u.meta.slug, u.quiz ? JSON.stringify(u.quiz) : '']));

  let adminEmail = 'admin@bench.example.org';
  if (block === 0) {
    await sink.add('users', user(randomUUID(), adminEmail, 'Bench Admin', 'admin', passwordHash, base));
  }
  const cohorts: { id: string; trainerId: string }[] = [];
  for (let c = 0; c < shape.cohorts; c++) {
    const trainerId = randomUUID();
    await sink.add('users', user(trainerId, trainerEmail(block, c), `Trainer ${block}-${c}`, 'trainer', passwordHash, base));
    const id = randomUUID();
    cohorts.push({ id, trainerId });
    await sink.add('cohorts', {
      id,
      name: `Bench group ${block}-${c}`,
      starts_on: '2026-09-01',
      ends_on: '2026-12-15',
      join_code: `B${String(block).padStart(3, '0')}${String(c).padStart(4, '0')}`,
      trainer_id: trainerId,
      created_at: base,
      archived_at: null,
      join_code_expires_at: null,
      join_requires_approval: 0,
      locale: null,
    });
    await sink.add('cohort_trainers', { cohort_id: id, user_id: trainerId, role: 'owner', added_at: base });
  }
  const cohortOf = (i: number) =>
    i < shape.dashboardCohort ? 0 : 1 + ((i - shape.dashboardCohort) % Math.max(1, shape.cohorts - 1));

  const trainees: { id: string; ability: number; cohort: number }[] = [];
  for (let i = 0; i < shape.trainees; i++) {
    const id = randomUUID();
    const ability = 0.45 + random() * 0.5;
    const cohort = cohortOf(i);
    trainees.push({ id, ability, cohort });
    await sink.add(
      'users',
      user(id, traineeEmail(block, i), `Trainee ${block}-${String(i).padStart(5, '0')}`, 'trainee', passwordHash, base),
    );
    await sink.add('cohort_members', { cohort_id: cohorts[cohort].id, user_id: id, joined_at: base });

    // Every unit complete: its quiz passed (one attempt), or marked done when it has none.
    let t = base + DAY + Math.floor(random() * DAY);
    for (const unit of course.units) {
      t += Math.floor(random() * 2 * DAY);
      const quiz = unit.quiz;
      let percent: number | null = null;
      if (quiz) {
        const responses: Responses = {};
        for (const q of quiz.questions) {
          const right = answerOf(q);
          const wrong = optionsOf(q).filter((o) => !right.includes(o.id));
          responses[q.id] = random() < ability + 0.3 || !wrong.length ? right : [pick(wrong).id];
        }
        let score = scoreQuiz(quiz, responses);
        if (!score.passed) {
          for (const q of quiz.questions) responses[q.id] = answerOf(q);
          score = scoreQuiz(quiz, responses);
        }
        percent = score.percent;
        await sink.add('quiz_attempts', {
          id: randomUUID(),
          user_id: id,
          course_slug: courseSlug,
          unit_slug: unit.meta.slug,
          content_tree_id: null,
          content_version: quiz.version,
          snapshot: quizSnapshots.get(unit.meta.slug),
          responses: JSON.stringify(responses),
          correct: score.correct,
          total: score.total,
          percent: score.percent,
          passed: 1,
          submitted_at: t,
          submission_key: randomUUID(),
          locale: 'en',
        });
      }
      await sink.add('unit_progress', {
        user_id: id,
        course_slug: courseSlug,
        unit_slug: unit.meta.slug,
        completed_at: t,
        completed_by: quiz ? 'quiz' : 'manual',
        best_percent: percent,
        last_visited_at: t,
      });
    }
  }

  // Exam attempts on the short form, spread over the trainees (some sit it twice or more).
  for (let j = 0; j < shape.examAttempts; j++) {
    const trainee = trainees[j % trainees.length];
    const round = Math.floor(j / trainees.length);
    const grader = cohorts[trainee.cohort].trainerId;
    const seed = createHash('sha256').update(`${block}:${j}`).digest('hex').slice(0, 24);
    const drawn = drawExam(form, exam.items, exam.scenarios, seed);
    const started = base + 40 * DAY + round * 3 * DAY + Math.floor(random() * 2 * DAY);
    const submitted = started + Math.floor((20 + random() * 35) * 60_000);
    const graded = random() < 0.85;
    const attemptId = randomUUID();
    const items: Record<string, unknown>[] = [];
    const finalised: FinalisedItem[] = [];
    const grades: Record<string, unknown>[] = [];
    let correct = 0;
    let objective = 0;
    let writtenPoints = 0;
    let writtenMax = 0;
    for (const d of drawn) {
      const itemId = randomUUID();
      let response: string | null = null;
      let isCorrect: number | null = null;
      if (d.snapshot.kind === 'choice') {
        const s = d.snapshot;
        objective++;
        if (random() > 0.02) {
          const right = random() < trainee.ability;
          const wrong = s.options.filter((o) => o.id !== s.answer);
          response = right || !wrong.length ? s.answer : pick(wrong).id;
        }
        isCorrect = response === s.answer ? 1 : 0;
        correct += isCorrect;
      } else {
        response = `${pick(WRITTEN)} ${pick(WRITTEN)} ${pick(WRITTEN)}`;
        const max = rubricMax(d.snapshot.rubric);
        writtenMax += max;
        if (graded) {
          const levels: Record<string, number> = {};
          let points = 0;
          for (const c of d.snapshot.rubric) {
            const sorted = [...c.levels].sort((a, b) => a.points - b.points);
            const level = sorted[Math.min(sorted.length - 1, Math.floor(trainee.ability * sorted.length + random() * 0.8))];
            levels[c.id] = level.points;
            points += level.points;
          }
          writtenPoints += points;
          grades.push({
            id: randomUUID(),
            attempt_item_id: itemId,
            grader_id: grader,
            status: 'final',
            levels: JSON.stringify(levels),
            comments: '{}',
            overall_comment: '',
            points,
            max_points: max,
            updated_at: submitted + DAY,
          });
        }
      }
      finalised.push({
        id: itemId,
        position: d.position,
        itemId: d.itemId,
        kind: d.snapshot.kind,
        option: d.snapshot.kind === 'choice' ? response : null,
        correct: isCorrect === 1,
      });
      items.push({
        id: itemId,
        attempt_id: attemptId,
        position: d.position,
        item_id: d.itemId,
        kind: d.snapshot.kind,
        area: d.area,
        snapshot: JSON.stringify(d.snapshot),
        response: response === null ? null : JSON.stringify(response),
        flagged: 0,
        saved_at: response === null ? null : started + d.position * 30_000,
        correct: isCorrect,
      });
    }
    const possible = objective + writtenMax;
    const percent = possible ? Math.round(((correct + writtenPoints) / possible) * 1000) / 10 : 0;
    await sink.add('exam_attempts', {
      id: attemptId,
      user_id: trainee.id,
      course_slug: courseSlug,
      form_id: form.id,
      status: graded ? 'released' : 'submitted',
      seed,
      pass_percent: exam.definition.passPercent,
      content_tree_id: null,
      content_version: exam.version,
      started_at: started,
      deadline_at: started + form.timeLimitMinutes * 60_000,
      submitted_at: submitted,
      submitted_by: 'trainee',
      objective_correct: correct,
      objective_total: objective,
      written_points: graded ? writtenPoints : null,
      written_max: writtenMax,
      final_percent: graded ? percent : null,
      passed: graded ? (percent >= exam.definition.passPercent ? 1 : 0) : null,
      released_at: graded ? submitted + DAY : null,
      released_by: graded ? grader : null,
      locale: 'en',
      grading_token: newGradingToken(),
    });
    for (const it of items) await sink.add('exam_attempt_items', it as never);
    for (const g of grades) await sink.add('grades', g as never);
    await sink.add('exam_attempt_responses', { attempt_id: attemptId, responses: encodeAttemptResponses(finalised) });
  }

  if (block !== 0) adminEmail = '';
  return {
    courseSlug,
    unitSlugs: course.units.map((u) => u.meta.slug),
    adminEmail,
    dashboardCohortId: cohorts[0].id,
    dashboardTrainerEmail: trainerEmail(block, 0),
    readerEmail: traineeEmail(block, shape.trainees - 1),
    burstCandidates: trainees.filter((t) => t.cohort !== 0).map((t) => t.id),
  };
}

const trainerEmail = (block: number, c: number) => `trainer${block}-${c}@bench.example.org`;
const traineeEmail = (block: number, i: number) => `trainee${block}-${i}@bench.example.org`;

function user(id: string, email: string, name: string, role: string, passwordHash: string, at: number) {
  return {
    id,
    email,
    name,
    password_hash: passwordHash,
    role,
    time_multiplier: 1,
    no_time_limit: 0,
    created_at: at,
    email_verified_at: at,
    legal_name: null,
    legal_name_confirmed_at: null,
    deactivated_at: null,
    locale: null,
  };
}

export interface GrowResult {
  dataset: Dataset | undefined;
  ms: number;
  rows: number;
}

/**
 * Adds blocks `from` (inclusive) to `to` (exclusive) to the database at `url`. SQLite writes
 * with synchronous=OFF (generated data needs no durability); PostgreSQL tables are analysed
 * afterwards, as autovacuum would do after a bulk load in production.
 */
export async function growDataset(
  url: string,
  content: Content,
  shape: Shape,
  from: number,
  to: number,
  passwordHash: string,
  now = Date.now(),
): Promise<GrowResult> {
  const started = performance.now();
  let dataset: Dataset | undefined;
  let rows = 0;
  if (isPostgresUrl(url)) {
    const client = await postgresClient(url);
    try {
      for (let b = from; b < to; b++) {
        const sink = postgresSink(client);
        const d = await generateBlock(sink, content, shape, b, passwordHash, now);
        await sink.finish();
        rows += Object.values(sink.counts).reduce((s, n) => s + (n ?? 0), 0);
        if (b === 0) dataset = d;
      }
      await client.query('analyze');
    } finally {
      await client.end();
    }
  } else {
    const handle = openDatabase(url);
    const sqlite = handle.sqlite;
    if (!sqlite) throw new Error('expected a SQLite handle');
    try {
      sqlite.pragma('synchronous = OFF');
      sqlite.pragma('journal_mode = OFF');
      sqlite.pragma('cache_size = -200000');
      for (let b = from; b < to; b++) {
        const sink = sqliteSink(sqlite);
        const d = await generateBlock(sink, content, shape, b, passwordHash, now);
        await sink.finish();
        rows += Object.values(sink.counts).reduce((s, n) => s + (n ?? 0), 0);
        if (b === 0) dataset = d;
      }
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await handle.db.destroy();
    }
  }
  return { dataset, ms: performance.now() - started, rows };
}

/** One scrypt hash shared by every generated account (hashing 32,000 passwords would take hours). */
export function benchPasswordHash(): Promise<string> {
  return hashPassword(BENCH_PASSWORD);
}
