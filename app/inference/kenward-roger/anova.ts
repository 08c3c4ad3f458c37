/**
 * Type III ANOVA with Kenward–Roger F tests (lmerTest's anova(ddf = "Kenward-Roger")): lmerTest's
 * type III contrast of each term (app/inference's type3Contrasts), tested with pbkrtest's
 * KRmodcomp (scaled F, KR denominator df).
 */
import type { AnovaRow } from "../../engine/lmm/types";
import type { FixedDesign } from "../../engine/model-frame";
import { type3Contrasts } from "../type3-contrasts";
import { kenwardRogerFTest } from "./tests";
import type { KenwardRogerModel } from "./vcov-adjusted";

export function kenwardRogerAnova(model: KenwardRogerModel, fixed: FixedDesign): AnovaRow[] {
  return type3Contrasts(fixed)
    .filter((c) => c.term !== "(Intercept)")
    .map((c) => {
      const f = kenwardRogerFTest(model, c.rows);
      return { term: c.term, numDF: f.numDF, denDF: f.denDF, F: f.F, p: f.p };
    });
}
