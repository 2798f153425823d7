// Item and test statistics for quizzes and practice exams, following Moodle's quiz statistics
// report (docs.moodle.org/dev/Quiz_statistics_calculations). Pure: attempts in, numbers out.
// See docs/decisions/007-item-statistics.md for the formulas and why we chose them.

import { type Bin, histogramBins } from './chart-scale';

export interface ResponseRecord {
  /** The position in the attempt (exam: position number as a string; fixed quiz: the question id). */
  slot: string;
  itemId: string;
  /** Points earned, 0..maxScore. */
  score: number;
  /** Greater than 0. */
  maxScore: number;
  /** The chosen option id (a sorted comma-joined set for multiple select); null if unanswered or written. */
  option: string | null;
}
export interface AttemptRecord {
  attemptId: string;
  responses: ResponseRecord[];
}

export type ItemFlag = 'too-hard' | 'too-easy' | 'low-discrimination' | 'negative-discrimination';

export interface ItemStats {
  itemId: string;
  /** Responses: attempts that had this item. Show it next to every figure. */
  n: number;
  /** %: mean score / max x 100. */
  facility: number | null;
  /** % of max: sample SD (n-1) of the item's scores / max x 100. */
  sd: number | null;
  /** %: Pearson correlation of item score with rest-of-test score x 100. */
  discrimination: number | null;
  /** %: cov(item, rest) / the largest cov those scores could have x 100. */
  discriminativeEfficiency: number | null;
  /** How often each option (and NO_ANSWER) was chosen, most frequent first; empty for written items. */
  options: { option: string; count: number }[];
  flags: ItemFlag[];
}
export interface TestStats {
  /** Attempts with something to score (attempt max > 0). */
  attempts: number;
  /** % of max, averaged over attempts. */
  mean: number | null;
  median: number | null;
  /** %: sample SD of attempt percentages. */
  sd: number | null;
  /** Cronbach's alpha over slots, as a fraction (may be negative). */
  alpha: number | null;
  /** %: sqrt(1 - alpha) x 100. */
  errorRatio: number | null;
  /** %: sd x sqrt(1 - alpha). */
  sem: number | null;
}

export const FLAG_THRESHOLDS = { facilityLow: 20, facilityHigh: 95, discriminationLow: 15 };

/** The label counted for a choice item left unanswered. */
export const NO_ANSWER = '(no answer)';

// `+ 0` turns -0 into 0 so a tiny negative never shows as "-0".
const round2 = (x: number) => Math.round(x * 100) / 100 + 0;
// Alpha is a fraction; four places keep the precision Moodle shows for it as a percentage (83.47%).
const round4 = (x: number) => Math.round(x * 10_000) / 10_000 + 0;
const roundOrNull = (x: number | null) => (x === null ? null : round2(x));

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Sample variance (n - 1). Two passes, which stays accurate where sum-of-squares would cancel. */
function sampleVariance(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let ss = 0;
  for (let i = 0; i < xs.length; i++) ss += (xs[i] - m) ** 2;
  return ss / (xs.length - 1);
}

/**
 * NOTE: "constant" is decided by comparing values, not by a variance of 0: the mean of equal
 * fractions such as 0.1 is not always exactly 0.1, so a constant item can show a variance of
 * 1e-34 and a correlation of nonsense instead of null.
 */
function isConstant(xs: ArrayLike<number>): boolean {
  for (let i = 1; i < xs.length; i++) if (xs[i] !== xs[0]) return false;
  return true;
}

function median(xs: number[]): number {
  const s = Float64Array.from(xs).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * An ascending copy. Scores are nearly always whole points in a small range (0/1 items, rest
 * scores of 0..120), which a counting sort orders in linear time; sorting was most of the cost
 * of a 3,000-attempt report. Anything else falls back to the numeric typed-array sort.
 */
function sortedCopy(values: Float64Array): Float64Array {
  const n = values.length;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isInteger(v)) {
      whole = false;
      break;
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!whole || hi - lo > 4 * n + 64) return values.slice().sort();
  const counts = new Int32Array(hi - lo + 1);
  for (let i = 0; i < n; i++) counts[values[i] - lo]++;
  const out = new Float64Array(n);
  let at = 0;
  for (let v = 0; v < counts.length; v++) for (let c = counts[v]; c > 0; c--) out[at++] = v + lo;
  return out;
}

interface PairStats {
  varX: number;
  varY: number;
  cov: number;
  /** cov of x and y each sorted ascending: the largest cov any pairing of these values could give. */
  covMax: number;
  constantX: boolean;
  constantY: boolean;
}

/** The moments one item needs: its variance, the rest's variance, their covariance and its ceiling. Needs n >= 2. */
function pairStats(x: Float64Array, y: Float64Array): PairStats {
  const n = x.length;
  const mx = mean(x);
  const my = mean(y);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let constantX = true;
  let constantY = true;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
    if (x[i] !== x[0]) constantX = false;
    if (y[i] !== y[0]) constantY = false;
  }
  const xs = sortedCopy(x);
  const ys = sortedCopy(y);
  let sMax = 0;
  for (let i = 0; i < n; i++) sMax += (xs[i] - mx) * (ys[i] - my);
  return {
    varX: sxx / (n - 1),
    varY: syy / (n - 1),
    cov: sxy / (n - 1),
    covMax: sMax / (n - 1),
    constantX,
    constantY,
  };
}

/**
 * Flags for a trainer's attention, from the reported (rounded) figures so that a flag always
 * agrees with the number on screen: exactly 20% or 95% facility and exactly 15% discrimination
 * are not flagged. A negative discrimination is flagged as such and not also as low.
 */
export function itemFlags(facility: number | null, discrimination: number | null): ItemFlag[] {
  const flags: ItemFlag[] = [];
  if (facility !== null) {
    if (facility < FLAG_THRESHOLDS.facilityLow) flags.push('too-hard');
    else if (facility > FLAG_THRESHOLDS.facilityHigh) flags.push('too-easy');
  }
  if (discrimination !== null) {
    if (discrimination < 0) flags.push('negative-discrimination');
    else if (discrimination < FLAG_THRESHOLDS.discriminationLow) flags.push('low-discrimination');
  }
  return flags;
}

interface ItemBucket {
  /** score / maxScore per response: equal to score / max when an item's max never changes. */
  fractions: number[];
  /** attempt total - this item's score, per response. */
  rest: number[];
  options: Map<string, number>;
  /** Whether any response chose an option: items with none are written (or never answered). */
  hasOption: boolean;
}

function summariseItem(itemId: string, b: ItemBucket): ItemStats {
  const n = b.fractions.length;
  const x = Float64Array.from(b.fractions);
  const facility = round2(mean(x) * 100);
  let sd: number | null = null;
  let discrimination: number | null = null;
  let discriminativeEfficiency: number | null = null;
  if (n >= 2) {
    const p = pairStats(x, Float64Array.from(b.rest));
    sd = p.constantX ? 0 : Math.sqrt(p.varX) * 100;
    // A correlation needs spread on both sides; without it Moodle shows nothing, and so do we.
    if (!p.constantX && !p.constantY) {
      discrimination = (p.cov / Math.sqrt(p.varX * p.varY)) * 100;
      if (p.covMax > 0) discriminativeEfficiency = (p.cov / p.covMax) * 100;
    }
  }
  const options = b.hasOption
    ? [...b.options]
        .map(([option, count]) => ({ option, count }))
        .sort((a, c) => c.count - a.count || (a.option < c.option ? -1 : a.option > c.option ? 1 : 0))
    : [];
  const reportedDiscrimination = roundOrNull(discrimination);
  return {
    itemId,
    n,
    facility,
    sd: roundOrNull(sd),
    discrimination: reportedDiscrimination,
    discriminativeEfficiency: roundOrNull(discriminativeEfficiency),
    options,
    flags: itemFlags(facility, reportedDiscrimination),
  };
}

/**
 * Statistics per item (question id), sorted by item id. An exam item drawn at random is pooled
 * across whatever position it appeared in, because trainers fix items, not positions.
 * Discrimination correlates the item with the rest of the attempt (total minus this item), as
 * Moodle does, so an item does not correlate with itself. One pass over the responses to
 * group them, then one pass (plus one sort for discriminative efficiency) per item.
 */
export function itemStatistics(attempts: AttemptRecord[]): ItemStats[] {
  const buckets = new Map<string, ItemBucket>();
  for (const attempt of attempts) {
    let total = 0;
    for (const r of attempt.responses) total += r.score;
    for (const r of attempt.responses) {
      let b = buckets.get(r.itemId);
      if (!b) {
        b = { fractions: [], rest: [], options: new Map(), hasOption: false };
        buckets.set(r.itemId, b);
      }
      b.fractions.push(r.score / r.maxScore);
      b.rest.push(total - r.score);
      const key = r.option ?? NO_ANSWER;
      b.options.set(key, (b.options.get(key) ?? 0) + 1);
      if (r.option !== null) b.hasOption = true;
    }
  }
  return [...buckets].sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0)).map(([itemId, b]) => summariseItem(itemId, b));
}

/**
 * Cronbach's alpha (Moodle's coefficient of internal consistency) over slots, on raw points:
 * alpha = k/(k-1) x (1 - sum of slot variances / variance of attempt totals), sample variances.
 * Slots, not items, because with random draws each attempt sees different items but always the
 * same positions. Only attempts that have every slot count (an attempt missing one would bias
 * both variances). Null when k < 2, fewer than 2 such attempts, or every total is the same.
 * Unrounded, so that error ratio and SEM are computed from the exact value.
 */
export function cronbachAlpha(attempts: AttemptRecord[]): number | null {
  // Pass 1: number the slots and remember each response's slot number, so pass 2 needs no lookups.
  let responseCount = 0;
  for (const a of attempts) responseCount += a.responses.length;
  const slotIndex = new Map<string, number>();
  const slotOf = new Int32Array(responseCount);
  const filled = new Int32Array(attempts.length);
  const seenIn: number[] = [];
  let q = 0;
  for (let a = 0; a < attempts.length; a++) {
    for (const r of attempts[a].responses) {
      let j = slotIndex.get(r.slot);
      if (j === undefined) {
        j = slotIndex.size;
        slotIndex.set(r.slot, j);
        seenIn.push(-1);
      }
      slotOf[q++] = j;
      if (seenIn[j] !== a) {
        seenIn[j] = a;
        filled[a]++;
      }
    }
  }
  const k = slotIndex.size;
  if (k < 2) return null;

  // Pass 2: running sums over complete attempts. Each column is shifted by its first value
  // (the "shifted data" method): one pass, no cancellation, and a constant column gives exactly 0.
  const row = new Float64Array(k);
  const shift = new Float64Array(k);
  const sum = new Float64Array(k);
  const sumSq = new Float64Array(k);
  let m = 0;
  let totalShift = 0;
  let totalSum = 0;
  let totalSumSq = 0;
  let constantTotal = true;
  let p = 0;
  for (let a = 0; a < attempts.length; a++) {
    const responses = attempts[a].responses;
    if (filled[a] !== k) {
      p += responses.length;
      continue;
    }
    row.fill(0);
    for (const r of responses) row[slotOf[p++]] += r.score;
    let total = 0;
    for (let j = 0; j < k; j++) total += row[j];
    if (m === 0) {
      shift.set(row);
      totalShift = total;
    }
    for (let j = 0; j < k; j++) {
      const d = row[j] - shift[j];
      sum[j] += d;
      sumSq[j] += d * d;
    }
    const dt = total - totalShift;
    if (dt !== 0) constantTotal = false;
    totalSum += dt;
    totalSumSq += dt * dt;
    m++;
  }
  if (m < 2 || constantTotal) return null;
  let sumSlotVariance = 0;
  for (let j = 0; j < k; j++) sumSlotVariance += (sumSq[j] - (sum[j] * sum[j]) / m) / (m - 1);
  const totalVariance = (totalSumSq - (totalSum * totalSum) / m) / (m - 1);
  return (k / (k - 1)) * (1 - sumSlotVariance / totalVariance);
}

// NOTE: alpha cannot exceed 1 in exact arithmetic (var(total) <= k x sum of slot variances), but
// rounding can land a hair above it; within this tolerance we treat it as 1, beyond it as invalid.
const ALPHA_TOLERANCE = 1e-9;

/**
 * Whole-test statistics. Mean, median and SD are of attempt percentages (total / max x 100),
 * so attempts of different lengths compare; alpha is on raw points (see cronbachAlpha).
 * Error ratio = sqrt(1 - alpha) x 100 and SEM = SD x sqrt(1 - alpha), as in Moodle: how much
 * of the spread of scores is noise, and how far one attempt's score may be from the "true" one.
 */
export function testStatistics(attempts: AttemptRecord[]): TestStats {
  const percents: number[] = [];
  for (const a of attempts) {
    let total = 0;
    let max = 0;
    for (const r of a.responses) {
      total += r.score;
      max += r.maxScore;
    }
    if (max > 0) percents.push((total / max) * 100);
  }
  const n = percents.length;
  const sd = n >= 2 ? (isConstant(percents) ? 0 : Math.sqrt(sampleVariance(percents))) : null;
  const alpha = cronbachAlpha(attempts);
  const noise = alpha === null || alpha > 1 + ALPHA_TOLERANCE ? null : Math.sqrt(Math.max(0, 1 - alpha));
  return {
    attempts: n,
    mean: n ? round2(mean(percents)) : null,
    median: n ? round2(median(percents)) : null,
    sd: roundOrNull(sd),
    alpha: alpha === null ? null : round4(alpha),
    errorRatio: noise === null ? null : round2(noise * 100),
    sem: noise === null || sd === null ? null : round2(sd * noise),
  };
}

/** How many attempts scored in each tenth of the range (0-10 %, ..., 90-100 %), for the histogram. */
export function scoreDistribution(attempts: AttemptRecord[]): Bin[] {
  const percents: number[] = [];
  for (const a of attempts) {
    let total = 0;
    let max = 0;
    for (const r of a.responses) {
      total += r.score;
      max += r.maxScore;
    }
    if (max > 0) percents.push((total / max) * 100);
  }
  return histogramBins(percents, { from: 0, to: 100, step: 10 });
}

/**
 * Which attempts to analyse. Moodle defaults to each trainee's first attempt: later attempts
 * build on feedback from earlier ones and break the assumptions behind item analysis. 'all'
 * treats every attempt as if a different person made it, which helps when there are few
 * trainees. Keeps the input order; a tie on time keeps the earlier one in the input.
 */
export function selectAttempts<T extends { userId: string; submittedAt: number }>(attempts: T[], which: 'first' | 'all'): T[] {
  if (which === 'all') return [...attempts];
  const first = new Map<string, T>();
  for (const a of attempts) {
    const seen = first.get(a.userId);
    if (!seen || a.submittedAt < seen.submittedAt) first.set(a.userId, a);
  }
  const keep = new Set(first.values());
  return attempts.filter((a) => keep.has(a));
}
