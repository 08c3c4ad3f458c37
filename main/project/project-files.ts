/** Project files on disk: read with readable errors (the open project is untouched on failure), write safely. */
import { basename, extname } from "node:path";
import { parseProject, PROJECT_EXTENSION, serializeProject, type Project } from "../../app/project";
import { readRegularFile } from "../files/read-regular-file";
import { removeStaleTemps, writeFileSafely, type SafeWriteOptions } from "./safe-write";

/** Largest project file read (1 GiB): a guard against opening some huge unrelated file. */
const MAX_PROJECT_BYTES = 1024 ** 3;

export async function readProjectFile(path: string): Promise<Project> {
  const bytes = await readRegularFile(path, { maxBytes: MAX_PROJECT_BYTES, what: "Mixwell project" });
  await removeStaleTemps(path);
  return parseProject(bytes, basename(path));
}

/** The path with the .mixwell extension added when it has none. */
export function withProjectExtension(path: string): string {
  return extname(path).toLowerCase() === `.${PROJECT_EXTENSION}` ? path : `${path}.${PROJECT_EXTENSION}`;
}

export async function writeProjectFile(path: string, project: Project, options: SafeWriteOptions = {}): Promise<void> {
  await writeFileSafely(path, serializeProject(project), options);
}
