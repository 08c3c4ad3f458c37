/**
 * chart.js configurations of the diagnostic and effect plots, from a FitView. Axes and legends
 * are labelled with the variables' plain names (no R backticks) and readable term names; no numerics beyond arranging the points (Q–Q positions as R's
 * qqnorm with ppoints, and qqline through the quartiles).
 */
import type { ChartConfiguration, ChartDataset } from "chart.js";
import type { EffectCurve, FitView, RanefView } from "../../../../app/model-spec";
import { qnorm } from "../../../../app/stats";
import { plainVariableName } from "../../../../app/report/term-labels";

export const COLORS = ["#1f5fbf", "#c2410c", "#15803d", "#8a4baf", "#b91c1c", "#0e7490", "#a16207", "#4b5563", "#be185d", "#4d7c0f", "#1e3a8a", "#7c2d12"];
const POINT = "rgba(31, 95, 191, 0.55)";
const LINE = "#9aa1ab";

type Config = ChartConfiguration;

function axes(x: string, y: string, xType: "linear" | "category" = "linear") {
  return {
    x: { type: xType, title: { display: true, text: x } },
    y: { type: "linear" as const, title: { display: true, text: y } },
  };
}

const base = { responsive: true, maintainAspectRatio: false, animation: false as const };

function residualLabel(fit: FitView): string {
  const kind = fit.diagnostics.residualKind;
  return kind === "raw" ? `Residual (${fit.responseName} − fitted)` : kind === "pearson" ? "Standardized (Pearson) residual" : "Deviance residual";
}

function range(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  return [lo, hi];
}

export function residualsVsFitted(fit: FitView): Config {
  const d = fit.diagnostics;
  const [lo, hi] = range(d.fitted);
  return {
    type: "scatter",
    data: {
      datasets: [
        { label: "Rows", data: d.fitted.map((x, i) => ({ x, y: d.residuals[i] })), backgroundColor: POINT, pointRadius: 3 },
        { label: "Zero", type: "line", data: [{ x: lo, y: 0 }, { x: hi, y: 0 }], borderColor: LINE, borderDash: [4, 4], pointRadius: 0 },
      ],
    },
    options: { ...base, plugins: { legend: { display: false } }, scales: axes(`Fitted ${fit.responseName}`, residualLabel(fit)) },
  } as unknown as Config;
}

/** R's ppoints(n): (i − a)/(n + 1 − 2a), a = 3/8 for n ≤ 10, else 1/2. */
function ppoints(n: number): number[] {
  const a = n <= 10 ? 3 / 8 : 0.5;
  return Array.from({ length: n }, (_, i) => (i + 1 - a) / (n + 1 - 2 * a));
}

function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

export function normalQq(fit: FitView): Config {
  const sorted = [...fit.diagnostics.residuals].sort((a, b) => a - b);
  const theory = ppoints(sorted.length).map((p) => qnorm(p));
  // qqline: the line through the first and third quartiles.
  const [q1, q3] = [quantile(sorted, 0.25), quantile(sorted, 0.75)];
  const slope = (q3 - q1) / (qnorm(0.75) - qnorm(0.25));
  const intercept = q1 - slope * qnorm(0.25);
  const [lo, hi] = range(theory);
  return {
    type: "scatter",
    data: {
      datasets: [
        { label: "Residuals", data: theory.map((x, i) => ({ x, y: sorted[i] })), backgroundColor: POINT, pointRadius: 3 },
        { label: "Reference line", type: "line", data: [{ x: lo, y: intercept + slope * lo }, { x: hi, y: intercept + slope * hi }], borderColor: LINE, pointRadius: 0 },
      ],
    },
    options: { ...base, plugins: { legend: { display: false } }, scales: axes("Theoretical normal quantile", residualLabel(fit)) },
  } as unknown as Config;
}

export function observedVsFitted(fit: FitView): Config {
  const d = fit.diagnostics;
  const [lo, hi] = range([...d.fitted, ...d.observed]);
  return {
    type: "scatter",
    data: {
      datasets: [
        { label: "Rows", data: d.fitted.map((x, i) => ({ x, y: d.observed[i] })), backgroundColor: POINT, pointRadius: 3 },
        { label: "Observed = fitted", type: "line", data: [{ x: lo, y: lo }, { x: hi, y: hi }], borderColor: LINE, borderDash: [4, 4], pointRadius: 0 },
      ],
    },
    options: { ...base, plugins: { legend: { display: false } }, scales: axes(`Fitted ${fit.responseName}`, `Observed ${fit.responseName}`) },
  } as unknown as Config;
}

/** Conditional modes of one term of a grouping factor (shown as `termName`), sorted, with ±1.96 conditional SD. */
export function caterpillar(block: RanefView, term: number, termName = block.terms[term]): Config {
  const group = plainVariableName(block.group);
  const order = block.levels.map((_, i) => i).sort((a, b) => block.values[term][a] - block.values[term][b]);
  const labels = order.map((i) => block.levels[i]);
  const values = order.map((i) => block.values[term][i]);
  const sds = order.map((i) => block.condsd[term][i]);
  return {
    type: "bar",
    data: {
      labels,
      datasets: [
        { label: "Conditional mode", type: "line", data: values, showLine: false, pointRadius: 4, backgroundColor: COLORS[0], borderColor: COLORS[0], indexAxis: "y" },
        { label: "95% interval", data: values.map((v, i) => [v - 1.959964 * sds[i], v + 1.959964 * sds[i]]), backgroundColor: "rgba(31, 95, 191, 0.25)", barPercentage: 0.35, indexAxis: "y" },
      ],
    },
    options: {
      ...base,
      indexAxis: "y",
      plugins: { legend: { display: false } },
      scales: {
        x: { type: "linear", title: { display: true, text: `${termName} by ${group} (conditional mode)` } },
        y: { type: "category", title: { display: true, text: group }, ticks: { autoSkip: labels.length > 40 } },
      },
    },
  } as unknown as Config;
}

const alpha = (hex: string, a: number) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
};

/**
 * A categorical predictor's effect: a point per level with its 95% interval as an error bar, the
 * lines of the "Lines by" factor side by side (dodged) at each level — no line or band between
 * categories, which would suggest values between them.
 */
function factorEffectPlot(curve: EffectCurve, yLabel: string): Config {
  const levels = curve.at.map(String);
  const n = curve.lines.length;
  const width = n > 1 ? Math.min(0.5, 0.15 * (n - 1)) : 0;
  const offset = (k: number) => (n > 1 ? -width / 2 + (width * k) / (n - 1) : 0);
  const datasets = curve.lines.flatMap((line, k) => {
    const color = COLORS[k % COLORS.length];
    const name = line.level === null ? yLabel : `${curve.by} = ${line.level}`;
    const bars = levels.map((level, i) => ({
      type: "line" as const,
      label: `${name} ${level} interval`,
      data: [{ x: i + offset(k), y: line.lower[i] }, { x: i + offset(k), y: line.upper[i] }],
      borderColor: color,
      borderWidth: 1.5,
      pointRadius: 0,
      showLine: true,
    }));
    const points = { type: "scatter" as const, label: name, data: levels.map((_, i) => ({ x: i + offset(k), y: line.estimate[i] })), borderColor: color, backgroundColor: color, pointRadius: 5 };
    return [...bars, points];
  });
  const scales = axes(curve.x, `Predicted ${yLabel} (95% CI)`);
  return {
    type: "scatter",
    data: { datasets },
    options: {
      ...base,
      plugins: { legend: { display: curve.by !== null, labels: { filter: (item: { text: string }) => !/ interval$/.test(item.text) } } },
      scales: {
        ...scales,
        x: {
          ...scales.x,
          min: -0.5,
          max: levels.length - 0.5,
          grid: { display: false },
          // One tick per level, at its position, labelled with the level.
          afterBuildTicks: (axis: { ticks: { value: number }[] }) => void (axis.ticks = levels.map((_, i) => ({ value: i }))),
          ticks: { callback: (v: number | string) => levels[Number(v)] ?? "" },
        },
      },
    },
  } as unknown as Config;
}

export function effectPlot(named: EffectCurve, yLabel: string): Config {
  const curve: EffectCurve = { ...named, x: plainVariableName(named.x), by: named.by === null ? null : plainVariableName(named.by) };
  if (curve.xKind === "factor") return factorEffectPlot(curve, yLabel);
  const numeric = curve.xKind === "numeric";
  const point = (y: readonly number[]) => (numeric ? curve.at.map((x, i) => ({ x: x as number, y: y[i] })) : [...y]);
  const datasets: ChartDataset<"line">[] = curve.lines.flatMap((line, k) => {
    const color = COLORS[k % COLORS.length];
    const name = line.level === null ? yLabel : `${curve.by} = ${line.level}`;
    return [
      { label: `${name} upper`, data: point(line.upper) as never, borderWidth: 0, pointRadius: 0, fill: false, backgroundColor: alpha(color, 0.15) },
      { label: `${name} lower`, data: point(line.lower) as never, borderWidth: 0, pointRadius: 0, fill: "-1", backgroundColor: alpha(color, 0.15) },
      { label: name, data: point(line.estimate) as never, borderColor: color, backgroundColor: color, pointRadius: numeric ? 0 : 4, borderWidth: 2 },
    ];
  });
  return {
    type: "line",
    data: { labels: numeric ? undefined : curve.at.map(String), datasets },
    options: {
      ...base,
      plugins: {
        legend: { display: curve.by !== null, labels: { filter: (item: { text: string }) => !/ (upper|lower)$/.test(item.text) } },
      },
      scales: axes(curve.x, `Predicted ${yLabel} (95% CI)`, numeric ? "linear" : "category"),
    },
  } as unknown as Config;
}
