/** Project files on disk: safe writes with a backup, the recovery file, the recent-projects list. */
export { writeFileSafely, backupPath } from "./safe-write";
export type { SafeWriteOptions } from "./safe-write";
export { readProjectFile, writeProjectFile, withProjectExtension } from "./project-files";
export { RecentProjects, MAX_RECENT } from "./recent";
export type { RecentProject } from "./recent";
export { RecoveryStore } from "./recovery";
export type { RecoveryInfo } from "./recovery";
export { defaultConfigDir } from "./config-dir";
export { createProjectHandlers, userPath } from "./project-handlers";
export type { FileDialogs, ProjectDeps } from "./project-handlers";
