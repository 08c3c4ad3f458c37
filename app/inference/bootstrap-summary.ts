/**
 * The summary side of the parametric bootstrap (app/inference/bootstrap.ts, pb-modcomp.ts), free
 * of the engine so that the main process, reports and projects can import it: the result types,
 * percentile intervals as boot::boot.ci(type = "perc") (boot's norm.inter interpolation on the
 * normal scale), pbkrtest's PBmodcomp p-value, and the sentences saying what was done.
 */
import { MixwellError } from "../errors";
import type { IntervalRow } from "../engine/lmm/types";
import { pchisq, qnorm } from "../stats";

/** An interval row without its bounds: which statistic a refit's value is. */
export type BootstrapLabel = Omit<IntervalRow, "lower" | "upper">;

/** One refit: its statistics (see `statistics`) and whether lme4's convergence checks passed; null when it threw. */
export type RefitOutcome = { readonly stats: number[]; readonly converged: boolean } | null;

export interface BootstrapResult {
  readonly nboot: number;
  readonly seed: number;
  /** Refits that threw an error; they are left out of the intervals. */
  readonly failures: number;
  /** Refits that did not pass the convergence checks; kept in the intervals, as bootMer keeps them. */
  readonly nonConverged: number;
  /** Confidence level of the intervals (0.95). */
  readonly level: number;
  /** Fixed-effect rows `{ term, lower, upper }`, then ci_profile-style rows for SDs, correlations and σ. */
  readonly ci_boot: readonly IntervalRow[];
}

/** boot's norm.inter: the alpha quantile of sorted bootstrap values, interpolated on the normal scale. */
export function percentile(sorted: readonly number[], alpha: number): number {
  const R = sorted.length;
  const rk = (R + 1) * alpha;
  const k = Math.trunc(rk);
  if (Math.abs(rk - Math.round(rk)) < 1e-7 && Math.round(rk) >= 1 && Math.round(rk) <= R) return sorted[Math.round(rk) - 1];
  if (k <= 0) return sorted[0];
  if (k >= R) return sorted[R - 1];
  const t1 = qnorm(alpha);
  const t2 = qnorm(k / (R + 1));
  const t3 = qnorm((k + 1) / (R + 1));
  const tk = sorted[k - 1];
  const tk1 = sorted[k];
  return tk + ((t1 - t2) / (t3 - t2)) * (tk1 - tk);
}

/** Percentile intervals from the refits (refits that threw left out and counted; non-converged ones kept and counted). */
export function intervalsFromRefits(labels: readonly BootstrapLabel[], seed: number, refits: readonly RefitOutcome[], level = 0.95): BootstrapResult {
  const ok = refits.filter((r) => r !== null);
  if (ok.length < 10) throw new MixwellError(`Only ${ok.length} of ${refits.length} bootstrap refits succeeded: too few for intervals.`);
  const alpha = (1 - level) / 2;
  const ci_boot = labels.map((label, s) => {
    const sorted = ok.map((r) => r.stats[s]).filter(Number.isFinite).sort((a, b) => a - b);
    return { ...label, lower: percentile(sorted, alpha), upper: percentile(sorted, 1 - alpha) } as IntervalRow;
  });
  return { nboot: refits.length, seed, failures: refits.length - ok.length, nonConverged: ok.filter((r) => !r.converged).length, level, ci_boot };
}

/** The bootstrap intervals as text, with the sentence saying what was done. */
export function formatBootstrap(boot: BootstrapResult): string {
  const name = (r: IntervalRow) => (r.kind === "fixef" ? r.term ?? "" : r.kind === "correlation" ? `cor ${r.group}: ${r.name1}, ${r.name2}` : r.group === "Residual" ? "sigma" : `sd ${r.group}: ${r.name1}`);
  const width = Math.max(...boot.ci_boot.map((r) => name(r).length));
  return [
    "",
    bootstrapSentence(boot),
    ...boot.ci_boot.map((r) => `${name(r).padEnd(width)}  [${r.lower.toFixed(4)}, ${r.upper.toFixed(4)}]`),
    "",
  ].join("\n");
}

/** What was done, for reports: refits, seed, refits that did not converge (kept) and that failed (left out). */
export function bootstrapSentence(boot: Pick<BootstrapResult, "nboot" | "seed" | "failures" | "nonConverged" | "level">): string {
  const notConverged = `${boot.nonConverged} did not converge (kept, as lme4's bootMer keeps them)`;
  const failed = `${boot.failures} failed with an error (left out)`;
  const pct = Math.round(boot.level * 1000) / 10;
  return `Parametric bootstrap: ${boot.nboot} ${boot.nboot === 1 ? "refit" : "refits"} of the fitted model to data simulated from it (seed ${boot.seed}); ${notConverged}; ${failed}. ${pct}% percentile intervals, as lme4's confint(method = "boot").`;
}

/** One simulated LRT* and whether both refits passed the convergence checks; null when a refit threw. */
export type PbRefit = { readonly lrt: number; readonly converged: boolean } | null;

export interface PbResult {
  /** Refits asked for. */
  readonly nsim: number;
  readonly seed: number;
  readonly lrt: number;
  readonly df: number;
  /** Parametric-bootstrap p-value (pbkrtest's PBtest). */
  readonly pb_p: number;
  /** The χ² p-value of the same LRT, for comparison (PBmodcomp's LRT row). */
  readonly chisq_p: number;
  /** Refits the p-value uses: those with a positive LRT* (pbkrtest's npos). */
  readonly used: number;
  /** Refits whose LRT* exceeds the observed LRT (pbkrtest's n.extreme). */
  readonly extreme: number;
  /** Refits with LRT* ≤ 0, left out as pbkrtest leaves them out. */
  readonly nonPositive: number;
  /** Refits that threw an error, left out. */
  readonly failures: number;
  /** Refits (of either model) that did not pass the convergence checks; kept. */
  readonly nonConverged: number;
}

/**
 * The p-value from the observed LRT and the refits, as pbkrtest's .finalizePB: only positive LRT*s
 * are used (a refit where the larger model fits no better carries no information for pbkrtest),
 * p = (1 + #{LRT* > LRT}) / (1 + #{LRT* > 0}).
 */
export function pbResult(models: { readonly lrt: number; readonly df: number }, seed: number, refits: readonly PbRefit[]): PbResult {
  const ok = refits.filter((r) => r !== null);
  const positive = ok.filter((r) => r.lrt > 0);
  if (positive.length === 0) throw new MixwellError(`None of the ${refits.length} parametric-bootstrap refits gave a positive likelihood-ratio statistic: no p-value.`);
  const extreme = positive.filter((r) => r.lrt > models.lrt).length;
  return {
    nsim: refits.length,
    seed,
    lrt: models.lrt,
    df: models.df,
    pb_p: (1 + extreme) / (1 + positive.length),
    chisq_p: pchisq(Math.max(0, models.lrt), models.df, false),
    used: positive.length,
    extreme,
    failures: refits.length - ok.length,
    nonPositive: ok.length - positive.length,
    nonConverged: ok.filter((r) => !r.converged).length,
  };
}

/** What was done, for reports and the comparison panel. */
export function pbSentence(pb: PbResult): string {
  return (
    `Parametric bootstrap test (as pbkrtest's PBmodcomp): ${pb.nsim} responses simulated from the smaller model fitted by ML (seed ${pb.seed}), both models refitted by ML to each; ` +
    `p = (1 + ${pb.extreme} simulated LRTs above the observed ${pb.lrt.toFixed(2)}) / (1 + ${pb.used} positive LRTs used) = ${pb.pb_p.toPrecision(3)}; ` +
    `${pb.nonPositive} non-positive LRTs left out as pbkrtest does; ${pb.nonConverged} refits did not converge (kept); ${pb.failures} failed with an error (left out).`
  );
}
