/**
 * chart.js configuration of an interaction plot: the estimated marginal means of the spec factor
 * (x axis) with one line per level of the "by" factor, and their confidence intervals as error
 * bars (thin floating bars from the lower to the upper limit).
 */
import type { ChartConfiguration } from "chart.js";
import type { EmmeansView } from "../../../../app/api";
import { COLORS } from "../plots/configs";
import { displayTerm } from "../../../../app/formula";

const alpha = (hex: string, a: number) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
};

export function interactionPlot(view: EmmeansView, spec: string, by: string, yLabel: string): ChartConfiguration {
  const rows = view.means.rows;
  const xLevels = [...new Set(rows.map((r) => r.levels[spec]))];
  const lines = [...new Set(rows.map((r) => r.levels[by]))];
  const at = (line: string, x: string) => rows.find((r) => r.levels[by] === line && r.levels[spec] === x);
  const percent = Math.round(view.means.level * 100);
  const datasets = lines.flatMap((line, k) => {
    const color = COLORS[k % COLORS.length];
    return [
      { type: "line", label: `${displayTerm(by)} = ${line}`, data: xLevels.map((x) => at(line, x)?.estimate ?? null), borderColor: color, backgroundColor: color, pointRadius: 4, borderWidth: 2 },
      {
        type: "bar",
        label: `${displayTerm(by)} = ${line} ${percent}% CI`,
        data: xLevels.map((x) => {
          const r = at(line, x);
          return r ? [r.lower, r.upper] : null;
        }),
        backgroundColor: alpha(color, 0.45),
        barPercentage: 0.08,
        maxBarThickness: 6,
        grouped: false,
        categoryPercentage: 0.9,
      },
    ];
  });
  return {
    type: "bar",
    data: { labels: xLevels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: true, labels: { filter: (item: { text: string }) => !/ CI$/.test(item.text) } } },
      scales: {
        x: { type: "category", title: { display: true, text: displayTerm(spec) } },
        y: { type: "linear", beginAtZero: false, title: { display: true, text: `Estimated marginal mean of ${displayTerm(yLabel)} (${percent}% CI)` } },
      },
    },
  } as unknown as ChartConfiguration;
}
