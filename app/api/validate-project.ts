/** Validators of the project and export requests (contract-project.ts). */
import { validateProject } from "../project/validate";
import type { Project } from "../project/schema";
import type { ProjectApiMethods } from "./contract-project";
import { array, fail, object, string, type Validator } from "./validators";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Largest project accepted over the API (base64 of 512 MB). */
const MAX_BASE64 = Math.ceil((512 * 1024 ** 2 * 4) / 3) + 4;
const path = string({ max: 4096 });

const project: Validator<Project> = (v, p) => {
  try {
    return validateProject(v);
  } catch (err) {
    return fail(p, `is not a valid project (${err instanceof Error ? err.message : String(err)})`);
  }
};

const oneOf =
  <T extends string>(...values: T[]): Validator<T> =>
  (v, p) =>
    typeof v === "string" && (values as string[]).includes(v) ? (v as T) : fail(p, `must be one of ${values.join(", ")}`);

const nullablePath: Validator<string | null> = (v, p) => (v === null ? null : path(v, p));
const modelIndex: Validator<number> = (v, p) => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : fail(p, "must be a model number"));
const empty = object({});

type Validators = { [M in keyof ProjectApiMethods]: Validator<ProjectApiMethods[M]["request"]> };

export const projectValidators: Validators = {
  openProject: object({ path }),
  readProject: object({ fileName: string({ max: 1000 }), contentBase64: string({ max: MAX_BASE64, pattern: BASE64 }) }),
  saveProject: object({ path, project }),
  recentProjects: empty as Validator<ProjectApiMethods["recentProjects"]["request"]>,
  writeRecovery: object(
    { project, path: nullablePath },
    { storedData: object({ tableId: string({ max: 200 }), fileName: string({ max: 1000 }), missingCodes: array(string({ max: 1000 }), 10_000) }) },
  ),
  recoveryOffer: empty as Validator<ProjectApiMethods["recoveryOffer"]["request"]>,
  recoverProject: empty as Validator<ProjectApiMethods["recoverProject"]["request"]>,
  discardRecovery: empty as Validator<ProjectApiMethods["discardRecovery"]["request"]>,
  chooseFile: object({ purpose: oneOf("openProject", "saveProject", "exportPdf", "exportCsv") }, { defaultName: string({ max: 1000 }) }),
  exportReport: object(
    { project, projectName: string({ max: 1000 }), numberStyle: oneOf("plain", "apa") },
    { models: array(modelIndex, 1000), path },
  ),
  writeExport: object({ path, text: string({ max: 256 * 1024 ** 2 }) }),
};
