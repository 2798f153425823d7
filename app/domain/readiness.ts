// Readiness per content area: a Beta posterior over "the chance of answering a new item in this
// area correctly", from practice and exam answers, recent answers weighted more. This is a
// practice figure: it never predicts a pass on the official exam.

/** Prior: Beta(1, 1), i.e. no opinion; it also keeps the estimate off 0% and 100%. */
export const PRIOR = { alpha: 1, beta: 1 } as const;
/** An answer's weight halves every this many days. */
export const HALF_LIFE_DAYS = 30;
/** Below this many answers in an area we say "not enough answers yet" instead of a figure. */
export const MIN_ANSWERS = 5;
/** The range shown: the central 80% of the posterior. */
export const RANGE = 0.8;

export interface Answer {
  area: string;
  correct: boolean;
  at: number;
}

export interface AreaReadiness {
  area: string;
  /** Answers counted (unweighted). */
  answered: number;
  /** Posterior mean, 0..1. */
  mean: number;
  low: number;
  high: number;
  /** Enough answers to show a figure. */
  enough: boolean;
}

const DAY = 86_400_000;

/** The weight of an answer given at `at`, seen from `now`: 1 today, 1/2 after HALF_LIFE_DAYS. */
export function recencyWeight(at: number, now: number): number {
  return 0.5 ** (Math.max(0, now - at) / DAY / HALF_LIFE_DAYS);
}

/** Posterior parameters from weighted answers. */
export function posterior(answers: { correct: boolean; at: number }[], now: number) {
  let alpha: number = PRIOR.alpha;
  let beta: number = PRIOR.beta;
  for (const a of answers) {
    const w = recencyWeight(a.at, now);
    if (a.correct) alpha += w;
    else beta += w;
  }
  return { alpha, beta };
}

/** The posterior mean per area (no range): what the practice draw weighs areas by. */
export function meanEstimates(areas: string[], answers: Answer[], now: number): Record<string, number> {
  return Object.fromEntries(
    areas.map((area) => {
      const { alpha, beta } = posterior(
        answers.filter((a) => a.area === area),
        now,
      );
      return [area, alpha / (alpha + beta)];
    }),
  );
}

/** Readiness for each area, in the order given. */
export function readiness(areas: string[], answers: Answer[], now: number): AreaReadiness[] {
  return areas.map((area) => {
    const mine = answers.filter((a) => a.area === area);
    const { alpha, beta } = posterior(mine, now);
    const tail = (1 - RANGE) / 2;
    return {
      area,
      answered: mine.length,
      mean: alpha / (alpha + beta),
      low: betaQuantile(tail, alpha, beta),
      high: betaQuantile(1 - tail, alpha, beta),
      enough: mine.length >= MIN_ANSWERS,
    };
  });
}

// --- The Beta distribution (regularised incomplete beta by continued fraction; Numerical Recipes 6.4).

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9).
  const c = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905,
    -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-30;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 200; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-12) break;
  }
  return h;
}

/** P(X <= x) for X ~ Beta(a, b). */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** The p-quantile of Beta(a, b), by bisection (60 halvings: far below a displayed percent). */
export function betaQuantile(p: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (betaCdf(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface GroupAreaReadiness extends AreaReadiness {
  /** Trainees with enough answers in the area. */
  trainees: number;
  /** Of those, how many have a mean below the target. */
  below: number;
  /** The group as a whole should revisit this area. */
  revisit: boolean;
}

/** The level a group's estimate should reach before we stop suggesting a revisit (practice only). */
export const GROUP_TARGET = 0.7;

/**
 * A group's readiness per area: one posterior over every member's answers (so a trainee with
 * many answers counts more, as each answer is evidence), plus how many members are below the
 * target. An area is to revisit when the group's estimate is below the target with enough answers.
 */
export function groupReadiness(areas: string[], byTrainee: Answer[][], now: number): GroupAreaReadiness[] {
  const pooled = readiness(areas, byTrainee.flat(), now);
  const each = byTrainee.map((answers) => readiness(areas, answers, now));
  return pooled.map((p, i) => {
    const withEnough = each.map((e) => e[i]).filter((r) => r.enough);
    return {
      ...p,
      trainees: withEnough.length,
      below: withEnough.filter((r) => r.mean < GROUP_TARGET).length,
      revisit: p.enough && p.mean < GROUP_TARGET,
    };
  });
}
