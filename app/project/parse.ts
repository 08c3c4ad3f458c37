/**
 * Reading and writing project files. `parseProject` never returns a partly read project: the text
 * is parsed, recognised (format marker), its version checked (newer → refused, older → migrated)
 * and the whole document validated before anything is returned; otherwise ProjectFileError says
 * what is wrong in words the user can act on.
 */
import { isRecord, ProjectFileError } from "./check";
import { migrateProject } from "./migrate";
import { PROJECT_FORMAT, PROJECT_VERSION, type Project } from "./schema";
import { validateProject } from "./validate";

/** The file's text for a valid project (validated first, so an invalid project is never written). */
export function serializeProject(project: Project): string {
  return `${JSON.stringify(validateProject(project))}\n`;
}

/** Parse and validate a project file's text; `fileName` names it in messages. */
export function parseProject(textOrBytes: string | Uint8Array, fileName: string): Project {
  const text = typeof textOrBytes === "string" ? textOrBytes : decode(textOrBytes, fileName);
  if (text.trim() === "") throw new ProjectFileError(`'${fileName}' is empty: it is not a Mixwell project.`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw unreadable(text, fileName);
  }
  if (!isRecord(doc) || doc.format !== PROJECT_FORMAT) {
    throw new ProjectFileError(`'${fileName}' is not a Mixwell project file.`);
  }
  const version = doc.version;
  if (!Number.isInteger(version) || (version as number) < 1) {
    throw new ProjectFileError(`'${fileName}' is damaged: its format version is missing or not a whole number.`);
  }
  if ((version as number) > PROJECT_VERSION) {
    const by = typeof doc.savedBy === "string" ? ` (Mixwell ${doc.savedBy})` : "";
    throw new ProjectFileError(
      `'${fileName}' was saved by a newer version of Mixwell${by} in project format ${version}; this version reads formats up to ${PROJECT_VERSION}. Update Mixwell to open it.`,
    );
  }
  try {
    return validateProject(migrateProject(doc, version as number));
  } catch (err) {
    if (err instanceof ProjectFileError) throw new ProjectFileError(`Could not open '${fileName}'. ${err.message}`);
    throw err;
  }
}

function decode(bytes: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ProjectFileError(`'${fileName}' is not a Mixwell project file (it is not text).`);
  }
}

/** JSON that does not parse: a truncated or damaged project, or some other file. */
function unreadable(text: string, fileName: string): ProjectFileError {
  if (text.trimStart().startsWith("{") && text.includes(`"${PROJECT_FORMAT}"`)) {
    return new ProjectFileError(
      `'${fileName}' is damaged or incomplete (it may have been cut short while being copied or saved) and was not opened. A backup of the previous save may be next to it as '${fileName}.bak'.`,
    );
  }
  return new ProjectFileError(`'${fileName}' is not a Mixwell project file.`);
}
