import type { Kysely } from 'kysely';
import { pacificToEpoch } from '../app/domain/zoom-import';
import { createTrainingSession, saveAttendance } from '../app/models/training-session.server';
import type { Database } from '../db/schema';

/**
 * The training record's demo data: two past live sessions of the demo group, with the demo
 * trainee's attendance (present at one, late to the other), so the hours ledger has something
 * to show. Deterministic dates; runs inside seedDemo's transaction.
 */
export async function seedTrainingRecordDemo(
  db: Kysely<Database>,
  ids: { cohortId: string; trainerId: string; traineeId: string },
): Promise<void> {
  const sessions = [
    {
      title: 'Week 1: What peer support is',
      startsAt: pacificToEpoch(2026, 9, 3, 18, 0),
      mode: 'online' as const,
      competencies: ['hope-recovery-wellness', 'consumers-family-members'],
      notes: 'On Zoom. Introductions and group agreements.',
      mark: { status: 'present' as const, minutes: 120 },
    },
    {
      title: 'Week 2: Boundaries and ethics',
      startsAt: pacificToEpoch(2026, 9, 10, 18, 0),
      mode: 'in-person' as const,
      competencies: ['boundaries-ethics'],
      notes: 'Community room, second floor.',
      mark: { status: 'late' as const, minutes: 95 },
    },
  ];
  for (const s of sessions) {
    const at = s.startsAt + 3 * 3_600_000;
    const sessionId = await createTrainingSession(
      db,
      {
        cohortId: ids.cohortId,
        courseSlug: 'peer-support-core',
        actorId: ids.trainerId,
        session: {
          title: s.title,
          startsAt: s.startsAt,
          durationMinutes: 120,
          mode: s.mode,
          competencies: s.competencies,
          notes: s.notes,
          makeup: false,
        },
      },
      s.startsAt - 7 * 86_400_000,
    );
    await saveAttendance(
      db,
      {
        cohortId: ids.cohortId,
        sessionId,
        actorId: ids.trainerId,
        source: 'manual',
        marks: [{ userId: ids.traineeId, ...s.mark }],
      },
      at,
    );
  }
}
