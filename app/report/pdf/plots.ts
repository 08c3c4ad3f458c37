/**
 * The report's diagnostic plots, drawn as vector graphics straight from the fit's results (no
 * DOM, so the CLI and the app make the same figures): residuals against fitted values, a normal
 * Q–Q plot of the residuals, and a caterpillar plot of one grouping factor's conditional modes
 * with ±1.96 conditional SD (lme4's dotplot(ranef(m, condVar = TRUE))).
 */
import { qnorm } from "../../stats/normal";
import type { DiagnosticsView, RanefView } from "../../model-spec/fit-view";

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

interface Axes {
  readonly xmin: number;
  readonly xmax: number;
  readonly ymin: number;
  readonly ymax: number;
}

/** Most points drawn in one scatter plot; above it every k-th observation (in order) is shown. */
export const MAX_POINTS = 5000;
export const INK = "#1a1a1a";
const POINT = "#2f5d8a";
const GRID = "#dddddd";
const REF = "#b03a2e";

/** 0 to 8 "nice" tick values covering [lo, hi] (1, 2, 5 × 10^k steps). */
export function niceTicks(lo: number, hi: number, target = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function padded(lo: number, hi: number): [number, number] {
  const span = hi - lo || Math.abs(hi) || 1;
  return [lo - 0.05 * span, hi + 0.05 * span];
}

export function frame(
  doc: PDFKit.PDFDocument,
  box: Box,
  axes: Axes,
  labels: { title: string; x: string; y: string },
  yTicks = true,
  xLevels?: readonly string[],
): (x: number, y: number) => [number, number] {
  const left = box.x + 38;
  const bottom = box.y + box.height - 28;
  const top = box.y + 16;
  const right = box.x + box.width - 6;
  const sx = (x: number) => left + ((x - axes.xmin) / (axes.xmax - axes.xmin)) * (right - left);
  const sy = (y: number) => bottom - ((y - axes.ymin) / (axes.ymax - axes.ymin)) * (bottom - top);
  doc.save();
  // The title on one line: a long one (readable names, "by" factors) in a smaller size rather than wrapped into the plot.
  doc.font("Bold").fontSize(8.5);
  for (let size = 8.5; size > 6 && doc.widthOfString(labels.title) > box.width; size -= 0.5) doc.fontSize(size - 0.5);
  doc.fillColor(INK).text(labels.title, box.x, box.y, { width: box.width, align: "center", lineBreak: false, ellipsis: true });
  doc.font("Regular").fontSize(7).fillColor(INK);
  // A categorical x axis: one tick per level at 0, 1, 2, … labelled with the level.
  const xTicks = xLevels ? xLevels.map((label, i) => ({ t: i, label })) : niceTicks(axes.xmin, axes.xmax).map((t) => ({ t, label: tickLabel(t) }));
  const tickWidth = xLevels ? Math.max(40, (right - left) / Math.max(1, xLevels.length)) : 40;
  for (const { t, label } of xTicks) {
    doc.moveTo(sx(t), top).lineTo(sx(t), bottom).lineWidth(0.4).strokeColor(GRID).stroke();
    doc.text(label, sx(t) - tickWidth / 2, bottom + 3, { width: tickWidth, align: "center", lineBreak: false, ellipsis: true });
  }
  for (const t of yTicks ? niceTicks(axes.ymin, axes.ymax) : []) {
    doc.moveTo(left, sy(t)).lineTo(right, sy(t)).lineWidth(0.4).strokeColor(GRID).stroke();
    doc.text(tickLabel(t), box.x, sy(t) - 3.5, { width: 34, align: "right", lineBreak: false });
  }
  doc.rect(left, top, right - left, bottom - top).lineWidth(0.6).strokeColor(INK).stroke();
  doc.fontSize(7.5).text(labels.x, left, bottom + 14, { width: right - left, align: "center", lineBreak: false });
  // The y label along the plot's height, on one line: smaller rather than wrapped onto the tick labels.
  const span = bottom - top;
  for (let size = 7.5; size > 5.5 && doc.widthOfString(labels.y) > span; size -= 0.5) doc.fontSize(size - 0.5);
  doc.save().rotate(-90, { origin: [box.x + 4, (top + bottom) / 2] });
  doc.text(labels.y, box.x + 4 - span / 2, (top + bottom) / 2 - 8, { width: span, align: "center", lineBreak: false, ellipsis: true });
  doc.restore();
  doc.restore();
  return (x, y) => [sx(x), sy(y)];
}

/** A tick's number, negative ones with a true minus sign (U+2212) as in the tables. */
function tickLabel(t: number): string {
  return (Math.abs(t) >= 1e5 || (Math.abs(t) < 1e-3 && t !== 0) ? t.toExponential(0) : String(t)).replace(/-/g, "−");
}

function points(doc: PDFKit.PDFDocument, xy: readonly (readonly [number, number])[], radius = 1.3): void {
  doc.save().fillColor(POINT).fillOpacity(0.7);
  for (const [x, y] of xy) doc.circle(x, y, radius);
  doc.fill().restore();
}

/** Pairs of finite values, thinned to at most MAX_POINTS (every k-th), and whether thinning happened. */
function finitePairs(xs: readonly (number | null)[], ys: readonly (number | null)[]): { pairs: [number, number][]; thinned: boolean } {
  const all: [number, number][] = [];
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x !== null && y !== null && Number.isFinite(x) && Number.isFinite(y)) all.push([x, y]);
  }
  if (all.length <= MAX_POINTS) return { pairs: all, thinned: false };
  const step = all.length / MAX_POINTS;
  return { pairs: Array.from({ length: MAX_POINTS }, (_, i) => all[Math.floor(i * step)]), thinned: true };
}

export function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return padded(lo, hi);
}

function residualLabel(d: DiagnosticsView): string {
  return d.residualKind === "deviance" ? "Deviance residual" : d.residualKind === "pearson" ? "Standardized (Pearson) residual" : "Residual";
}

/** Residuals against fitted values with the zero line. Returns true when points were thinned. */
export function residualsVsFitted(doc: PDFKit.PDFDocument, box: Box, d: DiagnosticsView): boolean {
  const { pairs, thinned } = finitePairs(d.fitted, d.residuals);
  if (pairs.length === 0) return false;
  const [xmin, xmax] = extent(pairs.map((p) => p[0]));
  const [ymin, ymax] = extent([...pairs.map((p) => p[1]), 0]);
  const at = frame(doc, box, { xmin, xmax, ymin, ymax }, { title: "Residuals vs fitted", x: "Fitted value", y: residualLabel(d) });
  const [x0, y0] = at(xmin, 0);
  const [x1] = at(xmax, 0);
  doc.save().moveTo(x0, y0).lineTo(x1, y0).dash(3, { space: 2 }).lineWidth(0.8).strokeColor(REF).stroke().undash().restore();
  points(doc, pairs.map(([x, y]) => at(x, y)));
  return thinned;
}

/** Normal Q–Q plot of the residuals (quantiles at (i − 0.5)/n, R's ppoints for n > 10) with the line through the quartiles (qqline). */
export function normalQq(doc: PDFKit.PDFDocument, box: Box, d: DiagnosticsView): boolean {
  const sorted = d.residuals.filter((r) => r !== null && Number.isFinite(r)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return false;
  const a = n <= 10 ? 3 / 8 : 0.5;
  const theoretical = sorted.map((_, i) => qnorm((i + 1 - a) / (n + 1 - 2 * a)));
  const { pairs, thinned } = finitePairs(theoretical, sorted);
  const [xmin, xmax] = extent(theoretical);
  const [ymin, ymax] = extent(sorted);
  const at = frame(doc, box, { xmin, xmax, ymin, ymax }, { title: "Normal Q–Q plot", x: "Theoretical quantile", y: residualLabel(d) });
  const q = (p: number) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, n - 1)] ?? sorted[lo]) - sorted[lo]);
  };
  const slope = (q(0.75) - q(0.25)) / (qnorm(0.75) - qnorm(0.25));
  const intercept = q(0.25) - slope * qnorm(0.25);
  if (Number.isFinite(slope)) {
    const clampY = (y: number) => Math.min(ymax, Math.max(ymin, y));
    const [sx0, sy0] = at(xmin, clampY(intercept + slope * xmin));
    const [sx1, sy1] = at(xmax, clampY(intercept + slope * xmax));
    doc.save().moveTo(sx0, sy0).lineTo(sx1, sy1).lineWidth(0.8).strokeColor(REF).stroke().restore();
  }
  points(doc, pairs.map(([x, y]) => at(x, y)));
  return thinned;
}

/** Most levels shown in a caterpillar plot; above it, the most extreme half at each end. */
export const MAX_LEVELS = 40;

/**
 * Caterpillar plot of one term of a grouping factor (the first by default), titled `name`
 * ("Subject: Intercept"; R's names when not given); returns the levels left out (0 if none).
 */
/** `title` is the whole title; by default "<group>: <term> (conditional modes ± 1.96 SD)", with `name` for "<group>: <term>". */
export function caterpillar(doc: PDFKit.PDFDocument, box: Box, ranef: RanefView, name?: string, term = 0, title?: string): number {
  const rows = ranef.levels
    .map((level, i) => ({ level, value: ranef.values[term]?.[i] ?? NaN, sd: ranef.condsd[term]?.[i] ?? null }))
    .filter((r) => Number.isFinite(r.value))
    .sort((a, b) => a.value - b.value);
  if (rows.length === 0) return 0;
  const shown = rows.length > MAX_LEVELS ? [...rows.slice(0, MAX_LEVELS / 2), ...rows.slice(-MAX_LEVELS / 2)] : rows;
  const half = (r: { sd: number | null }) => 1.96 * (r.sd ?? 0);
  const [xmin, xmax] = extent([...shown.map((r) => r.value - half(r)), ...shown.map((r) => r.value + half(r)), 0]);
  const labelWidth = 60;
  const inner: Box = { x: box.x + labelWidth - 38, y: box.y, width: box.width - labelWidth + 38, height: box.height };
  const at = frame(doc, inner, { xmin, xmax, ymin: 0, ymax: shown.length + 1 }, {
    title: title ?? `${name ?? `${ranef.group}: ${ranef.terms[term]}`} (conditional modes ± 1.96 SD)`,
    x: "Conditional mode",
    y: "",
  }, false);
  doc.save();
  const [zx, ztop] = at(0, shown.length + 1);
  const [, zbottom] = at(0, 0);
  doc.moveTo(zx, ztop).lineTo(zx, zbottom).dash(3, { space: 2 }).lineWidth(0.8).strokeColor(REF).stroke().undash();
  const labelSize = Math.min(7, ((zbottom - ztop) / (shown.length + 1)) * 0.9);
  shown.forEach((r, i) => {
    const [x, y] = at(r.value, i + 1);
    const [xl] = at(r.value - half(r), i + 1);
    const [xr] = at(r.value + half(r), i + 1);
    doc.moveTo(xl, y).lineTo(xr, y).lineWidth(0.7).strokeColor(POINT).stroke();
    doc.circle(x, y, 1.6).fillColor(POINT).fill();
    doc.font("Regular").fontSize(labelSize).fillColor(INK).text(r.level, box.x, y - labelSize / 2, { width: labelWidth - 4, align: "right", lineBreak: false, ellipsis: true });
  });
  doc.restore();
  return rows.length - shown.length;
}
