/**
 * Profile interval ends as exact roots: the value of the parameter where the signed root
 * ζ = sign(φ − φ̂)·√(dev − dev̂) reaches ∓z, found by a safeguarded secant search on ζ itself
 * (on the log scale for sds and σ, where ζ is nearly linear). More accurate than lme4's spline
 * interpolation of a profile grid, so it can differ from lme4's confint by that interpolation
 * error. Where ζ never reaches the cut-off before the parameter's bound (sd 0, correlation ±1),
 * the bound is the end, as in confint.thpr.
 */
import type { SdcorParameter } from "../sdcor";
import { profiledDeviance, type Profiler } from "./profiler";

/** Lower and upper end of parameter j's interval at |ζ| = cut; null where the profile never reaches it. */
export function exactInterval(prof: Profiler, j: number, cut: number): { lower: number | null; upper: number | null } {
  return { lower: profileEnd(prof, j, -cut), upper: profileEnd(prof, j, cut) };
}

/** Transformed scale on which ζ is nearly linear: log for sds and σ, identity for correlations. */
function toU(p: SdcorParameter, v: number): number {
  return p.kind === "sd" ? Math.log(v) : v;
}
function fromU(p: SdcorParameter, u: number): number {
  return p.kind === "sd" ? Math.exp(u) : Math.max(-1, Math.min(1, u));
}

/**
 * The value of parameter j where ζ = target (sign gives the side), or its bound when ζ stays
 * short of the target there; null when the profile keeps rising without reaching it (upper sd).
 */
function profileEnd(prof: Profiler, j: number, target: number): number | null {
  const p = prof.params[j];
  const side = Math.sign(target);
  const hat = prof.phiHat[j];
  const bound = p.kind === "sd" ? (side < 0 ? 0 : Infinity) : side;
  let warm: Float64Array = Float64Array.from(prof.phiHat);
  const zetaAt = (v: number): number => {
    const r = profiledDeviance(prof, j, v, warm);
    warm = r.phi;
    const d = Math.max(0, r.dev - prof.devHat);
    return Math.sign(v - hat) * Math.sqrt(d);
  };
  if (p.kind === "sd" && hat === 0) return side < 0 ? 0 : upwardFromZero(zetaAt, p, prof.phiHat[prof.phiHat.length - 1], target);
  // Bracket: step outwards on the u scale, by secant predictions, until ζ passes the target.
  const uHat = toU(p, hat);
  let ua = uHat;
  let za = 0;
  let step = p.kind === "sd" ? 0.2 : 0.1;
  for (let iter = 0; iter < 80; iter++) {
    let ub = ua + side * step;
    if (p.kind === "correlation" && side * ub >= 1) ub = bound;
    if (p.kind === "sd" && side < 0 && ub < uHat - 12) {
      // Far below the estimate ζ has flattened: the end is sd = 0 unless ζ(0) passes the target.
      const z0 = zetaAt(0);
      if (z0 > target) return 0;
      ub = uHat - 40;
    }
    if (p.kind === "sd" && side > 0 && ub > uHat + 25) return null;
    const zb = zetaAt(fromU(p, ub));
    if (side * zb >= side * target) return fromU(p, solveBracket(zetaAt, p, ua, za, ub, zb, target));
    if (p.kind === "correlation" && ub === bound) return bound;
    const slope = (zb - za) / (ub - ua);
    const need = slope * side > 0 ? Math.abs((target - zb) / slope) : 2 * step;
    step = Math.min(Math.max(need * 1.25, 0.02), 4);
    ua = ub;
    za = zb;
  }
  return null;
}

/**
 * An sd estimated at 0 (singular fit): ζ ≥ 0 above it. Double the sd from a tiny fraction of σ̂
 * until ζ passes the target, then solve on the log scale in that last doubling.
 */
function upwardFromZero(zetaAt: (v: number) => number, p: SdcorParameter, sigma: number, target: number): number | null {
  let v = 1e-4 * sigma;
  let z = zetaAt(v);
  while (z >= target && v > 1e-12 * sigma) {
    v /= 16;
    z = zetaAt(v);
  }
  for (let k = 0; k < 80; k++) {
    const v2 = v * 2;
    const z2 = zetaAt(v2);
    if (z2 >= target) return fromU(p, solveBracket(zetaAt, p, Math.log(v), z, Math.log(v2), z2, target));
    v = v2;
    z = z2;
  }
  return null;
}

/** Illinois regula falsi on [ua, ub] with ζ(ua) short of the target and ζ(ub) past it. */
function solveBracket(
  zetaAt: (v: number) => number,
  p: SdcorParameter,
  ua: number,
  za: number,
  ub: number,
  zb: number,
  target: number,
): number {
  let fa = za - target;
  let fb = zb - target;
  let side = 0;
  for (let iter = 0; iter < 50; iter++) {
    const uc = (ua * fb - ub * fa) / (fb - fa);
    const fc = zetaAt(fromU(p, uc)) - target;
    if (Math.abs(fc) < 1e-6 || Math.abs(ub - ua) < 1e-9 * Math.max(1, Math.abs(uc))) return uc;
    if (fc * fb > 0) {
      ub = uc;
      fb = fc;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      ua = uc;
      fa = fc;
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  return (ua * fb - ub * fa) / (fb - fa);
}
