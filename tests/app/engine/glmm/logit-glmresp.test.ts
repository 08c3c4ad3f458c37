// glmer's logit link is lme4's own (glmResp), not R's binomial(): no |η| > 30 cut-off, so on a
// separated fit (η ≈ 35) μ, dμ/dη and the PIRLS weights keep their values, which R_X's standard
// errors are made of. R code and output: tests/fixtures/glmm-vcov/logit-glmresp.R / -output.txt.
import { test } from "node:test";
import assert from "node:assert/strict";
import { makeFamily } from "../../../../app/engine/glmm/family";

// η, 1 − μ, μ, dμ/dη, PIRLS weight (sqrtWrkWt²), from lme4:::glmResp$updateMu
const R_ROWS: readonly (readonly number[])[] = [
  [2, 0.11920292202211769, 0.88079707797788231, 0.10499358540350651, 0.1049935854035064],
  [33, 4.6629367034256575e-15, 0.99999999999999534, 4.6588861451033543e-15, 4.6548391053839977e-15],
  [35.153565518479162, 4.4408920985006262e-16, 0.99999999999999956, 5.4075491575374404e-16, 6.584620216522869e-16],
  [36.1, 2.2204460492503131e-16, 0.99999999999999978, 2.2204460492503131e-16, 2.2204460492503131e-16],
  [40, 2.2204460492503131e-16, 0.99999999999999978, 2.2204460492503131e-16, 2.2204460492503131e-16],
  [-33, 0.99999999999999534, 4.6588861451033756e-15, 4.6588861451033543e-15, 4.6588861451033559e-15],
  [-36.1, 0.99999999999999978, 2.2204460492503131e-16, 2.2204460492503131e-16, 2.2204460492503131e-16],
  [-800, 0.99999999999999978, 2.2204460492503131e-16, 2.2204460492503131e-16, 2.2204460492503131e-16],
];

test("logit μ, dμ/dη and PIRLS weights are lme4's glmResp values, also beyond |η| = 30", () => {
  const f = makeFamily("binomial", "logit");
  for (const [eta, oneMinusMu, mu, muEta, weight] of R_ROWS) {
    const m = f.link.linkinv(eta);
    const d = f.link.muEta(eta);
    const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-12 * Math.abs(b), `η = ${eta}: ${what} ${a} vs R ${b}`);
    close(m, mu, "μ");
    close(1 - m, oneMinusMu, "1 − μ"); // the rounding of 1 − μ is what R_X sees near μ = 1
    close(d, muEta, "dμ/dη");
    close((d * d) / f.variance(m), weight, "weight");
  }
});
