// The exam burst: many trainees start the practice exam at the same moment, then each saves
// answers through the autosave endpoint as fast as the server lets them. Afterwards every
// answer is looked up in the database.

import type { ItemSnapshot } from '../app/domain/exam';
import { openDatabase } from '../db/connect';
import { percentile, postForm } from './http';
import { signedSession } from './server';

export interface BurstResult {
  trainees: number;
  answersSent: number;
  startP99: number;
  /** Saves answered 200 per second of the save phase. */
  answersPerSecond: number;
  saveP50: number;
  saveP99: number;
  /** Requests that did not get the expected answer (start not 302, save not 200) or failed on the network. */
  failed: number;
  /** Positions whose stored answer is not the last one sent. */
  lost: number;
}

export async function examBurst(opts: {
  base: string;
  databaseUrl: string;
  secret: string;
  courseSlug: string;
  formId: string;
  traineeIds: string[];
  answersEach: number;
}): Promise<BurstResult> {
  const { db } = openDatabase(opts.databaseUrl, { poolSize: 2 });
  try {
    // Sessions inserted directly: 200 logins through the form would cost 200 scrypt hashes.
    const sessions = await Promise.all(opts.traineeIds.map((id) => signedSession(opts.secret, id)));
    for (let i = 0; i < sessions.length; i += 100)
      await db
        .insertInto('sessions')
        .values(sessions.slice(i, i + 100).map((s) => s.row))
        .execute();

    let failed = 0;
    // Everyone presses "Start" at once.
    const starts = await Promise.all(
      sessions.map(async (s) => {
        try {
          const r = await postForm(
            opts.base,
            `/courses/${opts.courseSlug}/exam`,
            { intent: 'start', formId: opts.formId },
            s.cookie,
          );
          const location = String(r.headers.location ?? '');
          const id = location.match(/\/exam\/attempts\/([0-9a-f-]{36})$/)?.[1];
          if (r.status !== 302 || !id) failed++;
          return { ms: r.ms, attemptUrl: id ? location : null, attemptId: id ?? null, cookie: s.cookie };
        } catch {
          failed++;
          return { ms: Number.NaN, attemptUrl: null, attemptId: null, cookie: s.cookie };
        }
      }),
    );
    const started = starts.filter((s): s is typeof s & { attemptUrl: string; attemptId: string } => s.attemptId !== null);
    if (!started.length) throw new Error('No exam attempt could be started');

    // The options each trainee sees (the page shows them; read from the database to keep the burst to saves).
    const rows = await db
      .selectFrom('exam_attempt_items')
      .select(['attempt_id', 'position', 'snapshot'])
      .where(
        'attempt_id',
        'in',
        started.map((s) => s.attemptId),
      )
      .execute();
    const itemsOf = new Map<string, { position: number; options: string[] }[]>();
    for (const r of rows) {
      const snap = JSON.parse(r.snapshot) as ItemSnapshot;
      const list = itemsOf.get(r.attempt_id) ?? [];
      list.push({ position: r.position, options: snap.kind === 'choice' ? snap.options.map((o) => o.id) : [] });
      itemsOf.set(r.attempt_id, list);
    }
    for (const list of itemsOf.values()) list.sort((a, b) => a.position - b.position);

    // Answers cycle through the positions; each pass picks another option (or text), so a lost
    // later save shows as a stale answer.
    const answer = (items: { position: number; options: string[] }[], i: number) => {
      const it = items[i % items.length];
      const pass = Math.floor(i / items.length);
      return {
        position: it.position,
        value: it.options.length ? it.options[pass % it.options.length] : `Written answer, draft ${pass + 1}.`,
      };
    };
    const saveMs: number[] = [];
    let saved = 0;
    const phaseStart = performance.now();
    await Promise.all(
      started.map(async (s) => {
        const items = itemsOf.get(s.attemptId) ?? [];
        for (let i = 0; i < opts.answersEach; i++) {
          const a = answer(items, i);
          try {
            const r = await postForm(
              opts.base,
              `${s.attemptUrl}/save`,
              { position: String(a.position), response: a.value },
              s.cookie,
            );
            saveMs.push(r.ms);
            if (r.status === 200) saved++;
            else failed++;
          } catch {
            failed++;
          }
        }
      }),
    );
    const seconds = (performance.now() - phaseStart) / 1000;

    // Every position's stored answer must be the last one sent.
    const stored = await db
      .selectFrom('exam_attempt_items')
      .select(['attempt_id', 'position', 'response'])
      .where(
        'attempt_id',
        'in',
        started.map((s) => s.attemptId),
      )
      .execute();
    const have = new Map(stored.map((r) => [`${r.attempt_id}:${r.position}`, r.response]));
    let lost = 0;
    for (const s of started) {
      const items = itemsOf.get(s.attemptId) ?? [];
      const last = new Map<number, string>();
      for (let i = 0; i < opts.answersEach; i++) {
        const a = answer(items, i);
        last.set(a.position, JSON.stringify(a.value));
      }
      for (const [position, value] of last) if (have.get(`${s.attemptId}:${position}`) !== value) lost++;
    }
    // A trainee whose start failed lost every answer they meant to give.
    lost += (opts.traineeIds.length - started.length) * opts.answersEach;
    return {
      trainees: opts.traineeIds.length,
      answersSent: saveMs.length,
      startP99: percentile(
        starts.map((s) => s.ms).filter((x) => !Number.isNaN(x)),
        99,
      ),
      answersPerSecond: saved / seconds,
      saveP50: percentile(saveMs, 50),
      saveP99: percentile(saveMs, 99),
      failed,
      lost,
    };
  } finally {
    await db.destroy();
  }
}
