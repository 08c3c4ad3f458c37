/** Project files on disk: read with readable errors (the open project is untouched on failure), write safely. */
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { MixwellError } from "../../app/errors";
import { parseProject, PROJECT_EXTENSION, serializeProject, type Project } from "../../app/project";
import { writeFileSafely, type SafeWriteOptions } from "./safe-write";

/** Largest project file read (1 GiB): a guard against opening some huge unrelated file. */
const MAX_PROJECT_BYTES = 1024 ** 3;

export async function readProjectFile(path: string): Promise<Project> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new MixwellError(`'${path}' is a folder, not a Mixwell project.`);
    if (info.size > MAX_PROJECT_BYTES) throw new MixwellError(`'${basename(path)}' is larger than 1 GB: it is not a Mixwell project.`);
    bytes = new Uint8Array(await readFile(path));
  } catch (err) {
    if (err instanceof MixwellError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new MixwellError(`Project not found: '${path}'.`);
    if (code === "EACCES" || code === "EPERM") throw new MixwellError(`Mixwell may not read '${path}' (permission denied).`);
    throw new MixwellError(`Could not read '${path}': ${(err as Error).message}`);
  }
  return parseProject(bytes, basename(path));
}

/** The path with the .mixwell extension added when it has none. */
export function withProjectExtension(path: string): string {
  return extname(path).toLowerCase() === `.${PROJECT_EXTENSION}` ? path : `${path}.${PROJECT_EXTENSION}`;
}

export async function writeProjectFile(path: string, project: Project, options: SafeWriteOptions = {}): Promise<void> {
  await writeFileSafely(path, serializeProject(project), options);
}
