/**
 * Johnson–Neyman intervals and simple slopes for a numeric predictor x interacting with a numeric
 * moderator m (Johnson & Neyman 1936; Bauer & Curran 2005, "Probing interactions in fixed and
 * multilevel regression"; GAMLj's J-N plot, R's interactions::johnson_neyman).
 *
 * The slope of x at m = w is b_x + w·b_x:m, with variance V_xx + 2w·V_x,x:m + w²·V_x:m,x:m from
 * the model's Var(β̂), and the df of that contrast (Satterthwaite, Kenward–Roger, or ∞ for z). The
 * J-N bounds are the w where |slope| / SE equals the two-sided critical value: with z the roots of
 * a quadratic; with a df that changes with w, those roots refined until the critical value at each
 * bound is the one used to find it (then polished by the secant method on |t| − t_crit).
 */
import { MixwellError } from "../errors";
import { pnorm, qnorm, qt, pt } from "../stats";

/** What the slope needs from a fit: coefficients, their covariance and the df of a contrast. */
export interface SlopeInference {
  readonly names: readonly string[];
  readonly beta: ArrayLike<number>;
  /** p × p column-major. */
  readonly vcov: ArrayLike<number>;
  /** Denominator df of the contrast l (Infinity for z tests). */
  df(l: Float64Array): number;
}

export interface SimpleSlope {
  readonly at: number;
  readonly estimate: number;
  readonly se: number;
  /** Infinity for z. */
  readonly df: number;
  readonly statistic: number;
  readonly p: number;
  readonly lower: number;
  readonly upper: number;
}

/** Where the slope of x differs from 0 at the chosen level. */
export type SignificanceRegion = "outside" | "inside" | "everywhere" | "nowhere";

export interface JohnsonNeyman {
  readonly x: string;
  readonly moderator: string;
  readonly level: number;
  /** The bounds (null where there are none: the slope is significant everywhere or nowhere). */
  readonly lower: number | null;
  readonly upper: number | null;
  /** Where the slope is significant relative to [lower, upper]. */
  readonly significant: SignificanceRegion;
  /** Observed range of the moderator among the rows used. */
  readonly range: readonly [number, number];
  /** Simple slopes at mean − SD, mean and mean + SD of the moderator. */
  readonly simpleSlopes: readonly SimpleSlope[];
  /** The slope and its CI over the moderator's range (and the bounds), for the J-N plot. */
  readonly curve: readonly SimpleSlope[];
}

/** Columns of x, the moderator and their interaction in the fixed effects. */
function columns(names: readonly string[], x: string, m: string): { ix: number; ixm: number } {
  const ix = names.indexOf(x);
  const ixm = names.findIndex((n) => n === `${x}:${m}` || n === `${m}:${x}`);
  if (ix < 0) throw new MixwellError(`'${x}' is not a numeric fixed effect of the model (its fixed effects are ${names.join(", ")}).`);
  if (!names.includes(m)) throw new MixwellError(`'${m}' is not a numeric fixed effect of the model (its fixed effects are ${names.join(", ")}).`);
  if (ixm < 0) throw new MixwellError(`The model has no ${x}:${m} interaction; add it (${x} * ${m}) to see where the slope of ${x} depends on ${m}.`);
  const others = names.filter((n, j) => j !== ix && j !== ixm && n.split(":").includes(x));
  if (others.length > 0) throw new MixwellError(`The slope of ${x} also depends on ${others.join(", ")}; Johnson–Neyman intervals need ${x} to interact with ${m} only.`);
  return { ix, ixm };
}

export function johnsonNeyman(inf: SlopeInference, x: string, moderator: string, values: ArrayLike<number>, level = 0.95): JohnsonNeyman {
  const { ix, ixm } = columns(inf.names, x, moderator);
  const p = inf.names.length;
  const V = (a: number, b: number) => inf.vcov[a + b * p];
  const slopeAt = (w: number): SimpleSlope => {
    const l = new Float64Array(p);
    l[ix] = 1;
    l[ixm] = w;
    const estimate = inf.beta[ix] + w * inf.beta[ixm];
    const se = Math.sqrt(V(ix, ix) + 2 * w * V(ix, ixm) + w * w * V(ixm, ixm));
    const df = inf.df(l);
    const statistic = estimate / se;
    const crit = critical(level, df);
    const pValue = Number.isFinite(df) ? 2 * pt(Math.abs(statistic), df, false) : 2 * pnorm(Math.abs(statistic), false);
    return { at: w, estimate, se, df, statistic, p: pValue, lower: estimate - crit * se, upper: estimate + crit * se };
  };
  const { mean, sd, min, max } = summary(values);
  const { lower, upper, significant } = bounds(inf.beta[ix], inf.beta[ixm], V(ix, ix), V(ix, ixm), V(ixm, ixm), level, slopeAt);
  const grid: number[] = [];
  for (let k = 0; k <= 100; k++) grid.push(min + ((max - min) * k) / 100);
  for (const b of [lower, upper]) if (b !== null && b > min && b < max) grid.push(b);
  grid.sort((a, b) => a - b);
  return {
    x,
    moderator,
    level,
    lower,
    upper,
    significant,
    range: [min, max],
    simpleSlopes: [mean - sd, mean, mean + sd].map(slopeAt),
    curve: grid.map(slopeAt),
  };
}

const critical = (level: number, df: number): number => (Number.isFinite(df) ? qt((1 + level) / 2, df) : qnorm((1 + level) / 2));
function bounds(
  b1: number,
  b3: number,
  v11: number,
  v13: number,
  v33: number,
  level: number,
  slopeAt: (w: number) => SimpleSlope,
): { lower: number | null; upper: number | null; significant: SignificanceRegion } {
  // (b1 + b3 w)² − c² (v11 + 2 w v13 + w² v33) = 0, c the critical value at w.
  const roots = (c: number): { r: [number, number] | null; a: number } => {
    const a = b3 * b3 - c * c * v33;
    const b = 2 * (b1 * b3 - c * c * v13);
    const c0 = b1 * b1 - c * c * v11;
    const disc = b * b - 4 * a * c0;
    if (!(disc >= 0) || a === 0) return { r: null, a };
    const s = Math.sqrt(disc);
    const r1 = (-b - s) / (2 * a);
    const r2 = (-b + s) / (2 * a);
    return { r: r1 < r2 ? [r1, r2] : [r2, r1], a };
  };
  const first = roots(critical(level, slopeAt(0).df));
  if (!first.r) return { lower: null, upper: null, significant: first.a > 0 ? "everywhere" : "nowhere" };
  const refine = (start: number, which: 0 | 1): number => {
    let w = start;
    for (let k = 0; k < 50; k++) {
      const next = roots(critical(level, slopeAt(w).df)).r;
      if (!next) break;
      const moved = Math.abs(next[which] - w);
      w = next[which];
      if (moved < 1e-12 * (1 + Math.abs(w))) break;
    }
    return secant(w, (u) => {
      const s = slopeAt(u);
      return Math.abs(s.statistic) - critical(level, s.df);
    });
  };
  const lower = refine(first.r[0], 0);
  const upper = refine(first.r[1], 1);
  return { lower, upper, significant: first.a > 0 ? "outside" : "inside" };
}

function secant(w0: number, f: (w: number) => number): number {
  let a = w0;
  let b = w0 + 1e-4 * (1 + Math.abs(w0));
  let fa = f(a);
  let fb = f(b);
  for (let k = 0; k < 30 && fb !== fa; k++) {
    const c = b - (fb * (b - a)) / (fb - fa);
    a = b;
    fa = fb;
    b = c;
    fb = f(b);
    if (Math.abs(b - a) < 1e-11 * (1 + Math.abs(b))) break;
  }
  return Number.isFinite(b) ? b : w0;
}

function summary(values: ArrayLike<number>): { mean: number; sd: number; min: number; max: number } {
  const n = values.length;
  let mean = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    mean += values[i] / n;
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (n - 1)), min, max };
}
