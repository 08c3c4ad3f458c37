/**
 * The recovery file: while a project has unsaved changes the UI autosaves it here every minute.
 * It is removed when the project is saved or the changes are discarded, so one that exists at
 * start-up means Mixwell stopped with unsaved work, and the user is offered to recover it.
 */
import { readFile, rm, mkdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { parseProject, serializeProject, type Project } from "../../app/project";
import { writeFileSafely } from "./safe-write";

export interface RecoveryInfo {
  /** When the recovery file was written (ISO). */
  readonly savedAt: string;
  /** The project file the work belonged to, or null for a project never saved. */
  readonly projectPath: string | null;
}

interface RecoveryEnvelope {
  readonly projectPath: string | null;
  readonly project: unknown;
}

export class RecoveryStore {
  readonly #file: string;
  /** Writes and clears run in the order they were asked for (an autosave racing a save must not outlive it). */
  #queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly configDir: string) {
    this.#file = join(configDir, "recovery.mixwell-recovery");
  }

  write(project: Project, projectPath: string | null): Promise<void> {
    const text = serializeProject(project);
    return this.#inOrder(async () => {
      await mkdir(this.configDir, { recursive: true });
      await writeFileSafely(this.#file, `{"projectPath":${JSON.stringify(projectPath)},"project":${text}}`, { backup: false });
    });
  }

  #inOrder(step: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(step, step);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** What is there to recover, or null (no file, or one too damaged to use). */
  async info(): Promise<RecoveryInfo | null> {
    const found = await this.read();
    if (!found) return null;
    const info = await stat(this.#file);
    return { savedAt: info.mtime.toISOString(), projectPath: found.projectPath };
  }

  async read(): Promise<{ project: Project; projectPath: string | null } | null> {
    let envelope: RecoveryEnvelope;
    try {
      envelope = JSON.parse(await readFile(this.#file, "utf8")) as RecoveryEnvelope;
      const project = parseProject(JSON.stringify(envelope.project), "recovered work");
      return { project, projectPath: typeof envelope.projectPath === "string" ? envelope.projectPath : null };
    } catch {
      return null;
    }
  }

  clear(): Promise<void> {
    return this.#inOrder(() => rm(this.#file, { force: true }));
  }
}
