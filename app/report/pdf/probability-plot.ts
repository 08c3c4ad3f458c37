/**
 * The report's category-probability chart of an ordinal (clmm) fit, as the Plots tab draws it
 * (renderer's probability-plot.ts): one stacked bar per level of a factor, its segments the
 * probabilities of the outcome's categories (lowest at the bottom, light to dark blue) adding up
 * to 1, and a legend listing the categories top to bottom as the segments are — emmeans'
 * mode = "prob" with the other factors averaged over, random effects at 0. The intervals are in
 * the post-hoc tables (a stacked bar cannot show them honestly).
 */
import type { EffectCurve } from "../../model-spec/fit-view";
import { plainVariableName } from "../term-labels";
import { frame, INK, type Box } from "./plots";

/** Ordered categories get ordered colours, light to dark blue, as on screen. */
export function categoryShade(k: number, n: number): string {
  const t = n <= 1 ? 1 : k / (n - 1);
  const from = [198, 219, 239];
  const to = [8, 48, 107];
  const c = from.map((f, i) => Math.round(f + (to[i] - f) * t));
  return `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

/** `curve`: an ordinal fit's effect curve (x a factor, one line per outcome category); `response`: the outcome's name. */
export function probabilityPlot(doc: PDFKit.PDFDocument, box: Box, curve: EffectCurve, response: string): void {
  const levels = curve.at.map(String);
  const categories = curve.lines.map((l) => l.level ?? "");
  const factor = plainVariableName(curve.x);
  const outcome = plainVariableName(response);
  // The legend on the right, as wide as its longest entry (within limits).
  const titleWidth = doc.font("Bold").fontSize(6.5).widthOfString(outcome);
  doc.font("Regular");
  const legendWidth = Math.min(100, Math.max(titleWidth, ...categories.map((c) => doc.widthOfString(c) + 10)) + 14);
  const plotBox: Box = { ...box, width: box.width - legendWidth };
  const at = frame(doc, plotBox, { xmin: -0.5, xmax: levels.length - 0.5, ymin: 0, ymax: 1 }, { title: `Category probabilities of ${outcome} by ${factor}`, x: factor, y: `Probability of each ${outcome} category` }, true, levels);
  doc.save();
  const half = 0.35;
  levels.forEach((_, i) => {
    let base = 0;
    curve.lines.forEach((line, k) => {
      const p = line.estimate[i];
      if (!(p > 0)) return;
      const [left, top] = at(i - half, Math.min(1, base + p));
      const [right, bottom] = at(i + half, base);
      doc.rect(left, top, right - left, bottom - top).fillColor(categoryShade(k, categories.length)).fill();
      doc.moveTo(left, top).lineTo(right, top).lineWidth(0.6).strokeColor("#ffffff").stroke();
      base += p;
    });
  });
  // Legend: the outcome's name, then the categories from the highest (top) to the lowest.
  const lx = plotBox.x + plotBox.width + 8;
  let ly = box.y + 22;
  doc.font("Bold").fontSize(6.5).fillColor(INK).text(outcome, lx, ly, { width: legendWidth - 8, lineBreak: false, ellipsis: true });
  ly += 10;
  doc.font("Regular");
  for (let k = categories.length - 1; k >= 0; k--) {
    doc.rect(lx, ly, 7, 7).fillColor(categoryShade(k, categories.length)).fill();
    doc.fillColor(INK).text(categories[k], lx + 10, ly + 0.5, { width: legendWidth - 18, lineBreak: false, ellipsis: true });
    ly += 10;
  }
  doc.restore();
}
