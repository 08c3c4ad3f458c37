/**
 * R code for an ordinal (cumulative link) mixed model: ordinal::clmm with the outcome as an
 * ordered factor in the user's level order, then what Mixwell shows — summary (thresholds and
 * coefficients with z tests), odds ratios exp(b) with Wald 95% intervals (logit link), the
 * variances and the log-likelihood. (Category probabilities: emmeans(m, ~ outcome | A, mode = "prob").)
 */
import { parseFormula, rQuoteName as rName } from "../formula";
import type { OrdinalLink } from "../engine/ordinal";
import { explicitLevels } from "./columns";
import type { CodeGenInput, GeneratedCode } from "./types";

const rString = (s: string) => JSON.stringify(s);
const mentions = (formula: string, name: string): boolean =>
  new RegExp(`(^|[^A-Za-z0-9._])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9._])`).test(formula);

export interface OrdinalCodeOptions {
  readonly link: OrdinalLink;
  readonly nAGQ: number;
  /** Outcome categories in order (the column panel's order); null for numbers used as categories (R sorts them). */
  readonly levels: readonly string[] | null;
}

/** The outcome column of an ordinal formula, or why there is none. */
function ordinalOutcome(formula: string): { readonly name: string } | { readonly ok: false; readonly reason: string } {
  try {
    const f = parseFormula(formula);
    if (!f.response || f.response.kind !== "expression" || f.response.expr.kind !== "column") {
      return { ok: false, reason: "An ordinal model needs a single column as its outcome." };
    }
    return { name: f.response.expr.name };
  } catch (e) {
    return { ok: false, reason: `The formula has a mistake: ${(e as Error).message}` };
  }
}

export function ordinalRCode(input: CodeGenInput, options: OrdinalCodeOptions): GeneratedCode {
  const found = ordinalOutcome(input.spec.formula);
  return "name" in found ? clmmCode(input, found.name, options) : found;
}

function clmmCode(input: CodeGenInput, outcome: string, options: OrdinalCodeOptions): GeneratedCode {
  const lines = ["library(ordinal)", ""];
  lines.push(`d <- read.csv(${rString(input.fileName)}, check.names = FALSE, na.strings = c("NA", ""))`);
  const o = `d$${rName(outcome)}`;
  lines.push(
    options.levels
      ? `${o} <- factor(${o}, levels = c(${options.levels.map(rString).join(", ")}), ordered = TRUE)`
      : `${o} <- factor(${o}, ordered = TRUE)  # the numbers in increasing order`,
  );
  for (const c of input.columns) {
    if (c.name === outcome || !mentions(input.spec.formula, c.name)) continue;
    if (c.kind !== "categorical" && !input.spec.categorical.includes(c.name)) continue;
    const column = `d$${rName(c.name)}`;
    const levels = explicitLevels(c);
    lines.push(levels ? `${column} <- factor(${column}, levels = c(${levels.map(rString).join(", ")}))` : `${column} <- factor(${column})`);
  }
  if (input.spec.contrasts === "sum") lines.push(`options(contrasts = c("contr.sum", "contr.poly"))`);
  const args = [input.spec.formula, "data = d"];
  if (options.link !== "logit") args.push(`link = "${options.link}"`);
  if (options.nAGQ > 1) args.push(`nAGQ = ${options.nAGQ}`);
  lines.push("", `m <- clmm(${args.join(", ")})`, "summary(m)  # thresholds and coefficients with Wald z tests");
  if (options.link === "logit") {
    lines.push(
      "b <- m$beta; se <- sqrt(diag(vcov(m)))[names(b)]",
      "exp(cbind(OR = b, lower = b - qnorm(0.975) * se, upper = b + qnorm(0.975) * se))  # cumulative odds ratios",
    );
  }
  lines.push("VarCorr(m)", "logLik(m); AIC(m)");
  return { ok: true, code: lines.join("\n") + "\n" };
}

/**
 * The app's R code view for a model spec with family ordinal: the outcome's categories in the
 * column panel's order (numbers marked categorical in increasing order), the spec's link.
 */
export function ordinalCodeOf(input: CodeGenInput): GeneratedCode {
  const found = ordinalOutcome(input.spec.formula);
  if (!("name" in found)) return found;
  const outcome = found.name;
  const column = input.columns.find((c) => c.name === outcome);
  if (!column) return { ok: false, reason: `There is no column '${outcome}' in the data.` };
  const link = input.spec.link === "probit" ? "probit" : "logit";
  if (column.levels) return clmmCode(input, outcome, { link, nAGQ: input.spec.nAGQ ?? 1, levels: column.levels });
  if (column.kind !== "number" || !input.spec.categorical.includes(outcome)) {
    return { ok: false, reason: `The outcome '${outcome}' needs its categories in order: mark it as categorical in the column panel.` };
  }
  // Numbers used as categories: in increasing order, as R's factor() sorts them.
  return clmmCode(input, outcome, { link, nAGQ: input.spec.nAGQ ?? 1, levels: null });
}
