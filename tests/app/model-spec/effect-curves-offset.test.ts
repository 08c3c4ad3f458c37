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

// R: m <- lmer(Reaction ~ poly(Days, 2) + (1 | Subject), sleepstudy)
//    predict(m, newdata = data.frame(Days = c(0, 9)), re.form = NA)  # 255.449372778 349.654946414
test("the effect curve of poly(Days, 2) runs over Days, through R's predict() of the polynomial", () => {
  const { fit, frame } = runFitWithFrame(parseCsv(readFileSync(`${data}sleepstudy.csv`, "utf8")), {
    formula: "Reaction ~ poly(Days, 2) + (1 | Subject)",
  });
  const effects = toFitView(fit, frame, 0).effects;
  assert.deepEqual(effects.predictors, ["Days"]);
  const curve = effects.curves[0];
  assert.equal(curve.at[0], 0);
  assert.equal(curve.at[curve.at.length - 1], 9);
  const line = curve.lines[0].estimate;
  assert.ok(Math.abs(line[0] - 255.449372778) < 1e-6, `${line[0]}`);
  assert.ok(Math.abs(line[line.length - 1] - 349.654946414) < 1e-6, `${line[line.length - 1]}`);
});
