/**
 * chart.js configuration of an ordinal model's category probabilities: one stacked bar per level
 * of the factor, its segments the probabilities of the outcome's categories (lowest at the
 * bottom), adding up to 1 — emmeans' mode = "prob" drawn as a person reads a Likert outcome.
 * The intervals are in the table beside it (a stacked bar cannot show them honestly).
 */
import type { ChartConfiguration } from "chart.js";
import type { OrdinalProbabilities } from "../../../../app/emmeans/types";
import { displayTerm } from "../../../../app/formula";

/** Ordered categories get ordered colours: light to dark blue, so "higher" reads as darker. */
function shade(k: number, n: number): string {
  const t = n <= 1 ? 1 : k / (n - 1);
  const from = [198, 219, 239];
  const to = [8, 48, 107];
  const c = from.map((f, i) => Math.round(f + (to[i] - f) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

export function probabilityPlot(o: OrdinalProbabilities): ChartConfiguration {
  const levels = [...new Set(o.rows.map((r) => r.level))];
  const datasets = o.categories.map((category, k) => ({
    // The category alone: the legend's title names the outcome ("rating = 1" was cut to "rating").
    label: category,
    data: levels.map((level) => o.rows.find((r) => r.level === level && r.category === category)?.estimate ?? 0),
    backgroundColor: shade(k, o.categories.length),
    borderColor: "#ffffff",
    borderWidth: 1,
  }));
  return {
    type: "bar",
    data: { labels: levels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        // Reversed, so the legend lists the categories top to bottom as the stacked segments are.
        legend: { display: true, position: "right", reverse: true, title: { display: true, text: displayTerm(o.response) } },
        tooltip: { callbacks: { label: (item: { dataset: { label?: string }; parsed: { y: number } }) => `${displayTerm(o.response)} = ${item.dataset.label ?? ""}: ${item.parsed.y.toFixed(3)}` } },
      },
      scales: {
        x: { type: "category", stacked: true, title: { display: true, text: displayTerm(o.factor) } },
        y: { type: "linear", stacked: true, min: 0, max: 1, title: { display: true, text: `Probability of each ${displayTerm(o.response)} category` } },
      },
    },
  } as unknown as ChartConfiguration;
}
