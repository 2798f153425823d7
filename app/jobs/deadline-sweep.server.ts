import { db } from '../infra/db.server';
import { finaliseOverdueAttempts } from '../models/exam.server';

const g = globalThis as unknown as { __peerAcademySweep?: ReturnType<typeof setInterval> };

/**
 * Finalises exam attempts whose deadline passed even if the trainee never comes back.
 * Every instance may run it: finalising is idempotent, so two sweeps never double-score.
 */
export function startDeadlineSweep(everyMs = 30_000) {
  if (g.__peerAcademySweep) return;
  g.__peerAcademySweep = setInterval(() => {
    finaliseOverdueAttempts(db()).catch((e) => console.error('[deadline sweep]', e));
  }, everyMs);
  g.__peerAcademySweep.unref();
}
