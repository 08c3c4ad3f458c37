// Families, links, densities and the Gauss–Hermite rule against R's values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { logDbinom, logDpois, makeFamily } from "../../../../app/engine/glmm/family";
import { gaussHermite } from "../../../../app/engine/glmm/gauss-hermite";

const near = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test("log densities match R's dbinom/dpois(log = TRUE)", () => {
  near(logDbinom(3, 10, 0.2), -1.60282685372, 1e-10, "dbinom(3, 10, 0.2)"); // R: dbinom(3,10,.2,log=TRUE)
  near(logDbinom(0, 5, 0.3), 5 * Math.log(0.7), 1e-12, "dbinom(0, 5, 0.3)");
  near(logDbinom(5, 5, 0.3), 5 * Math.log(0.3), 1e-12, "dbinom(5, 5, 0.3)");
  near(logDpois(4, 2.5), -2.012890902851, 1e-11, "dpois(4, 2.5)"); // R: dpois(4, 2.5, log=TRUE)
  near(logDpois(0, 2.5), -2.5, 1e-15, "dpois(0, 2.5)");
  assert.equal(logDpois(3, 0), -Infinity);
});

test("links invert and their derivatives agree with finite differences", () => {
  for (const [fam, link] of [["binomial", "logit"], ["binomial", "probit"], ["binomial", "cloglog"], ["poisson", "log"]] as const) {
    const f = makeFamily(fam, link);
    for (const eta of [-3, -0.5, 0.2, 1.7]) {
      const mu = f.link.linkinv(eta);
      near(f.link.linkfun(mu), eta, 1e-9, `${link} linkfun(linkinv(${eta}))`);
      const h = 1e-6;
      near(f.link.muEta(eta), (f.link.linkinv(eta + h) - f.link.linkinv(eta - h)) / (2 * h), 1e-7, `${link} muEta(${eta})`);
    }
  }
});

test("deviance residuals are twice the log-likelihood gap to the saturated model", () => {
  const b = makeFamily("binomial");
  // y = 2/5 successes, μ = 0.3: 2·[log dbinom(2,5,0.4) − log dbinom(2,5,0.3)]
  near(b.devResid(0.4, 0.3, 5), 2 * (logDbinom(2, 5, 0.4) - logDbinom(2, 5, 0.3)), 1e-12, "binomial");
  const p = makeFamily("poisson");
  near(p.devResid(4, 2.5, 1), 2 * (logDpois(4, 4) - logDpois(4, 2.5)), 1e-12, "poisson");
  near(p.minus2LogLik(4, 2.5, 1), -2 * logDpois(4, 2.5), 1e-12, "poisson −2 log p");
});

test("Gauss–Hermite rule matches lme4's GHrule(5)", () => {
  const r = gaussHermite(5);
  const z = [-2.856970013872806, -1.355626179974266, 0, 1.355626179974266, 2.856970013872806];
  const w = [0.011257411327720691, 0.22207592200561266, 0.5333333333333333, 0.22207592200561266, 0.011257411327720691];
  z.forEach((v, i) => near(r.z[i], v, 1e-12, `z[${i}]`));
  w.forEach((v, i) => near(r.w[i], v, 1e-12, `w[${i}]`));
  const r12 = gaussHermite(12); // exact for polynomials of degree ≤ 23: E Z⁴ = 3, E Z⁶ = 15
  near(r12.z.reduce((s, x, i) => s + r12.w[i] * x ** 4, 0), 3, 1e-10, "E Z^4");
  near(r12.z.reduce((s, x, i) => s + r12.w[i] * x ** 6, 0), 15, 1e-9, "E Z^6");
});
