/** Plain-text tables of marginal means and comparisons (CLI, text export), laid out like emmeans. */
import type { EffectSizes, MarginalMeans, OrdinalProbabilities, PairwiseComparisons, SimpleEffectTest } from "./types";

const num = (x: number, digits = 4) => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : x === Infinity ? "Inf" : "NA");
const pval = (p: number) => (p < 1e-4 ? "<.0001" : p.toFixed(4));

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ");
  return [line(header), ...rows.map(line)];
}

function groups<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) out.set(key(it), [...(out.get(key(it)) ?? []), it]);
  return out;
}

export function formatMarginalMeans(m: MarginalMeans): string {
  const out: string[] = [];
  const value = m.kind === "emtrends" ? `${m.trendOf}.trend` : "emmean";
  for (const [key, rows] of groups(m.rows, (r) => m.by.map((b) => `${b} = ${r.levels[b]}`).join(", "))) {
    if (key) out.push(`${key}:`);
    out.push(...table([...m.specs, value, "SE", "df", "lower.CL", "upper.CL"], rows.map((r) => [...m.specs.map((s) => r.levels[s]), num(r.estimate), num(r.se), num(r.df), num(r.lower), num(r.upper)])), "");
  }
  if (m.response) {
    const resp = m.response;
    out.push(`On the response scale (${resp.name}; intervals back-transformed from the ${resp.link} scale):`);
    out.push(...table([...m.specs, ...m.by, resp.name, "SE", "asymp.LCL", "asymp.UCL"], m.rows.map((r, i) => [...m.specs, ...m.by].map((s) => r.levels[s]).concat([num(resp.rows[i].estimate), num(resp.rows[i].se), num(resp.rows[i].lower), num(resp.rows[i].upper)]))), "");
  }
  if (m.averagedOver.length) out.push(`Results are averaged over the levels of: ${m.averagedOver.join(", ")}`);
  const cov = Object.entries(m.covariates);
  if (cov.length) out.push(`Covariates held at their means: ${cov.map(([k, v]) => `${k} = ${num(v)}`).join(", ")}`);
  out.push(`Degrees-of-freedom method: ${m.dfMethod}`, `Confidence level used: ${m.level}`);
  return `${out.join("\n")}\n`;
}

export function formatPairwise(c: PairwiseComparisons): string {
  const out: string[] = [];
  for (const [key, rows] of groups(c.rows, (r) => Object.entries(r.by).map(([b, v]) => `${b} = ${v}`).join(", "))) {
    if (key) out.push(`${key}:`);
    out.push(...table(["contrast", "estimate", "SE", "df", "lower.CL", "upper.CL", "t.ratio", "p.value"], rows.map((r) => [r.contrast, num(r.estimate), num(r.se), num(r.df), num(r.lower), num(r.upper), r.t.toFixed(3), pval(r.p)])), "");
  }
  const ratios = c.rows.filter((r) => r.ratio);
  if (ratios.length) {
    out.push(`As ${ratios[0].ratio!.name === "odds.ratio" ? "odds ratios" : "ratios"} (same tests):`);
    out.push(...table(["contrast", ratios[0].ratio!.name, "SE", "lower.CL", "upper.CL"], ratios.map((r) => [r.ratio!.contrast, num(r.ratio!.estimate), num(r.ratio!.se), num(r.ratio!.lower), num(r.ratio!.upper)])), "");
  }
  out.push(c.note);
  if (c.effectSizes) out.push("", ...formatEffectSizes(c.effectSizes));
  return `${out.join("\n")}\n`;
}

/** emmeans' eff_size print-out: effect.size, SE, df and the unadjusted interval, with σ and edf named. */
function formatEffectSizes(e: EffectSizes): string[] {
  const out: string[] = ["Effect sizes (emmeans' eff_size):"];
  for (const [key, rows] of groups(e.rows, (r) => Object.entries(r.by).map(([b, v]) => `${b} = ${v}`).join(", "))) {
    if (key) out.push(`${key}:`);
    out.push(...table(["contrast", "effect.size", "SE", "df", "lower.CL", "upper.CL"], rows.map((r) => [`(${r.contrast})`, num(r.estimate), num(r.se), num(r.df), num(r.lower), num(r.upper)])), "");
  }
  out.push(`sigma used for effect sizes: ${num(e.sigma)} (residual SD); edf = ${num(e.edf, 6)}${e.edfSource === "df.residual" ? " (df.residual)" : ""}`);
  out.push("Intervals not adjusted for multiplicity.");
  return out;
}

export function formatSimpleEffectTests(tests: readonly SimpleEffectTest[]): string {
  if (tests.length === 0) return "";
  const by = Object.keys(tests[0].by);
  const rows = tests.map((t) => [t.effect.join(":"), ...by.map((b) => t.by[b]), String(t.df1), num(t.df2), t.F.toFixed(3), pval(t.p)]);
  return `Simple effects (joint F tests):\n${table(["effect", ...by, "df1", "df2", "F.ratio", "p.value"], rows).join("\n")}\n`;
}

/** An ordinal model's category probabilities (mode "prob") and/or mean class (mode "mean.class"), as emmeans prints them. */
export function formatOrdinalProbabilities(o: OrdinalProbabilities, modes: readonly ("prob" | "mean.class")[]): string {
  const out: string[] = [];
  if (modes.includes("prob")) {
    for (const [level, rows] of groups(o.rows, (r) => r.level)) {
      out.push(`${o.factor} = ${level}:`);
      out.push(...table([o.response, "prob", "SE", "df", "asymp.LCL", "asymp.UCL"], rows.map((r) => [r.category, num(r.estimate), num(r.se), "Inf", num(r.lower), num(r.upper)])), "");
    }
  }
  if (modes.includes("mean.class")) {
    out.push(...table([o.factor, "mean.class", "SE", "df", "asymp.LCL", "asymp.UCL"], o.meanClass.map((r) => [r.level, num(r.estimate), num(r.se), "Inf", num(r.lower), num(r.upper)])), "");
  }
  out.push(`Outcome categories: ${o.categories.join(" < ")} (mean.class counts them 1 to ${o.categories.length})`, `Confidence level used: ${o.level}`);
  return `${out.join("\n")}\n`;
}
