// A standard error that could not be computed (NaN, or an infinite value) reads as "—" in the
// text report and the results tables, not "NaN"/"Infinity"; the others in the column keep the
// shared decimals (R would print NaN/Inf; the fit's warnings explain the missing value).
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatColumn } from "../../../app/report";
import { numberColumn, numberCell } from "../../../renderer/src/components/results/format";

test("formatColumn shows non-finite numbers as — and keeps the column's decimals", () => {
  assert.deepEqual(formatColumn([0.3227486112, Number.NaN, Number.POSITIVE_INFINITY, undefined], 4), ["0.3227", "—", "—", ""]);
  assert.deepEqual(formatColumn([0.3227486112, 6161758.017], 4), ["0.3227", "6161758.0170"]);
});

test("the results table cells show — for a NaN or infinite SE, with the raw value on hover", () => {
  const cells = numberColumn([0.3227486112, Number.NaN, Number.NEGATIVE_INFINITY]);
  assert.deepEqual(cells.map((c) => c.text), ["0.3227", "—", "—"]);
  assert.equal(cells[1].full, "NaN");
  assert.equal(numberCell(Number.NaN).text, "—");
});
