// Effect plots of a model with an offset hold it at its mean, as emmeans does: for
//   glmer(incidence ~ period + offset(log(size)) + (1 | herd), cbpp, family = poisson)
// emmeans(m, "period", type = "response") gives rates 2.435296536790 1.047067852210
// 0.926611715463 0.605931798904 (tests/app/emmeans/offset-poly-output.txt).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../../app/data";
import { runFitWithFrame } from "../../../app/engine/run-fit";
import { toFitView } from "../../../app/model-spec/to-fit-view";

const data = fileURLToPath(new URL("../../fixtures/reference/data/", import.meta.url));

test("effect curves of a Poisson model with offset(log(size)) are emmeans' rates", () => {
  const { fit, frame } = runFitWithFrame(parseCsv(readFileSync(`${data}cbpp.csv`, "utf8")), {
    formula: "incidence ~ period + offset(log(size)) + (1 | herd)",
    family: "poisson",
    categorical: ["period"],
  });
  const curve = toFitView(fit, frame, 0).effects.curves.find((c) => c.x === "period" && c.by === null);
  assert.ok(curve);
  const expected = [2.43529653679, 1.04706785221, 0.926611715463, 0.605931798904];
  curve.lines[0].estimate.forEach((e, i) => assert.ok(Math.abs(e - expected[i]) < 1e-5 * expected[i], `${e} vs ${expected[i]}`));
});
