import pg from 'pg';
import { refreshContent } from '../content/content.server';
import { env } from '../infra/env.server';

// How an instance learns that the published course changed (docs/decisions/030-content-store.md):
// on PostgreSQL it LISTENs on `content_published`, which a publish NOTIFYs in the same database;
// on every engine it also polls the published head every CONTENT_POLL_SECONDS, as the fallback
// when the listening connection drops and as the only way on SQLite. Either way the switch is
// refreshContent: build the new snapshot, then swap it in at once.

const g = globalThis as unknown as { __peerAcademyContentWatch?: { stop: () => Promise<void> } };

const refresh = () => refreshContent().catch((err) => console.error('[content] could not load the published course', err));

export function startContentWatch(): void {
  if (g.__peerAcademyContentWatch) return;
  const e = env();
  const poll = setInterval(refresh, e.CONTENT_POLL_SECONDS * 1000);
  poll.unref();
  let client: pg.Client | undefined;
  let stopped = false;
  const listen = async () => {
    if (stopped || !/^postgres(ql)?:\/\//.test(e.DATABASE_URL)) return;
    const c = new pg.Client({ connectionString: e.DATABASE_URL });
    client = c;
    c.on('notification', refresh);
    c.on('error', () => {
      // The connection dropped: polling covers the gap; listen again shortly.
      c.end().catch(() => {});
      if (!stopped) setTimeout(() => void listen().catch(() => {}), 2000).unref();
    });
    await c.connect();
    await c.query('LISTEN content_published');
    // A publish between our last poll and LISTEN taking effect would otherwise wait for the next poll.
    await refresh();
  };
  listen().catch((err) => {
    console.warn('[content] LISTEN failed; polling only', err instanceof Error ? err.message : err);
  });
  g.__peerAcademyContentWatch = {
    stop: async () => {
      stopped = true;
      clearInterval(poll);
      await client?.end().catch(() => {});
      g.__peerAcademyContentWatch = undefined;
    },
  };
}

/** For tests. */
export async function stopContentWatch(): Promise<void> {
  await g.__peerAcademyContentWatch?.stop();
}
