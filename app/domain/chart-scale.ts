// Geometry for the server-rendered SVG charts (app/components/charts.tsx): scales, tick values
// and histogram bins. Pure, so the numbers a chart draws are tested without rendering it.

/** A linear map from a data interval onto a pixel interval (either may run backwards). */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (v: number) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** Round tick values (1, 2 or 5 x 10^k apart) covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max < min) [min, max] = [max, min];
  if (max === min) return [min];
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const first = Math.ceil(min / step - 1e-9);
  const ticks: number[] = [];
  for (let i = first; i * step <= max + step * 1e-9; i++) ticks.push(Number((i * step).toFixed(decimals)) + 0);
  return ticks;
}

export interface Bin {
  /** Inclusive lower edge. */
  from: number;
  /** Exclusive upper edge, except the last bin, which includes `to`. */
  to: number;
  count: number;
}

/** Counts of values in equal bins from `from` to `to` (values outside are clamped into the end bins). */
export function histogramBins(values: readonly number[], opts: { from: number; to: number; step: number }): Bin[] {
  const { from, to, step } = opts;
  const n = Math.max(1, Math.ceil((to - from) / step));
  const bins: Bin[] = Array.from({ length: n }, (_, i) => ({
    from: from + i * step,
    to: Math.min(to, from + (i + 1) * step),
    count: 0,
  }));
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const i = Math.min(n - 1, Math.max(0, Math.floor((v - from) / step)));
    bins[i].count += 1;
  }
  return bins;
}
