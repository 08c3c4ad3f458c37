// Inference against R (lme4 1.1-31, lmerTest 3.1-3, performance 0.10.2): type III ANOVA with
// sum contrasts and with a factor × number interaction, a general contrast's Satterthwaite df,
// the adjusted ICC, Wald intervals and the likelihood-ratio comparison. The R code that produced
// each expected value is quoted above it; D <- "tests/fixtures/reference/data/".
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../app/data";
import type { Column, DataTable } from "../../../app/data/column";
import { runFit as runAnyFit, type FitSpec } from "../../../app/engine/run-fit";
import type { AnovaRow, LmmFit } from "../../../app/engine/lmm";
import { createLmmProblem } from "../../../app/engine/lmm";
import { buildModelFrame } from "../../../app/engine/model-frame";
import { parseFormula } from "../../../app/formula";
import { runComparison, satterthwaiteModel, tTest } from "../../../app/inference";
import { qt } from "../../../app/stats";

/** runFit for a linear mixed model (runFit also fits GLMMs). */
function runFit(data: DataTable, spec: FitSpec): LmmFit {
  const fit = runAnyFit(data, spec);
  assert.equal(fit.family, "gaussian");
  return fit as LmmFit;
}

const DATA = join(import.meta.dirname, "../../fixtures/reference/data");
const table = (name: string): DataTable => parseCsv(readFileSync(join(DATA, name)));

function near(actual: number | undefined, expected: number, rel: number, what: string): void {
  assert.ok(typeof actual === "number" && Number.isFinite(actual), `${what}: ${actual}`);
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${what}: ${actual} vs R ${expected}`);
}

type AnovaExpect = [term: string, numDF: number, denDF: number, F: number, p: number];

function checkAnova(spec: FitSpec, data: string, expected: AnovaExpect[]): void {
  const fit = runFit(table(data), spec);
  assert.equal(fit.anova3?.length, expected.length);
  for (const [term, numDF, denDF, F, p] of expected) {
    const row: AnovaRow | undefined = fit.anova3?.find((r) => r.term === term);
    assert.ok(row, `anova3 row ${term}`);
    assert.equal(row.numDF, numDF, `${term} numDF`);
    near(row.denDF, denDF, 1e-4, `${term} denDF`);
    near(row.F, F, 1e-5, `${term} F`);
    near(row.p, p, 1e-4, `${term} p`);
  }
}

test("type III ANOVA does not depend on the coding: sum contrasts give lmerTest's table", () => {
  // m <- lmer(angle ~ recipe * temperature + (1 | recipe:replicate), cake,
  //           contrasts = list(recipe = "contr.sum", temperature = "contr.sum")); anova(m)
  checkAnova(
    { formula: "angle ~ recipe * temperature + (1 | recipe:replicate)", categorical: ["replicate"], contrasts: "sum" },
    "cake.csv",
    [
      ["recipe", 2, 41.9999998278706, 0.248788786273591, 0.780885605021535],
      ["temperature", 5, 210.0000000769069, 20.519860442223226, 1.15316211978893e-16],
      ["recipe:temperature", 10, 210.000000075055, 1.006197984621077, 0.439269436675977],
    ],
  );
});

test("type III ANOVA with a factor × number interaction orthogonalises the contained number term", () => {
  // m <- lmer(frequency ~ attitude * scenario + gender + (1 | subject), politeness); anova(m)
  // (scenario's denDF 74.018 differs from its summary() t-test df 74.009: a different contrast)
  checkAnova({ formula: "frequency ~ attitude * scenario + gender + (1 | subject)" }, "politeness.csv", [
    ["attitude", 1, 74.01065144310506, 0.0263377526947052, 0.87152046499219482],
    ["scenario", 1, 74.01804779208086, 1.4335200030220931, 0.23501124591046013],
    ["gender", 1, 4.00873576967193, 26.5704023865619021, 0.00668317371339584],
    ["attitude:scenario", 1, 74.01804778402339, 1.8573989914132707, 0.17705725558452057],
  ]);
});

test("Satterthwaite df of a general contrast (lmerTest's contest1D)", () => {
  // m <- lmer(angle ~ recipe * temperature + (1 | recipe:replicate), cake)
  // L <- rep(0, 18); L[2] <- 1; L[3] <- -1; contest1D(m, L)
  const formula = "angle ~ recipe * temperature + (1 | recipe:replicate)";
  const data = table("cake.csv");
  const fit = runFit(data, { formula, categorical: ["replicate"], inference: false });
  const frame = buildModelFrame(data, parseFormula(formula), { categorical: ["replicate"] });
  const model = satterthwaiteModel(createLmmProblem(frame, true), fit.theta, fit.sigma, fit.beta, fit.vcovBeta);
  const l = new Float64Array(fit.fixef.length);
  l[1] = 1;
  l[2] = -1;
  const t = tTest(model, l);
  near(t.estimate, -1.06666666666664, 1e-6, "estimate");
  near(t.se, 2.88231241978028, 1e-5, "se");
  near(t.df, 77.4368230734029, 1e-5, "df");
  near(t.t, -0.370073229864495, 1e-5, "t");
  near(t.p, 0.712338181388448, 1e-5, "p");
});

test("adjusted ICC (performance::icc) with a random slope and with crossed intercepts", () => {
  // icc(lmer(Reaction ~ Days + (Days | Subject), sleepstudy))$ICC_adjusted
  near(runFit(table("sleepstudy.csv"), { formula: "Reaction ~ Days + (Days | Subject)" }).icc, 0.721660259588857, 1e-4, "sleepstudy ICC");
  // icc(lmer(diameter ~ 1 + (1 | plate) + (1 | sample), Penicillin))$ICC_adjusted
  near(runFit(table("penicillin.csv"), { formula: "diameter ~ 1 + (1 | plate) + (1 | sample)" }).icc, 0.936339750388465, 1e-4, "penicillin ICC");
});

test("a singular fit has marginal R² only, with a note, and no ICC", () => {
  const fit = runFit(table("dyestuff2.csv"), { formula: "Yield ~ 1 + (1 | Batch)" });
  assert.equal(fit.r2_marginal, 0);
  assert.equal(fit.r2_conditional, undefined);
  assert.equal(fit.icc, undefined);
  assert.ok(fit.warnings.some((w) => /Conditional R² and the ICC are not given/.test(w)));
});

test("Wald intervals use the Satterthwaite t quantile", () => {
  // coef(summary(fm1))["Days", ] : 10.467285959596, se 1.54578964390598, df 16.9999837255917
  // qt(0.975, 16.9999837255917) = 2.1098157316915
  const fit = runFit(table("sleepstudy.csv"), { formula: "Reaction ~ Days + (Days | Subject)" });
  const row = fit.ci!.find((r) => r.term === "Days")!;
  near(row.lower, 10.467285959596 - 2.1098157316915 * 1.54578964390598, 1e-5, "lower");
  near(row.upper, 10.467285959596 + 2.1098157316915 * 1.54578964390598, 1e-5, "upper");
  near(qt(0.975, 16.9999837255917), 2.1098157316915, 1e-10, "qt");
});

test("likelihood-ratio comparison refits by ML and orders by npar (lme4's anova)", () => {
  // fm0 <- lmer(Reaction ~ 1 + (Days | Subject)); fm2 <- lmer(Reaction ~ Days + (1 | Subject));
  // fm1 <- lmer(Reaction ~ Days + (Days | Subject)); anova(fm0, fm2, fm1)
  const r = runComparison(table("sleepstudy.csv"), [
    { formula: "Reaction ~ 1 + (Days | Subject)" },
    { formula: "Reaction ~ Days + (1 | Subject)" },
    { formula: "Reaction ~ Days + (Days | Subject)" },
  ]);
  assert.equal(r.refitted, true);
  assert.deepEqual(r.rows.map((x) => x.npar), [4, 5, 6]);
  const expected = [
    { AIC: 1802.07864300523, BIC: 1814.85047040879, logLik: -897.039321502613 },
    { AIC: 1785.47588196108, BIC: 1801.44066621553, logLik: -887.737940980538, Chisq: 18.6027610441508, p: 1.60987218751757e-5 },
    { AIC: 1763.93934446321, BIC: 1783.09708556855, logLik: -875.969672231605, Chisq: 23.5365374978655, p: 1.22563995719719e-6 },
  ];
  expected.forEach((e, i) => {
    const row = r.rows[i];
    assert.ok(Math.abs(row.AIC - e.AIC) < 1e-3 && Math.abs(row.BIC - e.BIC) < 1e-3 && Math.abs(row.logLik - e.logLik) < 1e-3, `row ${i}`);
    if (e.Chisq !== undefined) {
      near(row.Chisq, e.Chisq, 1e-5, `Chisq ${i}`);
      assert.equal(row.Df, 1);
      near(row.p, e.p!, 1e-4, `p ${i}`);
    } else assert.equal(row.Chisq, undefined);
  });
});

test("models on different rows or outcomes are refused in plain words", () => {
  const csv = "y,x,z,g\n1,1,1,a\n2,2,NA,a\n3,1,2,b\n4,3,1,b\n5,2,2,c\n6,1,3,c\n";
  const data = parseCsv(Buffer.from(csv));
  assert.throws(
    () => runComparison(data, [{ formula: "y ~ x + (1 | g)" }, { formula: "y ~ x + z + (1 | g)" }]),
    /cannot be compared: .* uses 6 rows and .* uses 5 rows/,
  );
  assert.throws(() => runComparison(data, [{ formula: "y ~ x + (1 | g)" }, { formula: "x ~ y + (1 | g)" }]), /same outcome/);
});

test("barely identified variance parameters give plain-words notes, not silent nonsense", () => {
  // Two groups and a predictor that only varies between them: the REML criterion is flat in θ.
  const csv = "y,x,g\n1.0,0,a\n1.4,0,a\n0.8,0,a\n3.0,1,b\n3.5,1,b\n2.9,1,b\n";
  const fit = runFit(parseCsv(Buffer.from(csv)), { formula: "y ~ x + (1 | g)" });
  for (const r of fit.fixef) assert.ok(r.df === undefined || Number.isFinite(r.df));
  const lowDf = fit.fixef.some((r) => r.df !== undefined && r.df < 1);
  if (lowDf) assert.ok(fit.warnings.some((w) => /below 1: the variance parameters are barely determined/.test(w)), fit.warnings.join("\n"));
  const badCi = fit.ci!.some((r) => !Number.isFinite(r.lower) || !Number.isFinite(r.upper));
  assert.equal(badCi, fit.warnings.some((w) => /No finite confidence interval/.test(w)));
});

test("type III ANOVA with an empty cell matches lmerTest and says so", () => {
  // d <- subset(cake, !(recipe == "C" & temperature == "t225"))
  // anova(lmer(angle ~ recipe * temperature + (1 | recipe:replicate), d))
  //   message "Missing cells for: recipeC:temperaturet225. Interpret type III hypotheses with care."
  const cake = table("cake.csv");
  const cell = (c: Column, i: number): string => (c.kind === "number" ? String(c.values[i]) : c.levels[c.codes[i]]);
  const col = (name: string) => cake.columns.find((c) => c.name === name)!;
  const lines = [cake.columns.map((c) => c.name).join(",")];
  for (let i = 0; i < cake.nrow; i++) {
    if (cell(col("recipe"), i) === "C" && cell(col("temperature"), i) === "t225") continue;
    lines.push(cake.columns.map((c) => cell(c, i)).join(","));
  }
  const data = parseCsv(Buffer.from(lines.join("\n")));
  const spec = { formula: "angle ~ recipe * temperature + (1 | recipe:replicate)", categorical: ["replicate"] };
  const fit = runFit(data, spec);
  assert.equal(fit.nobs, 255);
  assert.ok(fit.warnings.some((w) => /recipeC:temperaturet225/.test(w)), fit.warnings.join("\n"));
  const expected: AnovaExpect[] = [
    ["recipe", 2, 42.1455301608, 0.317594836803, 0.729624453226],
    ["temperature", 5, 195.9380246174, 18.770772535766, 3.15442508219e-15],
    ["recipe:temperature", 9, 195.9380246199, 1.058007886042, 0.39571281645],
  ];
  for (const [term, numDF, denDF, F, p] of expected) {
    const row = fit.anova3!.find((r) => r.term === term)!;
    assert.equal(row.numDF, numDF);
    near(row.denDF, denDF, 1e-4, `${term} denDF`);
    near(row.F, F, 1e-5, `${term} F`);
    near(row.p, p, 1e-4, `${term} p`);
  }
});

test("type III without an intercept, and with sum contrasts and a numeric interaction", () => {
  // d <- cake; d$tnum <- as.numeric(sub("t", "", d$temperature))
  // anova(lmer(angle ~ 0 + recipe * tnum + (1 | recipe:replicate), d))
  // anova(lmer(angle ~ recipe * tnum + (1 | recipe:replicate), d, contrasts = list(recipe = "contr.sum")))
  const cake = table("cake.csv");
  const cell = (c: Column, i: number): string => (c.kind === "number" ? String(c.values[i]) : c.levels[c.codes[i]]);
  const temperature = cake.columns.find((c) => c.name === "temperature")!;
  const lines = [[...cake.columns.map((c) => c.name), "tnum"].join(",")];
  for (let i = 0; i < cake.nrow; i++) lines.push([...cake.columns.map((c) => cell(c, i)), cell(temperature, i).slice(1)].join(","));
  const data = parseCsv(Buffer.from(lines.join("\n")));
  const check = (fit: LmmFit, expected: AnovaExpect[]) => {
    for (const [term, numDF, denDF, F, p] of expected) {
      const row = fit.anova3!.find((r) => r.term === term)!;
      assert.equal(row.numDF, numDF, `${term} numDF`);
      near(row.denDF, denDF, 1e-4, `${term} denDF`);
      near(row.F, F, 1e-5, `${term} F`);
      near(row.p, p, 1e-4, `${term} p`);
    }
  };
  check(runFit(data, { formula: "angle ~ 0 + recipe * tnum + (1 | recipe:replicate)", categorical: ["replicate"] }), [
    ["recipe", 3, 254.015759594, 0.0714231254932, 0.97519865421],
    ["tnum", 1, 222.00000097, 94.1632295811235, 8.74683976017e-19],
    ["recipe:tnum", 2, 222.000000935, 0.0416924445447, 0.959172239968],
  ]);
  check(runFit(data, { formula: "angle ~ recipe * tnum + (1 | recipe:replicate)", categorical: ["replicate"], contrasts: "sum" }), [
    ["recipe", 2, 254.015759291, 0.0956779631323, 0.908789356198],
    ["tnum", 1, 221.999995917, 94.1632295818132, 8.74684101932e-19],
    ["recipe:tnum", 2, 222.000000143, 0.0416924445452, 0.959172239967],
  ]);
});
