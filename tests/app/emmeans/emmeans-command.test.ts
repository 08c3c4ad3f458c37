// `mixwell emmeans`: the CLI end of runEmmeans.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { runCli } from "../../../main/cli/main";

const root = fileURLToPath(new URL("../../..", import.meta.url));

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root });
  return { code, out, err };
}

test("emmeans --json: cake temperature means and Tukey comparisons (emmeans: t175 − t215 = −7.867)", async () => {
  const r = await cli("emmeans", "--data", "tests/fixtures/reference/data/cake.csv", "--formula", "angle ~ recipe * temperature + (1 | recipe:replicate)", "--specs", "temperature", "--adjust", "tukey", "--json");
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as { means: { rows: { levels: Record<string, string>; estimate: number }[]; averagedOver: string[] }; pairs: { rows: { contrast: string; estimate: number }[] } };
  assert.equal(json.means.rows.length, 6);
  assert.deepEqual(json.means.averagedOver, ["recipe"]);
  assert.equal(json.pairs.rows.length, 15);
  const c = json.pairs.rows.find((x) => x.contrast === "t175 - t215")!;
  assert.ok(Math.abs(c.estimate - -7.866667) < 1e-5, String(c.estimate));
});

test("emmeans text output, simple slopes, and plain-words errors", async () => {
  const slopes = await cli("emmeans", "--data", "tests/fixtures/oats.csv", "--formula", "Y ~ nitro * V + (1 | B/V)", "--specs", "V", "--trend", "nitro", "--df", "kenward-roger");
  assert.equal(slopes.code, 0, slopes.err);
  assert.match(slopes.out, /nitro\.trend/);
  assert.match(slopes.out, /Degrees-of-freedom method: kenward-roger/);
  const joint = await cli("emmeans", "--data", "tests/fixtures/oats.csv", "--formula", "Y ~ N * V + (1 | B/V)", "--specs", "N", "--by", "V", "--joint");
  assert.equal(joint.code, 0, joint.err);
  assert.match(joint.out, /N\s+Victory\s+3\s+45\s+15\.316/);
  const bad = await cli("emmeans", "--data", "tests/fixtures/oats.csv", "--formula", "Y ~ nitro * V + (1 | B/V)", "--specs", "nitro");
  assert.equal(bad.code, 1);
  assert.match(bad.err, /'nitro' is not a categorical fixed effect of the model; marginal means are for 'V'/);
  const adj = await cli("emmeans", "--data", "tests/fixtures/oats.csv", "--formula", "Y ~ N + (1 | B)", "--specs", "N", "--adjust", "scheffe");
  assert.match(adj.err, /Unknown adjustment 'scheffe'/);
});

test("a rank-deficient design (an empty cell) is refused in plain words rather than given wrong means", async () => {
  const rows = ["y,a,b,g"];
  for (let i = 0; i < 40; i++) {
    const a = ["p", "q"][i % 2];
    const b = a === "q" ? "u" : ["u", "v"][Math.floor(i / 2) % 2]; // no (q, v) cell
    rows.push(`${(i * 7) % 11},${a},${b},${i % 5}`);
  }
  const { writeFileSync, mkdtempSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const file = join(mkdtempSync(join(tmpdir(), "mixwell-")), "empty-cell.csv");
  writeFileSync(file, rows.join("\n"));
  const r = await cli("emmeans", "--data", file, "--formula", "y ~ a * b + (1 | g)", "--specs", "a");
  assert.equal(r.code, 1);
  assert.match(r.err, /aq:bv could not be estimated/);
});

test("emmeans --ddf kenward-roger: the means and comparisons take the model's Kenward–Roger df (reference.json: R emmeans(..., lmer.df = \"kenward-roger\"))", async () => {
  const ref = JSON.parse(readFileSync(`${root}/tests/app/emmeans/reference.json`, "utf8")) as { cases: { id: string; rows: Record<string, number | string>[] }[] };
  const rows = (id: string) => ref.cases.find((c) => c.id === id)!.rows;
  const args = ["emmeans", "--data", "tests/fixtures/reference/data/politeness.csv", "--formula", "frequency ~ attitude * gender + (1 | subject) + (1 | scenario)", "--specs", "attitude", "--adjust", "tukey", "--json"];
  type Out = { means: { dfMethod: string; rows: { df: number; se: number }[] }; pairs: { rows: { df: number; p: number }[] } };
  const kr = await cli(...args, "--ddf", "kenward-roger");
  assert.equal(kr.code, 0, kr.err);
  const krJson = JSON.parse(kr.out) as Out;
  assert.equal(krJson.means.dfMethod, "kenward-roger");
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-4 * Math.abs(b);
  rows("politeness attitude emmeans kenward-roger").forEach((r, i) => {
    assert.ok(close(krJson.means.rows[i].df, r.df as number), `df ${krJson.means.rows[i].df} vs R ${r.df}`);
    assert.ok(close(krJson.means.rows[i].se, r.SE as number), `SE ${krJson.means.rows[i].se} vs R ${r.SE}`);
  });
  const krPair = rows("politeness attitude pairs kenward-roger tukey")[0];
  assert.ok(close(krJson.pairs.rows[0].df, krPair.df as number) && close(krJson.pairs.rows[0].p, krPair["p.value"] as number));
  // Without --ddf: Satterthwaite, whose df differ; --df still overrides the model's method.
  const plain = JSON.parse((await cli(...args)).out) as Out;
  assert.equal(plain.means.dfMethod, "satterthwaite");
  assert.ok(close(plain.means.rows[0].df, rows("politeness attitude emmeans satterthwaite")[0].df as number));
  const overridden = JSON.parse((await cli(...args, "--ddf", "kenward-roger", "--df", "satterthwaite")).out) as Out;
  assert.equal(overridden.means.dfMethod, "satterthwaite");
  const ml = await cli(...args, "--ddf", "kenward-roger", "--ml");
  assert.equal(ml.code, 1);
  assert.match(ml.err, /Kenward–Roger's method needs a REML fit/);
});

test("emmeans on politeness: effect sizes as emmeans' eff_size (R: d 0.776, SE 0.228, df 6.77); --edf; ordinal --mode", async () => {
  // tests/fixtures/posthoc-effsize/effsize.json, case "politeness attitude".
  const ref = (JSON.parse(readFileSync(`${root}/tests/fixtures/posthoc-effsize/effsize.json`, "utf8")) as { name: string; rows: { estimate: number; se: number; df: number }[] }[])[0];
  const args = ["emmeans", "--data", "tests/fixtures/reference/data/politeness.csv", "--formula", "frequency ~ attitude + gender + (1 | subject) + (1 | scenario)", "--specs", "attitude", "--adjust", "tukey"];
  const text = await cli(...args);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /Effect sizes \(emmeans' eff_size\):\n\s*contrast\s+effect\.size\s+SE\s+df\s+lower\.CL\s+upper\.CL\n\s*\(inf - pol\)\s+0\.77[56]\d*\s+0\.228?\d*\s+6\.7[67]\d*\s/);
  assert.match(text.out, /sigma used for effect sizes: 25\.41 \(residual SD\); edf = 77 \(df\.residual\)/);
  const json = JSON.parse((await cli(...args, "--json")).out) as { pairs: { effect_sizes: { edf: number; rows: { estimate: number; se: number; df: number }[] } } };
  const e = json.pairs.effect_sizes.rows[0];
  assert.ok(Math.abs(e.estimate - ref.rows[0].estimate) < 1e-3 * ref.rows[0].se && Math.abs(e.se - ref.rows[0].se) < 1e-3 * ref.rows[0].se);
  const known = JSON.parse((await cli(...args, "--json", "--edf", "Inf")).out) as typeof json;
  assert.ok(known.pairs.effect_sizes.rows[0].se < e.se, "σ taken as known: a smaller SE");
  assert.match((await cli(...args, "--edf", "-2")).err, /--edf must be a positive number/);

  const wine = ["emmeans", "--data", "tests/fixtures/reference-ordinal/data/wine.csv", "--formula", "rating ~ temp + contact + (1 | judge)", "--family", "ordinal", "--categorical", "rating", "--specs", "temp"];
  const prob = await cli(...wine, "--mode", "prob");
  assert.equal(prob.code, 0, prob.err);
  assert.match(prob.out, /temp = cold:\n\s*rating\s+prob\s+SE\s+df\s+asymp\.LCL\s+asymp\.UCL\n\s*1\s+0\.0976/);
  assert.doesNotMatch(prob.out, /mean\.class\s+SE/);
  const mean = JSON.parse((await cli(...wine, "--mode", "mean.class", "--json")).out) as { mean_class: { level: string; estimate: number }[]; prob?: unknown };
  assert.equal(mean.prob, undefined);
  // emmeans(m, ~ temp, mode = "mean.class"): tests/fixtures/reference-ordinal/emmeans/wine-temp.json.
  const wineRef = (JSON.parse(readFileSync(`${root}/tests/fixtures/reference-ordinal/emmeans/wine-temp.json`, "utf8")) as { rows: { level: string; category: string; estimate: number; se: number }[] }).rows;
  for (const r of wineRef.filter((x) => x.category === "mean.class")) {
    const o = mean.mean_class.find((x) => x.level === r.level)!;
    assert.ok(Math.abs(o.estimate - r.estimate) < 1e-3 * r.se, `${r.level}: ${o.estimate} vs R ${r.estimate}`);
  }
  assert.match((await cli(...wine, "--mode", "latent")).err, /Unknown mode 'latent': use prob or mean\.class/);
  assert.match((await cli(...wine, "--adjust", "tukey")).err, /--adjust does not apply to ordinal models/);
});
