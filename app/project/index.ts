/** The Mixwell project file: schema, reading (with migrations and full validation) and writing. */
export { PROJECT_FORMAT, PROJECT_VERSION, PROJECT_EXTENSION, EMPTY_VIEW, createProject } from "./schema";
export type { Project, ProjectContent, ProjectData, ProjectModel, ProjectView, ModelResult, GuidedStep, PosthocSpec, PosthocAnalysis, InferenceResults } from "./schema";
export { parseProject, serializeProject } from "./parse";
export { validateProject } from "./validate";
export { migrateProject } from "./migrate";
export { ProjectFileError } from "./check";
export { projectDataFromTable, tableFromProjectData } from "./convert";
export { fitModel } from "./fit-model";
export { AutosaveTimer } from "./autosave";
export { completePosthoc, computePosthoc, emmeansViewOf } from "./posthoc";
