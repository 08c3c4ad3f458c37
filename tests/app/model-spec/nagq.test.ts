// A binomial/Poisson model's approximation (glmer's nAGQ) as a model option: carried to runFit
// by fitOptionsOf (the Laplace default left out, so older specs compare equal), accepted by the
// fit request, shown in the result and the R code, and kept by the project file.
// Expected numbers from R: glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), cbpp,
// binomial, nAGQ = 0): logLik -92.0543465012265 (tests/fixtures/glmm-nagq0/make.R).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitOptionsOf, methodText } from "../../../app/model-spec";
import { createProject, fitModel, parseProject, projectDataFromTable, serializeProject } from "../../../app/project";
import { parseEnvelope } from "../../../app/api/validate";
import { rCode } from "../../../app/code-gen";
import { cbpp, spec } from "../project/sample-projects";

const formula = "cbind(incidence, size - incidence) ~ period + (1 | herd)";
const binomial = (extra = {}) => spec("fast", formula, { family: "binomial", ...extra });

test("fitOptionsOf passes nAGQ = 0 to the fit and leaves Laplace (1) out", () => {
  assert.equal(fitOptionsOf(binomial({ nAGQ: 0 })).nAGQ, 0);
  assert.deepEqual(fitOptionsOf(binomial({ nAGQ: 1 })), fitOptionsOf(binomial()));
  assert.equal("nAGQ" in fitOptionsOf(spec("lmm", "y ~ x + (1 | g)", { nAGQ: 0 })), false);
});

test("an nAGQ = 0 model and its result survive serialize → parse; the result says which approximation", () => {
  const fast = binomial({ nAGQ: 0 });
  const result = fitModel(cbpp, fast, "2026-11-26T12:00:00.000Z");
  assert.equal(result.view.nAGQ, 0);
  assert.ok(Math.abs(result.view.logLik - -92.0543465012265) < 1e-3, String(result.view.logLik));
  assert.equal(methodText(result.view), "Maximum likelihood (fast approximation, nAGQ = 0)");
  const project = createProject(
    { data: projectDataFromTable(cbpp, "cbpp.csv", ["NA", ""]), models: [{ spec: fast, result }], view: { selectedModel: 0, settings: {} } },
    "0.1.0",
    "2026-11-26T12:01:00.000Z",
  );
  const back = parseProject(serializeProject(project), "fast.mixwell");
  assert.deepEqual(back, JSON.parse(JSON.stringify(project)));
  assert.equal(back.models[0].spec.nAGQ, 0);
  assert.equal(back.models[0].result!.view.nAGQ, 0);
});

test("a damaged nAGQ in a project file is refused", () => {
  const project = createProject({ data: null, models: [{ spec: binomial(), result: null }], view: { selectedModel: 0, settings: {} } }, "0.1.0");
  const doc = JSON.parse(serializeProject(project)) as { models: { spec: Record<string, unknown> }[] };
  doc.models[0].spec.nAGQ = "zero";
  assert.throws(() => parseProject(JSON.stringify(doc), "bad.mixwell"), /nAGQ/);
});

test("the fit and compare requests accept nAGQ 0–25 and refuse anything else", () => {
  const fit = (nAGQ: unknown) => parseEnvelope({ requestId: "r1", method: "fit", payload: { tableId: "t1", spec: { formula, family: "binomial", nAGQ } } });
  assert.equal((fit(0).payload as unknown as { spec: { nAGQ: number } }).spec.nAGQ, 0);
  assert.throws(() => fit(-1), /nAGQ/);
  assert.throws(() => fit(1.5), /nAGQ/);
  assert.throws(() => fit("0"), /nAGQ/);
  const compare = parseEnvelope({ requestId: "r2", method: "compare", payload: { tableId: "t1", specs: [{ formula, nAGQ: 0 }, { formula, nAGQ: 0 }] } });
  assert.equal((compare.payload as unknown as { specs: { nAGQ: number }[] }).specs[1].nAGQ, 0);
});

test("the R code passes nAGQ = 0 to glmer, and nothing for Laplace", () => {
  const code = (s: ReturnType<typeof binomial>) => {
    const columns = [
      { name: "herd", kind: "categorical" },
      { name: "incidence", kind: "number" },
      { name: "size", kind: "number" },
      { name: "period", kind: "categorical" },
    ] as const;
    const r = rCode({ spec: s, fileName: "cbpp.csv", columns });
    assert.ok(r.ok, r.ok ? "" : r.reason);
    return r.code;
  };
  assert.match(code(binomial({ nAGQ: 0 })), /glmer\(.*family = binomial\(link = "logit"\), nAGQ = 0\)/);
  assert.doesNotMatch(code(binomial()), /nAGQ/);
});
