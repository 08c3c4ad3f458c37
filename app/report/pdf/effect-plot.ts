/**
 * The report's effect plot of one predictor, as the Plots tab draws it: predicted values with
 * 95% intervals; a categorical predictor as a point with an error bar per level (the lines of a
 * "by" factor dodged side by side), a numeric one as a line with its band.
 */
import type { EffectCurve } from "../../model-spec/fit-view";
import { extent, frame, type Box } from "./plots";
import { plainVariableName } from "../term-labels";

const COLORS = ["#1f5fbf", "#c2410c", "#15803d", "#8a4baf", "#b91c1c", "#0e7490"];

export function effectPlot(doc: PDFKit.PDFDocument, box: Box, curve: EffectCurve, yLabel: string): void {
  const factor = curve.xKind === "factor";
  const levels = curve.at.map(String);
  const xs = factor ? levels.map((_, i) => i) : curve.at.map(Number);
  const ys = curve.lines.flatMap((l) => [...l.lower, ...l.upper]).filter(Number.isFinite);
  const [ymin, ymax] = extent(ys);
  const [xmin, xmax] = factor ? [-0.5, levels.length - 0.5] : [Math.min(...xs), Math.max(...xs)];
  // Axes and legends name the variables plainly (no R backticks, I(…) unwrapped).
  const x = plainVariableName(curve.x);
  const by = curve.by === null ? null : plainVariableName(curve.by);
  const title = `Predicted ${yLabel} over ${x}${by ? ` by ${by}` : ""} (95% CI)`;
  const at = frame(doc, box, { xmin, xmax, ymin, ymax }, { title, x, y: `Predicted ${yLabel}` }, true, factor ? levels : undefined);
  const n = curve.lines.length;
  const width = n > 1 ? Math.min(0.5, 0.15 * (n - 1)) : 0;
  doc.save();
  curve.lines.forEach((line, k) => {
    const color = COLORS[k % COLORS.length];
    if (factor) {
      const dx = n > 1 ? -width / 2 + (width * k) / (n - 1) : 0;
      xs.forEach((x, i) => {
        const [px, lo] = at(x + dx, line.lower[i]);
        const [, hi] = at(x + dx, line.upper[i]);
        const [, py] = at(x + dx, line.estimate[i]);
        doc.moveTo(px, lo).lineTo(px, hi).lineWidth(0.9).strokeColor(color).stroke();
        doc.circle(px, py, 2.4).fillColor(color).fill();
      });
    } else {
      const upper = xs.map((x, i) => at(x, line.upper[i]));
      const lower = xs.map((x, i) => at(x, line.lower[i])).reverse();
      const band = [...upper, ...lower];
      doc.polygon(...band.map(([x, y]) => [x, y] as [number, number])).fillColor(color).fillOpacity(0.15).fill().fillOpacity(1);
      const mid = xs.map((x, i) => at(x, line.estimate[i]));
      doc.moveTo(mid[0][0], mid[0][1]);
      for (const [x, y] of mid.slice(1)) doc.lineTo(x, y);
      doc.lineWidth(1.2).strokeColor(color).stroke();
    }
  });
  // Legend: one entry per line of the by factor.
  if (by) {
    doc.font("Regular").fontSize(6.5);
    let x = box.x + 42;
    curve.lines.forEach((line, k) => {
      const text = `${by} = ${line.level ?? ""}`;
      // Below the x axis's label (the plot's block leaves room under the box).
      doc.rect(x, box.y + box.height + 2, 6, 6).fillColor(COLORS[k % COLORS.length]).fill();
      doc.fillColor("#1a1a1a").text(text, x + 8, box.y + box.height + 1.5, { lineBreak: false });
      x += doc.widthOfString(text) + 18;
    });
  }
  doc.restore();
}
