// Projects built from the reference data for the project, report and CLI tests.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv, type DataTable } from "../../../app/data";
import type { ModelSpec } from "../../../app/model-spec";
import { createProject, fitModel, projectDataFromTable, type Project } from "../../../app/project";

const data = join(import.meta.dirname, "../../fixtures/reference/data");
export const sleepstudy: DataTable = parseCsv(readFileSync(join(data, "sleepstudy.csv")), { categorical: ["Subject"] });
export const cbpp: DataTable = parseCsv(readFileSync(join(data, "cbpp.csv")), { categorical: ["herd", "period"] });

export function spec(name: string, formula: string, extra: Partial<ModelSpec> = {}): ModelSpec {
  return { name, formula, family: "gaussian", method: "REML", contrasts: "treatment", categorical: [], ...extra };
}

/** sleepstudy with a fitted random-slopes model and an unfitted intercepts model (ML). */
export function sleepProject(savedAt = "2026-11-26T12:01:00.000Z"): Project {
  const slopes = spec("Random slopes", "Reaction ~ Days + (Days | Subject)");
  return createProject(
    {
      data: projectDataFromTable(sleepstudy, "sleepstudy.csv", ["NA", ""]),
      models: [
        { spec: slopes, result: fitModel(sleepstudy, slopes, "2026-11-26T12:00:00.000Z") },
        { spec: spec("Intercepts", "Reaction ~ Days + (1 | Subject)", { method: "ML" }), result: null },
      ],
      view: { selectedModel: 0, settings: { numberStyle: "apa", resultsTab: "fixed" } },
    },
    "0.1.0",
    savedAt,
  );
}

export const cake: DataTable = parseCsv(readFileSync(join(data, "cake.csv")));
export const politeness: DataTable = parseCsv(readFileSync(join(data, "politeness.csv")));

/** The cake split-plot model (as tests/app/emmeans/reference.R's "cake recipe" case). */
export const CAKE_FORMULA = "angle ~ recipe * temperature + (1 | recipe:replicate)";
/** A singular politeness model (subject's intercept–slope correlation at +1; tests/app/guided-fix). */
export const POLITENESS_SINGULAR = "frequency ~ attitude + gender + (1 + attitude | subject) + (1 + attitude | scenario)";
