import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { loadContentSources } from '../app/content/load.server';
import { answerOf, optionsOf, type Responses } from '../app/domain/quiz';
import { rng } from '../app/domain/random';
import { pacificToEpoch } from '../app/domain/zoom-import';
import { setLegalName } from '../app/models/account.server';
import { postAnnouncement } from '../app/models/announcement.server';
import type { Viewer } from '../app/models/cohort.server';
import { addMember, createCohort } from '../app/models/cohort.server';
import {
  getAttemptItems,
  saveExamResponse,
  setAccommodation,
  startExamAttempt,
  submitExamAttempt,
} from '../app/models/exam.server';
import { releaseAttempt, saveGrade } from '../app/models/grading.server';
import { answerPracticeItem, getOwnPracticeSet, startPracticeSet } from '../app/models/practice.server';
import { markUnitDone } from '../app/models/progress.server';
import { openQuizDraw, submitDrawnAttempt } from '../app/models/quiz-attempt.server';
import { saveReflection } from '../app/models/reflection.server';
import { recordUnitRequest } from '../app/models/time-on-task.server';
import { addAdjustment, confirmCompletion, confirmLegalName } from '../app/models/training-record.server';
import { createTrainingSession, saveAttendance } from '../app/models/training-session.server';
import { createUser } from '../app/models/user.server';
import type { Database } from '../db/schema';

/**
 * A realistic demo program (issue #19 item 6), made through the app's own model functions so the
 * data is valid: a second group beside the demo cohort, 25 trainees at different stages, practice
 * exam attempts (awaiting grading, graded and released), live sessions with attendance, one
 * confirmed completion with its certificate, an announcement and the notifications these raise.
 * Deterministic: a seeded PRNG and fixed dates from BASE. The model functions open their own
 * transactions, so this runs after seedDemo's transaction, on the plain handle.
 */
const DAY = 86_400_000;
/** Monday 2026-09-01 09:00 Pacific: the demo cohort's first day. */
const BASE = pacificToEpoch(2026, 9, 1, 9, 0);

const FIRST = [
  'Maria',
  'Deshawn',
  'Lin',
  'Rosa',
  'Tomas',
  'Aaliyah',
  'Kenji',
  'Priya',
  'Marcus',
  'Elena',
  'Jamal',
  'Grace',
  'Luis',
];
const REFLECTIONS = [
  'A friend who had been in treatment sat with me and did not rush me. I want to give people that patience.',
  'Speaking up in a team still feels hard. I will practise saying what I notice, kindly and plainly.',
  'My sleep is the area I want to look after this month. Walking in the evening helps.',
  'I noticed I wanted to fix things for people. Listening first is the skill I am working on.',
];
const LAST = [
  'Alvarez',
  'Brooks',
  'Chen',
  'Delgado',
  'Evans',
  'Fofanah',
  'Garcia',
  'Hughes',
  'Ito',
  'Johnson',
  'Kaur',
  'Lopez',
  'Nguyen',
];

export type Stage = 'new' | 'mid' | 'submitted' | 'released';
/** 25 trainees: 4 just started, 6 mid-course, 5 finished awaiting grading, 10 graded and released. */
export const PROGRAM_STAGES: Stage[] = [
  ...Array<Stage>(4).fill('new'),
  ...Array<Stage>(6).fill('mid'),
  ...Array<Stage>(5).fill('submitted'),
  ...Array<Stage>(10).fill('released'),
];

export async function seedProgram(
  db: Kysely<Database>,
  ids: { demoCohortId: string; trainerId: string; coTrainerId: string; passwordHash: string },
): Promise<void> {
  const random = rng('peer-academy-demo-program');
  const sources = await loadContentSources(process.env.CONTENT_DIR || 'content');
  const course = sources.courses.find((c) => c.course.slug === 'peer-support-core') ?? sources.courses[0];
  const exam = course.exam;
  const slug = course.course.slug;
  const units = course.units.map((u) => u.meta.slug);

  const second = await createCohort(db, {
    name: 'Evening group (fall 2026)',
    startsOn: '2026-09-08',
    endsOn: '2026-12-18',
    trainerId: ids.trainerId,
    joinCode: 'EVEN2026',
  });
  const cohorts = [ids.demoCohortId, second.id];
  const members: Record<string, string[]> = { [ids.demoCohortId]: [], [second.id]: [] };
  const trainees: { id: string; stage: Stage; cohortId: string; name: string }[] = [];
  for (const [i, stage] of PROGRAM_STAGES.entries()) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 5) % LAST.length]}`;
    const id = await createUser(db, {
      email: `trainee${String(i + 1).padStart(2, '0')}@example.org`,
      name,
      passwordHash: ids.passwordHash,
    });
    const cohortId = cohorts[i % 2];
    await addMember(db, cohortId, id);
    members[cohortId].push(id);
    trainees.push({ id, stage, cohortId, name });
  }
  // One trainee has extended exam time (time and a half).
  const accommodated = trainees.find((t) => t.stage === 'submitted');
  if (accommodated) await setAccommodation(db, accommodated.id, { multiplier: 1.5, noLimit: false });

  // Unit progress: just started = 1 unit, mid-course = about half, finished = every unit. Each
  // unit done has time on task (page requests a few minutes apart, as without JavaScript), a quiz
  // attempt through the real draw (a first try that misses for some), and sometimes a reflection.
  const reflectionIds = new Map(
    course.units.map((u) => [u.meta.slug, [...u.source.matchAll(/<Reflection\s+id="([^"]+)"/g)].map((m) => m[1])]),
  );
  for (const [i, t] of trainees.entries()) {
    const done = t.stage === 'new' ? 1 : t.stage === 'mid' ? 3 + Math.floor(random() * (units.length / 2)) : units.length;
    const ability = 0.6 + random() * 0.4;
    for (let u = 0; u < Math.min(done, units.length); u++) {
      const unit = course.units[u];
      const at = BASE + (u * 5 + (i % 3)) * DAY + 19 * 3_600_000;
      for (let r = 0; r < 4; r++)
        await recordUnitRequest(db, { userId: t.id, courseSlug: slug, unitSlug: unit.meta.slug }, undefined, at + r * 4 * 60_000);
      const quizAt = at + 15 * 60_000;
      if (unit.quiz) {
        const tries = random() > ability ? 2 : 1;
        for (let k = 0; k < tries; k++) {
          const draw = await openQuizDraw(
            db,
            { userId: t.id, courseSlug: slug, unitSlug: unit.meta.slug, quiz: unit.quiz, contentVersion: unit.quiz.version },
            quizAt + k * 60_000,
          );
          const responses: Responses = {};
          for (const [n, q] of draw.quiz.questions.entries()) {
            const wrong = optionsOf(q).filter((o) => !answerOf(q).includes(o.id));
            responses[q.id] = k < tries - 1 && n % 2 === 0 && wrong.length ? [wrong[0].id] : answerOf(q);
          }
          await submitDrawnAttempt(
            db,
            { userId: t.id, courseSlug: slug, unitSlug: unit.meta.slug, drawId: draw.id, responses },
            quizAt + k * 60_000 + 30_000,
          );
        }
      }
      await markUnitDone(db, t.id, slug, unit.meta.slug, quizAt + 5 * 60_000);
      const reflectionId = reflectionIds.get(unit.meta.slug)?.[0];
      if (reflectionId && random() < 0.4)
        await saveReflection(
          db,
          {
            userId: t.id,
            courseSlug: slug,
            unitSlug: unit.meta.slug,
            reflectionId,
            body: REFLECTIONS[Math.floor(random() * REFLECTIONS.length)],
          },
          quizAt,
        );
    }
  }

  // Practice sets: a few finished trainees warm up on the exam bank.
  if (exam) {
    for (const t of trainees.filter((x) => x.stage === 'submitted').slice(0, 4)) {
      const at = BASE + 65 * DAY;
      const started = await startPracticeSet(db, { userId: t.id, course: { slug, exam }, size: 10, setId: randomUUID() }, at);
      if (!started.ok) continue;
      const set = await getOwnPracticeSet(db, t.id, started.setId);
      for (const item of set?.items ?? []) {
        const wrong = item.snapshot.options.filter((o) => o.id !== item.snapshot.answer);
        const choice = random() < 0.7 || !wrong.length ? item.snapshot.answer : wrong[0].id;
        await answerPracticeItem(
          db,
          { userId: t.id, setId: started.setId, position: item.position, choice },
          at + item.position * 60_000,
        );
      }
    }
  }

  // Live sessions: six weekly evening sessions per group, with attendance.
  const statuses = ['present', 'present', 'present', 'present', 'late', 'absent', 'excused'] as const;
  for (const [g, cohortId] of cohorts.entries()) {
    for (let w = 0; w < 6; w++) {
      const startsAt = BASE + (w * 7 + 2 + g) * DAY + 9 * 3_600_000;
      const sessionId = await createTrainingSession(
        db,
        {
          cohortId,
          courseSlug: slug,
          actorId: ids.trainerId,
          session: {
            title: `Week ${w + 1}: group session`,
            startsAt,
            durationMinutes: 120,
            mode: w % 2 ? 'in-person' : 'online',
            competencies: [],
            notes: w % 2 ? 'Community room, second floor.' : 'On Zoom.',
            makeup: false,
          },
        },
        startsAt - 7 * DAY,
      );
      const marks = members[cohortId].map((userId) => {
        const status = statuses[Math.floor(random() * statuses.length)];
        return { userId, status, minutes: status === 'late' ? 90 : status === 'present' ? 120 : 0 };
      });
      const r = await saveAttendance(
        db,
        { cohortId, sessionId, actorId: ids.trainerId, source: 'manual', marks },
        startsAt + 3 * 3_600_000,
      );
      if (!r.ok) throw new Error(`Demo attendance not saved: ${r.reason}`);
    }
  }

  // Practice exam attempts through the real draw: finished trainees submit; most are then graded
  // and released, and some released ones take a second attempt.
  if (exam) {
    const form = exam.definition.forms[0];
    for (const [i, t] of trainees.entries()) {
      if (t.stage !== 'submitted' && t.stage !== 'released') continue;
      const tries = t.stage === 'released' && i % 2 === 0 ? 2 : 1;
      const ability = 0.55 + random() * 0.4;
      for (let k = 0; k < tries; k++) {
        const at = BASE + (70 + i + k * 10) * DAY;
        const started = await startExamAttempt(db, { userId: t.id, courseSlug: slug, exam, form }, at);
        if (!started.ok) break;
        const items = await getAttemptItems(db, started.attemptId);
        for (const item of items) {
          const s = item.snapshot;
          let response: string;
          if (s.kind === 'choice') {
            const wrong = s.options.filter((o) => o.id !== s.answer);
            response = random() < ability || !wrong.length ? s.answer : wrong[Math.floor(random() * wrong.length)].id;
          } else {
            response =
              'I would listen first, ask what the person wants, share a little of my own recovery if it helps them, and respect their choices.';
          }
          await saveExamResponse(
            db,
            { userId: t.id, attemptId: started.attemptId, position: item.position, response },
            at + 60_000,
          );
        }
        await submitExamAttempt(db, started.attemptId, 'trainee', at + 50 * 60_000);
        const last = k === tries - 1;
        if (t.stage === 'submitted' && last) continue;
        for (const item of items) {
          if (item.snapshot.kind !== 'written') continue;
          const levels = item.snapshot.rubric.map((c) => {
            const level = c.levels[Math.min(c.levels.length - 1, Math.floor(ability * c.levels.length))];
            return [c.id, String(level.points)] as [string, string];
          });
          const g = await saveGrade(
            db,
            {
              attemptId: started.attemptId,
              attemptItemId: item.id,
              graderId: t.cohortId === ids.demoCohortId && i % 3 === 0 ? ids.coTrainerId : ids.trainerId,
              submission: { levels, comments: [] },
              overall: 'Thoughtful answer.',
              finalise: true,
              reason: '',
            },
            at + 2 * DAY,
          );
          if (!g.ok) throw new Error(`Demo grade not saved: ${JSON.stringify(g.errors)}`);
        }
        await releaseAttempt(db, started.attemptId, ids.trainerId, at + 3 * DAY);
      }
    }
  }

  // One completion: the first released trainee gets the hours that are missing (trainer
  // adjustments, as for hours done elsewhere), confirms a legal name, and the trainer confirms.
  const finisher = trainees.find((t) => t.stage === 'released');
  if (finisher) {
    const at = BASE + 100 * DAY;
    await addAdjustment(
      db,
      {
        userId: finisher.id,
        courseSlug: slug,
        kind: 'live',
        minutes: 40 * 60,
        reason: 'Live hours completed with the spring group before transferring.',
        actorId: ids.trainerId,
        submissionKey: 'demo-program-live',
      },
      at,
    );
    await addAdjustment(
      db,
      {
        userId: finisher.id,
        courseSlug: slug,
        kind: 'self-paced',
        minutes: 40 * 60,
        reason: 'Self-paced hours completed with the spring group before transferring.',
        actorId: ids.trainerId,
        submissionKey: 'demo-program-self-paced',
      },
      at,
    );
    await setLegalName(db, finisher.id, finisher.name);
    await confirmLegalName(db, finisher.id, finisher.name, at);
    const r = await confirmCompletion(
      db,
      {
        userId: finisher.id,
        course: course as unknown as Parameters<typeof confirmCompletion>[1]['course'],
        actor: { id: ids.trainerId, name: 'Jordan Trainer', role: 'trainer' },
        competencyTitles: new Map(sources.competencies.map((c) => [c.id, c.title])),
      },
      at + 3_600_000,
    );
    if (!r.ok) throw new Error(`Demo completion not confirmed: ${JSON.stringify(r)}`);
  }

  // An announcement to both groups (each member gets a notification).
  const posted = await postAnnouncement(
    db,
    { id: ids.trainerId, role: 'trainer' } as Viewer,
    {
      cohortIds: cohorts,
      title: 'Practice exam review night',
      body: 'We will go over the practice exam together next Thursday at 6 pm. Bring your questions.',
      publishAt: null,
    },
    BASE + 95 * DAY,
  );
  if (!posted.ok) throw new Error(`Demo announcement not posted: ${posted.reason}`);
}
