// Latency of single pages requested one after another (no concurrency): the trainer views.
import { percentile, request } from './http';

export interface ViewTiming {
  p50: number;
  max: number;
  samples: number;
  /** Answers other than 200. */
  bad: number;
}

export async function timeView(url: string, cookie: string, opts: { warmup: number; samples: number }): Promise<ViewTiming> {
  let bad = 0;
  for (let i = 0; i < opts.warmup; i++) if ((await request(url, { headers: { cookie } })).status !== 200) bad++;
  const ms: number[] = [];
  for (let i = 0; i < opts.samples; i++) {
    const r = await request(url, { headers: { cookie } });
    if (r.status !== 200) bad++;
    ms.push(r.ms);
  }
  return { p50: percentile(ms, 50), max: Math.max(...ms), samples: ms.length, bad };
}
