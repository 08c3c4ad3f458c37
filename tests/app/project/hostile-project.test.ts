/**
 * Issue 22: damaged or crafted project files end in a ProjectFileError (a MixwellError), never in
 * another exception, and a "__proto__" key stays plain data instead of becoming a prototype.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseProject, serializeProject } from "../../../app/project";
import { MixwellError } from "../../../app/errors";
import { sleepProject } from "./sample-projects";

const text = serializeProject(sleepProject());

function hasForeignPrototype(value: unknown, seen = new Set<unknown>()): boolean {
  if (typeof value !== "object" || value === null || seen.has(value)) return false;
  seen.add(value);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return true;
  return Object.values(value).some((v) => hasForeignPrototype(v, seen));
}

test("a __proto__ key inside stored results never becomes a prototype", () => {
  const doc = JSON.parse(text) as { models: { result: Record<string, unknown> }[] };
  const injected = JSON.stringify(doc).replace('"result":{', '"result":{"__proto__":{"injected":"yes","polluted":true},');
  assert.notEqual(injected, JSON.stringify(doc));
  let project;
  try {
    project = parseProject(injected, "crafted.mixwell");
  } catch (err) {
    assert.ok(err instanceof MixwellError, String(err));
    return;
  }
  assert.equal(hasForeignPrototype(project), false);
  const result = project.models[0]!.result as unknown as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(result), Object.prototype);
  assert.equal((result as { polluted?: unknown }).polluted === true && !Object.hasOwn(result, "polluted"), false);
});

test("a __proto__ key anywhere in a project never becomes a prototype (every object)", () => {
  let at = 0;
  let tried = 0;
  for (;;) {
    at = text.indexOf("{", at + 1);
    if (at < 0 || tried > 400) break;
    const crafted = `${text.slice(0, at + 1)}"__proto__":{"x":1},${text.slice(at + 1)}`;
    tried++;
    try {
      const project = parseProject(crafted, "crafted.mixwell");
      assert.equal(hasForeignPrototype(project), false, `object at ${at}`);
    } catch (err) {
      assert.ok(err instanceof MixwellError, `object at ${at}: ${String(err)}`);
    }
  }
  assert.ok(tried > 20);
});

test("mutated project files give a project or a MixwellError (seeded)", () => {
  const bytes = new TextEncoder().encode(text);
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 }), fc.constantFrom("set", "cut", "dup")), { minLength: 1, maxLength: 8 }),
      (edits) => {
        let b = bytes.slice();
        for (const [i, v, kind] of edits) {
          if (i >= b.length) continue;
          if (kind === "set") b[i] = v;
          else if (kind === "cut") b = b.slice(0, i);
          else b = new Uint8Array([...b.subarray(0, i), ...b.subarray(i, Math.min(b.length, i + 40)), ...b.subarray(i)]);
        }
        try {
          parseProject(b, "mutated.mixwell");
        } catch (err) {
          if (!(err instanceof MixwellError)) throw err;
        }
      },
    ),
    { seed: Number(process.env.MIXWELL_FUZZ_SEED ?? 22), numRuns: Number(process.env.MIXWELL_FUZZ_RUNS ?? 300) },
  );
});

test("a project holding a formula beyond the limits is refused whole with a clear message; x^999999999 loads", () => {
  const withFormula = (formula: string) => {
    const doc = JSON.parse(text) as { models: { spec: { formula: string } }[] };
    doc.models[1]!.spec.formula = formula;
    return JSON.stringify(doc);
  };
  assert.throws(
    () => parseProject(withFormula(`Reaction ~ ${"(".repeat(1300)}Days${")".repeat(1300)} + (1 | Subject)`), "deep.mixwell"),
    (err: unknown) => err instanceof MixwellError && /Could not open 'deep\.mixwell'.*formula Mixwell cannot use.*up to 1000 parts/.test(err.message),
  );
  assert.throws(
    () => parseProject(withFormula(`Reaction ~ ${Array.from({ length: 30 }, (_, i) => `x${i}`).join("*")} + (1 | Subject)`), "wide.mixwell"),
    (err: unknown) => err instanceof MixwellError && /limit is 10,000/.test(err.message),
  );
  const started = Date.now();
  const project = parseProject(withFormula("Reaction ~ Days^999999999 + (1 | Subject)"), "power.mixwell");
  assert.equal(project.models[1]!.spec.formula, "Reaction ~ Days^999999999 + (1 | Subject)");
  assert.ok(Date.now() - started < 2000);
});
