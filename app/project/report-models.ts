/**
 * The models a report is written from (issue 15, "a report never mixes data sets"): the ones the
 * user chose (by index), each fitted on the project's current data. A chosen model
 * whose stored fit was made on other data, or that has no fit, is fitted again first
 * (fitModel, as the CLI report does), so no stale number is printed; its post-hoc results are
 * cleared (completePosthoc recomputes them on the new fit) and its optimizer check and inference (ranova, J-N, standardized, bootstrap) dropped.
 */
import { MixwellError } from "../errors";
import { tableFromProjectData } from "./convert";
import { fitModel } from "./fit-model";
import type { Project, ProjectModel } from "./schema";

/** Refuse indexes that name no model of the project, or name one twice (the API edge's check). */
export function checkReportModels(project: Project, indexes: readonly number[]): void {
  const count = project.models.length;
  const wrong = indexes.find((i) => !Number.isInteger(i) || i < 0 || i >= count);
  if (wrong !== undefined) throw new MixwellError(`The report asks for model number ${wrong + 1}, but the project has ${count === 1 ? "1 model" : `${count} models`}.`);
  const twice = indexes.find((i, k) => indexes.indexOf(i) !== k);
  if (twice !== undefined) throw new MixwellError(`The report names model '${project.models[twice].spec.name}' twice.`);
}

/** Whether a model's stored result can be printed as is: fitted, and on the current data. */
export function isReportable(model: ProjectModel): boolean {
  return model.result !== null && model.result.current;
}

/**
 * The project with only the chosen models (in the project's order), the out-of-date or unfitted
 * ones among them refitted on its data. Without a list, the project as it is. `onRefit` hears each
 * model's name before its fit. A refit that fails throws, unless `onLeftOut` is given: then the model
 * stays as stored (the report leaves a stale fit out with a line; a model never fitted is dropped)
 * and `onLeftOut` hears its name and why.
 */
export function reportModels(
  project: Project,
  indexes?: readonly number[],
  onRefit?: (name: string) => void,
  onLeftOut?: (name: string, reason: string) => void,
): Project {
  // No list (an older caller): every model as stored; the report leaves out-of-date ones out with a line.
  if (!indexes) return project;
  checkReportModels(project, indexes);
  const chosen = project.models.filter((_, i) => indexes.includes(i));
  if (chosen.every(isReportable)) return { ...project, models: chosen };
  if (!project.data) {
    const why = "The project has models to fit for the report but no data to fit them on.";
    if (!onLeftOut) throw new MixwellError(why);
    chosen.filter((m) => !isReportable(m)).forEach((m) => onLeftOut(m.spec.name, why));
    return { ...project, models: chosen.filter((m) => m.result !== null) };
  }
  const table = tableFromProjectData(project.data);
  const models = chosen.flatMap((m): ProjectModel[] => {
    if (isReportable(m)) return [m];
    onRefit?.(m.spec.name);
    try {
      const result = fitModel(table, m.spec);
      return [{ ...m, result, posthoc: (m.posthoc ?? []).map((a) => ({ request: a.request, result: null })), optimizerCheck: null, inference: null }];
    } catch (err) {
      if (!(err instanceof MixwellError)) throw err;
      if (!onLeftOut) throw new MixwellError(`Model '${m.spec.name}' could not be refitted for the report: ${err.message}`);
      onLeftOut(m.spec.name, err.message);
      return m.result ? [m] : [];
    }
  });
  return { ...project, models };
}
