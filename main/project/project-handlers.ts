/**
 * The API handlers for projects and exports (app/api/contract-project.ts): open and save project
 * files (safe writes, recent list), the recovery file, native file dialogs when the desktop app
 * provides them, the PDF report (built in the worker pool) and CSV exports.
 */
import { homedir } from "node:os";
import { basename, extname, isAbsolute, join } from "node:path";
import type { ProjectApiMethods } from "../../app/api/contract-project";
import type { ChooseFileRequest } from "../../app/api/contract-project";
import { MixwellError } from "../../app/errors";
import { parseProject } from "../../app/project";
import { checkReportModels } from "../../app/project/report-models";
import type { WorkerPool } from "../workers";
import { readProjectFile, withProjectExtension, writeProjectFile } from "./project-files";
import { RecentProjects } from "./recent";
import { RecoveryStore } from "./recovery";
import { writeFileSafely } from "./safe-write";
import { withStoredData } from "./stored-data";
import type { TableStore } from "../api/table-store";

/** Native file dialogs (the Electron main process); absent in browser mode. */
export interface FileDialogs {
  choose(request: ChooseFileRequest): Promise<string | null>;
  /** A project was opened or saved (the desktop app updates its Open Recent menu and the OS's list). */
  noteRecent?(path: string): void;
}

export interface ProjectDeps {
  readonly pool: WorkerPool;
  /** The tables imported in this session (an autosave may name one instead of carrying it). */
  readonly tables: TableStore;
  readonly configDir: string;
  readonly dialogs?: FileDialogs;
}

interface Context {
  readonly signal: AbortSignal;
  progress(fraction: number | null, message: string): void;
}

type ProjectHandlers = {
  [M in keyof ProjectApiMethods]: (payload: ProjectApiMethods[M]["request"], context: Context) => Promise<ProjectApiMethods[M]["response"]>;
};

/** A path the user typed or chose: "~" expanded; it must be absolute (the host has no sensible working folder). */
export function userPath(path: string): string {
  const expanded = path === "~" || path.startsWith("~/") ? join(homedir(), path.slice(1)) : path.trim();
  if (!isAbsolute(expanded)) throw new MixwellError(`Give the full path of the file, e.g. ${join(homedir(), "analysis.mixwell")}.`);
  return expanded;
}

function exportPath(path: string, extensions: readonly string[]): string {
  const full = userPath(path);
  const ext = extname(full).toLowerCase();
  if (!extensions.includes(ext)) return `${full}${extensions[0]}`;
  return full;
}

export function createProjectHandlers(deps: ProjectDeps): ProjectHandlers {
  const recent = new RecentProjects(deps.configDir);
  const recovery = new RecoveryStore(deps.configDir);
  return {
    async openProject({ path }) {
      const full = userPath(path);
      const project = await readProjectFile(full);
      await recent.add(full).catch(() => undefined);
      deps.dialogs?.noteRecent?.(full);
      return { project, path: full, fileName: basename(full) };
    },
    async readProject({ fileName, contentBase64 }) {
      const project = parseProject(new Uint8Array(Buffer.from(contentBase64, "base64")), fileName);
      return { project, path: null, fileName };
    },
    async saveProject({ path, project }) {
      const full = withProjectExtension(userPath(path));
      await writeProjectFile(full, project);
      await recovery.clear();
      await recent.add(full).catch(() => undefined);
      deps.dialogs?.noteRecent?.(full);
      return { path: full, fileName: basename(full) };
    },
    async recentProjects() {
      return { projects: await recent.list() };
    },
    async writeRecovery({ project, path, storedData }) {
      await recovery.write(storedData ? withStoredData(project, storedData, deps.tables) : project, path);
      return {};
    },
    async recoveryOffer() {
      const info = await recovery.info();
      return { savedAt: info?.savedAt ?? null, projectPath: info?.projectPath ?? null };
    },
    async recoverProject() {
      const found = await recovery.read();
      if (!found) throw new MixwellError("There is no unsaved work to recover.");
      return { project: found.project, path: found.projectPath, fileName: found.projectPath ? basename(found.projectPath) : "Recovered project" };
    },
    async discardRecovery() {
      await recovery.clear();
      return {};
    },
    async chooseFile(request) {
      if (!deps.dialogs) throw new MixwellError("File dialogs belong to the desktop app; in the browser, type the file's full path.");
      return { path: await deps.dialogs.choose(request) };
    },
    async exportReport(request, context) {
      const { path, ...input } = request;
      if (input.models) checkReportModels(input.project, input.models);
      const pdf = await deps.pool.run("report", input, { signal: context.signal, onProgress: context.progress });
      const fileName = `${request.projectName.replace(/\.mixwell$/i, "") || "report"}.pdf`;
      if (!path) return { fileName, path: null, contentBase64: Buffer.from(pdf).toString("base64") };
      const full = exportPath(path, [".pdf"]);
      await writeFileSafely(full, pdf, { backup: false });
      return { fileName: basename(full), path: full, contentBase64: null };
    },
    async writeExport({ path, text }) {
      const full = exportPath(path, [".csv", ".tsv", ".txt"]);
      await writeFileSafely(full, text, { backup: false });
      return { fileName: basename(full), path: full, contentBase64: null };
    },
  };
}
