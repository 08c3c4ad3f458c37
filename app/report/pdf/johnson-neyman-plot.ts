/**
 * The report's Johnson–Neyman plot, as the Plots tab's J-N panel draws it (GAMLj's J-N plot;
 * Bauer & Curran 2005): the slope of x over the moderator's observed range with its confidence
 * band, the moderator values where the slope differs from 0 shaded, the zero line, and each J-N
 * bound inside the range marked by a dashed line labelled with its value as the bounds table
 * shows it (same number style, true minus sign).
 */
import type { JohnsonNeymanView } from "../../api/contract-analysis";
import { plainVariableName } from "../term-labels";
import { extent, frame, INK, type Box } from "./plots";

const SLOPE = "#1f5fbf";
const BAND = "#9aa1ab";
const ZERO = "#4b5563";
const BOUND = "#b03a2e";

/** The intervals of [min, max] where the slope differs from 0 (from the bounds and which side of them is significant). */
export function significantIntervals(jn: Pick<JohnsonNeymanView, "lower" | "upper" | "significant" | "range">): [number, number][] {
  const [min, max] = jn.range;
  const clip = (a: number, b: number): [number, number][] => (Math.min(b, max) > Math.max(a, min) ? [[Math.max(a, min), Math.min(b, max)]] : []);
  if (jn.significant === "everywhere") return [[min, max]];
  if (jn.significant === "nowhere" || jn.lower === null || jn.upper === null) return [];
  if (jn.significant === "inside") return clip(jn.lower, jn.upper);
  return [...clip(-Infinity, jn.lower), ...clip(jn.upper, Infinity)];
}

/**
 * Draw the plot into `box` (the legend goes in the 14 points under it). `boundText` gives the
 * bounds as the bounds table shows them.
 */
export function johnsonNeymanPlot(doc: PDFKit.PDFDocument, box: Box, jn: JohnsonNeymanView, boundText: { lower: string; upper: string }): void {
  const curve = jn.curve.filter((s) => Number.isFinite(s.lower) && Number.isFinite(s.upper) && Number.isFinite(s.estimate));
  if (curve.length < 2) return;
  const x = plainVariableName(jn.x);
  const moderator = plainVariableName(jn.moderator);
  const [xmin, xmax] = [curve[0].at, curve[curve.length - 1].at];
  const [ymin, ymax] = extent([...curve.map((s) => s.lower), ...curve.map((s) => s.upper)]);
  const pct = Math.round(jn.level * 100);
  const at = frame(doc, box, { xmin, xmax, ymin, ymax }, { title: `Johnson–Neyman plot: slope of ${x} over ${moderator} (${pct}% CI)`, x: moderator, y: `Slope of ${x}` });
  doc.save();
  // Where the slope differs from 0: the full height of the plot, as the screen's shaded region.
  for (const [a, b] of significantIntervals(jn)) {
    const [left, top] = at(a, ymax);
    const [right, bottom] = at(b, ymin);
    doc.rect(left, top, right - left, bottom - top).fillColor(SLOPE).fillOpacity(0.1).fill();
  }
  doc.fillOpacity(1);
  const upper = curve.map((s) => at(s.at, s.upper));
  const lower = curve.map((s) => at(s.at, s.lower));
  doc.polygon(...upper, ...[...lower].reverse()).fillColor(BAND).fillOpacity(0.22).fill().fillOpacity(1);
  for (const edge of [upper, lower]) polyline(doc, edge).dash(4, { space: 3 }).lineWidth(0.8).strokeColor(BAND).stroke().undash();
  if (ymin < 0 && ymax > 0) {
    const [x0, y0] = at(xmin, 0);
    const [x1] = at(xmax, 0);
    doc.moveTo(x0, y0).lineTo(x1, y0).lineWidth(0.8).strokeColor(ZERO).stroke();
  }
  polyline(doc, curve.map((s) => at(s.at, s.estimate))).lineWidth(1.4).strokeColor(SLOPE).stroke();
  for (const [value, text] of [[jn.lower, boundText.lower], [jn.upper, boundText.upper]] as const) {
    if (value === null || !(value >= xmin && value <= xmax)) continue;
    const [bx, top] = at(value, ymax);
    const [, bottom] = at(value, ymin);
    doc.moveTo(bx, top).lineTo(bx, bottom).dash(3, { space: 2 }).lineWidth(0.9).strokeColor(BOUND).stroke().undash();
    doc.font("Regular").fontSize(7).fillColor(BOUND);
    // The label on the side with more room, so it stays inside the plot.
    const width = doc.widthOfString(text);
    const right = bx + 3 + width < at(xmax, 0)[0];
    doc.text(text, right ? bx + 3 : bx - 3 - width, top + 3, { lineBreak: false });
  }
  legend(doc, box, [
    { kind: "line", color: SLOPE, text: `Slope of ${x}` },
    { kind: "fill", color: BAND, opacity: 0.5, text: `${pct}% CI` },
    { kind: "fill", color: SLOPE, opacity: 0.2, text: `Slope differs from 0 (p < ${(1 - jn.level).toFixed(2).replace(/^0/, "")})` },
    { kind: "dash", color: BOUND, text: "Johnson–Neyman bound" },
  ]);
  doc.restore();
}

function polyline(doc: PDFKit.PDFDocument, points: readonly (readonly [number, number])[]): PDFKit.PDFDocument {
  doc.moveTo(points[0][0], points[0][1]);
  for (const [px, py] of points.slice(1)) doc.lineTo(px, py);
  return doc;
}

type LegendEntry = { kind: "line" | "dash"; color: string; text: string } | { kind: "fill"; color: string; opacity: number; text: string };

/** One row of swatches under the plot. */
function legend(doc: PDFKit.PDFDocument, box: Box, entries: readonly LegendEntry[]): void {
  doc.font("Regular").fontSize(6.5);
  let lx = box.x + 42;
  const y = box.y + box.height + 4;
  for (const e of entries) {
    if (e.kind === "fill") doc.rect(lx, y - 2, 10, 6).fillColor(e.color).fillOpacity(e.opacity).fill().fillOpacity(1);
    else {
      doc.moveTo(lx, y + 1).lineTo(lx + 10, y + 1).lineWidth(1.2).strokeColor(e.color);
      if (e.kind === "dash") doc.dash(2, { space: 1.5 });
      doc.stroke().undash();
    }
    // A long variable name is cut (with an ellipsis) rather than pushing the legend past the plot.
    const width = Math.min(doc.widthOfString(e.text), 160);
    doc.fillColor(INK).text(e.text, lx + 13, y - 2.5, { width: width + 1, lineBreak: false, ellipsis: true });
    lx += 13 + width + 14;
  }
}
