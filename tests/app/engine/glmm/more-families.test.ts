// Negative binomial, Gamma and inverse Gaussian pieces against R's values (printed by R 4 with
// lme4 1.1-31 / MASS; the R lines are in the comments), and their bad-input messages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv } from "../../../../app/data";
import { FAMILY_LINKS, logDgamma, makeFamily } from "../../../../app/engine/glmm/family";
import { thetaMl } from "../../../../app/engine/glmm/negative-binomial";
import { runFit } from "../../../../app/engine/run-fit";
import { brentFmin } from "../../../../app/optim";
import { digamma, trigamma } from "../../../../app/stats";

const near = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

test("digamma, trigamma and dgamma(log = TRUE) match R", () => {
  // R: digamma(c(0.3, 2.5, 17)); trigamma(c(0.3, 2.5, 17))
  [-3.502524222200132, 0.703156640645243, 2.80351332832746].forEach((v, i) => near(digamma([0.3, 2.5, 17][i]), v, 1e-13, "digamma"));
  [12.2453645461077318, 0.4903577561002349, 0.0605875334032393].forEach((v, i) => near(trigamma([0.3, 2.5, 17][i]), v, 1e-13, "trigamma"));
  near(logDgamma(2.5, 1 / 0.3, 1.7 * 0.3), -1.54125552349345, 1e-12, "dgamma(2.5, 1/0.3, scale = 0.51)");
  near(logDgamma(0.4, 0.6, 2), -0.64760587365554, 1e-12, "dgamma(0.4, 0.6, scale = 2)");
});

test("theta.ml and optimize() follow MASS and R step for step", () => {
  const y = Float64Array.from([0, 3, 1, 7, 2, 0, 12, 5]);
  const mu = Float64Array.from([1.2, 2.5, 1.1, 4, 2.2, 0.8, 6, 4.4]);
  // R: MASS::theta.ml(y, mu, limit = 20, eps = 1e-4)
  near(thetaMl(y, mu, new Float64Array(8).fill(1), 20, 1e-4), 11.2061841029461, 1e-10, "theta.ml");
  // R: optimize(function(x) (x-1)^2*(x+2)^2 + sin(3*x), c(-1, 3), tol = 1e-6)$minimum
  const m = brentFmin((x) => (x - 1) ** 2 * (x + 2) ** 2 + Math.sin(3 * x), -1, 3, 1e-6);
  near(m.minimum, 1.14002743808534, 1e-12, "optimize");
});

test("family aic and deviance residuals match R's Gamma(), inverse.gaussian(), negative.binomial(1.7)", () => {
  const y = Float64Array.from([1, 2, 3.5]);
  const mu = Float64Array.from([1.5, 1.8, 3]);
  const w = Float64Array.from([1, 1, 1]);
  for (const [name, expected] of [["gamma", 6.00859775712097], ["inverse-gaussian", 6.82248650033034]] as const) {
    const f = makeFamily(name);
    let dev = 0;
    for (let i = 0; i < 3; i++) dev += f.devResid(y[i], mu[i], 1);
    near(f.aic!(y, mu, w, dev), expected, 1e-12, `${name} aic`);
  }
  const nb = makeFamily("negative-binomial", "log", 1.7);
  const counts = [0, 2, 5];
  let aic = 0;
  counts.forEach((c, i) => (aic += nb.minus2LogLik(c, mu[i], 1)));
  near(aic, 10.8858533738567, 1e-12, "negative binomial aic");
  [2.1505766997279356, 0.0102251640857056, 0.3573530007357464].forEach((v, i) => near(nb.devResid(counts[i], mu[i], 1), v, 1e-12, "NB dev.resids"));
});

test("each new link inverts and its derivative agrees with finite differences", () => {
  for (const fam of ["gamma", "inverse-gaussian"] as const) {
    for (const link of FAMILY_LINKS[fam]) {
      const f = makeFamily(fam, link);
      for (const eta of [0.3, 0.9, 1.7]) {
        near(f.link.linkfun(f.link.linkinv(eta)), eta, 1e-12, `${link} round trip`);
        const h = 1e-6;
        near(f.link.muEta(eta), (f.link.linkinv(eta + h) - f.link.linkinv(eta - h)) / (2 * h), 1e-6, `${link} muEta`);
      }
    }
  }
});

const table = (rows: string[]) => parseCsv(new TextEncoder().encode(["y,x,g", ...rows].join("\n")));
const rows = (ys: number[]) => ys.map((y, i) => `${y},${i % 3},g${i % 4}`);

test("bad outcomes are refused in plain words, naming the row", () => {
  const fit = (ys: number[], family: "negative-binomial" | "gamma" | "inverse-gaussian") => () => runFit(table(rows(ys)), { formula: "y ~ x + (1 | g)", family });
  assert.throws(fit([1, 2, -1, 3, 0, 2, 1, 4], "negative-binomial"), /negative binomial model the outcome 'y' must be a count .*row 3.* -1/);
  assert.throws(fit([1, 2, 1.5, 3, 0, 2, 1, 4], "negative-binomial"), /must be a count .*1\.5/);
  assert.throws(fit([1, 2, 0, 3, 1, 2, 1, 4], "gamma"), /Gamma model the outcome 'y' must be above 0, but data row 3 has 0/);
  assert.throws(fit([1, 2, -0.5, 3, 1, 2, 1, 4], "inverse-gaussian"), /inverse Gaussian model the outcome 'y' must be above 0.*-0\.5/);
  assert.throws(() => runFit(table(rows([1, 2, 1, 3, 1, 2, 1, 4])), { formula: "y ~ x + (1 | g)", family: "gamma", link: "logit" }), /gamma family takes the link inverse, log, identity, not 'logit'/);
});

test("marginal means on the response scale as emmeans(type = 'response') names and orders them", async () => {
  const { responseScaleMeans } = await import("../../../../app/emmeans/response-scale");
  // R: emmeans(glmer(rate ~ x + cond + (1|subj) + (1|item), family = Gamma(link = "inverse")), "cond", type = "response"):
  // cond a: emmean 0.563 (link scale) → response 1/0.563, interval ends swapped (the inverse link decreases)
  const means = { rows: [{ estimate: 0.563, se: 0.02677, lower: 0.5105, upper: 0.6155 }] } as unknown as Parameters<typeof responseScaleMeans>[0];
  const r = responseScaleMeans(means, "gamma", "inverse");
  assert.equal(r.name, "response");
  near(r.rows[0].estimate, 1 / 0.563, 1e-12, "response");
  near(r.rows[0].se, 0.02677 / 0.563 ** 2, 1e-12, "delta-method SE");
  assert.ok(r.rows[0].lower < r.rows[0].upper);
  near(r.rows[0].lower, 1 / 0.6155, 1e-12, "lower");
  assert.equal(responseScaleMeans(means, "negative-binomial", "log").name, "rate");
});
