/** The recently opened or saved projects (newest first, at most 10), kept in the config folder. */
import { readFile } from "node:fs/promises";
import { mkdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { writeFileSafely } from "./safe-write";

export interface RecentProject {
  readonly path: string;
  readonly name: string;
  /** ISO date-time it was last opened or saved. */
  readonly at: string;
}

export const MAX_RECENT = 10;

export class RecentProjects {
  readonly #file: string;
  constructor(private readonly configDir: string) {
    this.#file = join(configDir, "recent-projects.json");
  }

  async list(): Promise<RecentProject[]> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.#file, "utf8"));
      return Array.isArray(parsed) ? parsed.filter(isRecent).slice(0, MAX_RECENT) : [];
    } catch {
      return []; // no list yet, or an unreadable one: start afresh rather than fail an open
    }
  }

  async add(path: string, at = new Date().toISOString()): Promise<RecentProject[]> {
    const list = [{ path, name: basename(path), at }, ...(await this.list()).filter((r) => r.path !== path)].slice(0, MAX_RECENT);
    await mkdir(this.configDir, { recursive: true });
    await writeFileSafely(this.#file, JSON.stringify(list, null, 2), { backup: false });
    return list;
  }
}

function isRecent(v: unknown): v is RecentProject {
  const r = v as RecentProject;
  return typeof v === "object" && v !== null && typeof r.path === "string" && typeof r.name === "string" && typeof r.at === "string";
}
