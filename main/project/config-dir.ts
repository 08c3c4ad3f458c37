/**
 * Where Mixwell keeps its own files (recent projects, the recovery file): the Electron app passes
 * app.getPath("userData"); elsewhere (browser mode, CLI) the platform's user config folder.
 * MIXWELL_CONFIG_DIR overrides both (tests, portable installs).
 */
import { homedir } from "node:os";
import { join } from "node:path";

export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MIXWELL_CONFIG_DIR) return env.MIXWELL_CONFIG_DIR;
  if (platform === "win32") return join(env.APPDATA ?? join(homedir(), "AppData", "Roaming"), "Mixwell");
  if (platform === "darwin") return join(homedir(), "Library", "Application Support", "Mixwell");
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), ".config"), "mixwell");
}
