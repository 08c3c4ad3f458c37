/**
 * The tolerances of tests/fixtures/reference/README.md, as a collector of mismatches: every
 * comparison records a readable line instead of stopping at the first difference, so a failing
 * case shows everything that is off. A missing or non-numeric value of ours is a mismatch.
 */

export class Mismatches {
  readonly lines: string[] = [];

  /** `scale` is 10 for singular fits and fits where lme4 warned (README: "within 10×"). */
  constructor(readonly scale: number) {}

  /** Within `rel` × |reference| or `abs` (each × scale); either suffices. */
  near(label: string, ours: unknown, ref: number, rel: number, abs: number): void {
    if (typeof ours !== "number" || !Number.isFinite(ours)) {
      this.lines.push(`${label}: missing (reference ${ref})`);
      return;
    }
    const d = Math.abs(ours - ref);
    if (d <= rel * Math.abs(ref) * this.scale || d <= abs * this.scale) return;
    this.lines.push(`${label}: ${ours} vs reference ${ref} (difference ${d.toPrecision(3)})`);
  }

  /** The objective: ours may be lower (a better optimum), at most 1e-4 above (never scaled). */
  atMost(label: string, ours: unknown, ref: number): void {
    if (typeof ours !== "number" || !Number.isFinite(ours)) {
      this.lines.push(`${label}: missing (reference ${ref})`);
    } else if (ours > ref + 1e-4) {
      this.lines.push(`${label}: ${ours} is worse than reference ${ref} by ${(ours - ref).toPrecision(3)}`);
    }
  }

  equal(label: string, ours: unknown, ref: unknown): void {
    if (JSON.stringify(ours) !== JSON.stringify(ref)) {
      this.lines.push(`${label}: ${JSON.stringify(ours)} vs reference ${JSON.stringify(ref)}`);
    }
  }

  missing(label: string): void {
    this.lines.push(`${label}: missing`);
  }

  /** The message for assert: one mismatch per line. */
  report(): string {
    return `${this.lines.length} mismatch(es):\n  ${this.lines.join("\n  ")}`;
  }
}

/** README tolerances. */
export const TOL = {
  estimateSe: 1e-3,
  estimateAbs: 1e-6,
  scaleRel: 1e-3, // se, sd, sigma, variance value
  scaleAbs: 1e-5,
  correlationAbs: 2e-3,
  dfRel: 1e-2,
  statisticRel: 1e-3,
  pRel: 1e-3,
  pAbs: 1e-8,
  likelihoodAbs: 1e-3, // logLik, AIC, BIC
  ranefCondsd: 1e-2,
  condsdRel: 1e-2,
  r2Abs: 1e-3,
  ciRel: 5e-3,
  /** θ is not in the README's table; it is a ratio of SDs, so the SD rule, with 1e-4 absolute near 0. */
  thetaRel: 1e-3,
  thetaAbs: 1e-4,
} as const;
