/**
 * End-to-end fits of the simple reference cases on hand-built model frames, compared with
 * lme4 within the tolerances of tests/fixtures/reference/README.md.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitLmm } from "../../../../app/engine/lmm";
import { handFrames, handReml, readCase } from "./hand-frames";

function close(actual: number, expected: number, rel: number, abs: number, what: string): void {
  const ok = Math.abs(actual - expected) <= Math.max(rel * Math.abs(expected), abs);
  assert.ok(ok, `${what}: got ${actual}, lme4 ${expected}`);
}

for (const id of Object.keys(handFrames)) {
  test(`${id} matches lme4`, () => {
    const ref = readCase(id);
    const fit = fitLmm(handFrames[id](), { reml: handReml[id], formula: id });
    const f = ref.singular ? 10 : 1;
    const crit = (fit.REMLcrit ?? fit.deviance) as number;
    const refCrit = (ref.REMLcrit ?? ref.deviance) as number;
    assert.ok(crit <= refCrit + 1e-4, `objective ${crit} vs lme4 ${refCrit}`);
    close(fit.logLik, ref.logLik, 0, 1e-3, "logLik");
    close(fit.AIC, ref.AIC, 0, 1e-3, "AIC");
    close(fit.BIC, ref.BIC, 0, 1e-3, "BIC");
    close(fit.sigma, ref.sigma, 1e-3 * f, 1e-5 * f, "sigma");
    assert.equal(fit.singular, ref.singular);
    assert.deepEqual(fit.ngroups, ref.ngroups);
    ref.fixef.forEach((r, i) => {
      const row = fit.fixef[i];
      assert.equal(row.term, r.term);
      close(row.estimate, r.estimate, 0, Math.max(1e-3 * r.se, 1e-6) * f, `${r.term} estimate`);
      close(row.se, r.se, 1e-3 * f, 0, `${r.term} se`);
      close(row.statistic, r.statistic, 1e-3 * f, 0, `${r.term} t`);
    });
    const stripped = (g: string) => g.replace(/\.\d+$/, "");
    ref.varcorr.forEach((r, i) => {
      const row = fit.varcorr[i];
      assert.equal(row.group, stripped(r.group));
      assert.equal(row.kind, r.kind);
      if (r.kind === "variance") {
        close(row.value, r.value, 1e-3 * f, 1e-5 * f, `${r.group} ${r.name1} variance`);
        close(row.sd as number, r.sd as number, 1e-3 * f, 1e-5 * f, `${r.group} ${r.name1} sd`);
      } else if (!ref.singular) {
        close(row.value, r.value, 0, 2e-3, `${r.group} correlation`);
      }
    });
    for (const r of ref.ranef) {
      const ours = fit.ranef.find((b) => b.group === r.group);
      assert.ok(ours, `ranef block ${r.group}`);
      assert.deepEqual(ours.terms, r.terms);
      r.levels.forEach((level, li) => {
        const ol = ours.levels.indexOf(level);
        assert.ok(ol >= 0, `level ${level} of ${r.group}`);
        r.terms.forEach((_, ti) => {
          const sd = r.condsd[ti][li];
          close(ours.values[ti][ol], r.values[ti][li], 0, Math.max(1e-2 * sd, 1e-8) * f, `ranef ${r.group} ${level}`);
          close(ours.condsd[ti][ol], sd, 1e-2 * f, 1e-8, `condsd ${r.group} ${level}`);
        });
      });
    }
    ref.theta.forEach((t, i) => close(fit.theta[i], t, 2e-3 * f, 1e-4 * f, `theta[${i}]`));
  });
}
