/**
 * `mixwell report --project FILE [--pdf OUT] [--text OUT] [--csv DIR] [--apa] [--models NAMES]`: the PDF
 * report, the same as plain text, and/or one CSV file per result table of each model (and of each post-hoc analysis), from a
 * saved project. A report never mixes data sets (issue 15): models that have no stored results, or
 * whose results were computed on other data (edited or replaced since), are fitted first on the
 * project's data (app/project/report-models.ts); one that cannot be fitted there is left out, with a
 * line on stderr (and in the PDF and text), never printed with its old numbers. Post-hoc analyses
 * saved without results are computed again, so the report is complete.
 */
import { mkdir } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { MixwellError } from "../../../app/errors";
import type { DataTable } from "../../../app/data";
import { computePosthoc, tableFromProjectData, type PosthocAnalysis, type Project, type ProjectModel } from "../../../app/project";
import { reportModels } from "../../../app/project/report-models";
import { buildReportText, csvFileName, posthocTables, resultTables, tableToCsv, type NumberStyle } from "../../../app/report";
import { buildReportPdf } from "../../../app/report/pdf";
import { readProjectFile, writeFileSafely } from "../../project";
import { version } from "../../version";
import { formatOptions, requireString, type OptionSpec } from "../args";
import type { CliIO, Command } from "../command";

const options = {
  project: { type: "string", required: true, value: "FILE", description: "a Mixwell project (.mixwell)" },
  pdf: { type: "string", value: "OUT", description: "write the PDF report to OUT" },
  text: { type: "string", value: "OUT", description: "write the report as plain text to OUT (- for the terminal)" },
  csv: { type: "string", value: "DIR", description: "write each model's result tables as CSV files into DIR" },
  apa: { type: "boolean", description: "APA-style numbers and table headers" },
  models: { type: "list", value: "NAMES", description: "only these models (comma-separated names; default all)" },
  help: { type: "boolean", description: "show this help" },
} satisfies Record<string, OptionSpec>;

export const reportCommand: Command = {
  name: "report",
  summary: "Write a project's results as a PDF report and/or CSV tables",
  usage: `Usage: mixwell report --project FILE [--pdf OUT] [--text OUT] [--csv DIR] [--apa]\n\n${formatOptions(options)}`,
  options,
  async run(args, io) {
    const pdfOut = args.strings.get("pdf");
    const csvDir = args.strings.get("csv");
    const textOut = args.strings.get("text");
    if (!pdfOut && !csvDir && !textOut) throw new MixwellError("Say what to write: --pdf OUT, --text OUT, --csv DIR, or several.");
    const path = resolve(io.cwd, requireString(args, "project"));
    const style: NumberStyle = args.flags.has("apa") ? "apa" : "plain";
    const project = completeResults(currentResults(selectModels(await readProjectFile(path), args.lists.get("models")), io), io);
    if (pdfOut) {
      const out = resolve(io.cwd, pdfOut);
      const pdf = await buildReportPdf(project, { projectName: basename(path), numberStyle: style, version });
      await writeFileSafely(out, pdf, { backup: false });
      io.stdout(`Wrote ${out}\n`);
    }
    if (textOut) {
      const text = buildReportText(project, { projectName: basename(path), numberStyle: style });
      if (textOut === "-") io.stdout(text);
      else {
        const out = resolve(io.cwd, textOut);
        await writeFileSafely(out, text, { backup: false });
        io.stdout(`Wrote ${out}\n`);
      }
    }
    if (csvDir) await writeCsvTables(project, resolve(io.cwd, csvDir), style, io);
    return 0;
  },
};

function selectModels(project: Project, names: readonly string[] | undefined): Project {
  if (!names) return project;
  const unknown = names.filter((n) => !project.models.some((m) => m.spec.name === n));
  if (unknown.length) {
    const known = project.models.map((m) => `'${m.spec.name}'`).join(", ") || "none";
    throw new MixwellError(`No model named ${unknown.map((n) => `'${n}'`).join(", ")} in the project (models: ${known}).`);
  }
  return { ...project, models: project.models.filter((m) => names.includes(m.spec.name)) };
}

/** Every model with results computed on the project's data: fitted now when they have none or are out of date, else left out. */
function currentResults(project: Project, io: CliIO): Project {
  const why = (name: string) => (project.models.find((m) => m.spec.name === name)?.result ? "its stored results were computed on other data" : "no stored results");
  return reportModels(
    project,
    project.models.map((_, i) => i),
    (name) => io.stderr(`mixwell: fitting '${name}' (${why(name)})\n`),
    (name, reason) => io.stderr(`mixwell: left out '${name}': it could not be fitted on the project's data: ${reason}\n`),
  );
}

/** Compute the post-hoc results missing from models fitted on the current data (saved without them, or just refitted). */
function completeResults(project: Project, io: CliIO): Project {
  const missing = (m: ProjectModel) => m.result?.current === true && (m.posthoc ?? []).some((a) => a.result === null);
  if (!project.models.some(missing)) return project;
  if (!project.data) throw new MixwellError("The project has post-hoc analyses without results and no data to compute them.");
  const table = tableFromProjectData(project.data);
  const models = project.models.map((m): ProjectModel => {
    if (!missing(m)) return m;
    const result = m.result!;
    try {
      return { ...m, posthoc: (m.posthoc ?? []).map((a) => (a.result ? a : posthocResult(table, result.fittedSpec, a, m.spec.name, io))) };
    } catch (err) {
      if (err instanceof MixwellError) throw new MixwellError(`Model '${m.spec.name}': ${err.message}`);
      throw err;
    }
  });
  return { ...project, models };
}

function posthocResult(table: DataTable, spec: ProjectModel["spec"], a: PosthocAnalysis, name: string, io: CliIO): PosthocAnalysis {
  io.stderr(`mixwell: computing the marginal means of ${a.request.specs.join(", ")} for '${name}' (no stored results)\n`);
  return { ...a, result: computePosthoc(table, spec, a.request) };
}

async function writeCsvTables(project: Project, dir: string, style: NumberStyle, io: CliIO): Promise<void> {
  await mkdir(dir, { recursive: true });
  // Models left out of the report (no fit on the current data) have no tables either.
  for (const model of project.models) {
    if (!model.result?.current) continue;
    const fit = model.result.view;
    const posthoc = (model.posthoc ?? []).flatMap((a) => (a.result ? posthocTables(a.result, fit.statisticName) : []));
    for (const table of [...resultTables(fit), ...posthoc]) {
      const out = join(dir, csvFileName(model.spec.name, table));
      await writeFileSafely(out, tableToCsv(table, style), { backup: false });
      io.stdout(`Wrote ${out}\n`);
    }
  }
}
