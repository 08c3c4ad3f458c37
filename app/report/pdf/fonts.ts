/**
 * The report's fonts, embedded (subset) in every PDF so it looks the same everywhere: DejaVu Sans
 * (regular, bold) and DejaVu Sans Mono for R code, shipped in ./fonts with their licence
 * (LICENSE-DejaVu.txt; the Bitstream Vera licence, free to redistribute). The bundles find them
 * next to themselves (scripts/build.mjs copies them to dist/main/fonts).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MixwellError } from "../../errors";

export interface ReportFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
  readonly mono: Uint8Array;
}

const FILES = { regular: "DejaVuSans.ttf", bold: "DejaVuSans-Bold.ttf", mono: "DejaVuSansMono.ttf" } as const;

/** Folders to look in: next to this module (source, tsx) and next to a bundle (dist/main/fonts). */
function candidateFolders(): string[] {
  const here = fileURLToPath(new URL(".", import.meta.url));
  return [join(here, "fonts"), join(here, "..", "..", "..", "app", "report", "pdf", "fonts")];
}

let cached: ReportFonts | null = null;

export function loadReportFonts(folder?: string): ReportFonts {
  if (cached && folder === undefined) return cached;
  const dir = folder ?? candidateFolders().find((d) => existsSync(join(d, FILES.regular)));
  if (!dir) throw new MixwellError("The report fonts are missing from this installation of Mixwell; reinstall it to write PDF reports.");
  const read = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
  const fonts = { regular: read(FILES.regular), bold: read(FILES.bold), mono: read(FILES.mono) };
  if (folder === undefined) cached = fonts;
  return fonts;
}
