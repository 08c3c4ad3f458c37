/** Steps shared by the model e2e tests: import a file through the File menu, read the Fixed effects table. */
import type { Locator, Page } from "playwright-core";

/** File → Import data…, choose the file, press Import in the preview; returns the preview dialog. */
async function acceptImport(page: Page, path: string): Promise<Locator> {
  await page.getByRole("menuitem", { name: "File" }).click();
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("menu", { name: "File" }).getByRole("menuitem", { name: "Import data…" }).click();
  await (await chooser).setFiles(path);
  const dialog = page.getByRole("dialog", { name: "Import data" });
  await dialog.getByRole("button", { name: "Import" }).click({ timeout: 120_000 });
  return dialog;
}

/** File → Import data…, choose the file, accept the import preview (Replace when asked). */
export async function importFile(page: Page, path: string): Promise<void> {
  const dialog = await acceptImport(page, path);
  await dialog.waitFor({ state: "detached", timeout: 120_000 });
  await replaceIfAsked(page);
}

/** File → Import data…, accept the preview with data open, and return the question that follows ("Data is already open"). */
export async function importAndAsk(page: Page, path: string): Promise<Locator> {
  await acceptImport(page, path);
  const question = page.getByRole("dialog", { name: "Data is already open" });
  await question.waitFor();
  return question;
}

/**
 * With data already open, accepting the import preview asks whether to replace the data or open
 * a new project (the question takes the preview's place at once); answer Replace, as imports did
 * before the question existed. Nothing happens when no data was open.
 */
export async function replaceIfAsked(page: Page): Promise<void> {
  const question = page.getByRole("dialog", { name: "Data is already open" });
  if ((await question.count()) === 0) return;
  await question.getByRole("button", { name: "Replace the data in this project" }).click();
  await question.waitFor({ state: "detached", timeout: 120_000 });
}

/** File → Open sample…, pick the sample by its title; with data open, answer Replace (as imports do). */
export async function openSample(page: Page, title: string): Promise<void> {
  await page.getByRole("menuitem", { name: "File" }).click();
  await page.getByRole("menu", { name: "File" }).getByRole("menuitem", { name: "Open sample…" }).click();
  const dialog = page.getByRole("dialog", { name: "Open sample data" });
  await dialog.getByRole("button", { name: title }).click();
  // The question, when asked, takes the sample list's place in the same update.
  await dialog.waitFor({ state: "detached" });
  await replaceIfAsked(page);
}

/** Shown numbers use "−" for minus. */
const parse = (text: string) => Number(text.replace("−", "-"));

export interface ShownFixedEffect {
  readonly term: string;
  readonly estimate: number;
  readonly estimateFull: number;
  readonly se: number;
  readonly df: number;
  readonly p: string;
}

/** The row of a results table whose term has R's name `rName` (the screen shows the readable name; R's is on the row header). */
export function termRow(table: Locator, rName: string): Locator {
  return table.locator(`tbody tr:has(> th[data-r-name=${JSON.stringify(rName)}])`);
}

/** The rows of the Fixed effects table (LMM columns: Term, Estimate, SE, df, t, p, CI); `term` is R's name. */
export async function fixedEffectsRows(table: Locator): Promise<ShownFixedEffect[]> {
  const rows = table.locator("tbody tr");
  const out: ShownFixedEffect[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    // R's name of the term (the readable one is shown; tests compare with R's output).
    const header = row.getByRole("rowheader");
    const term = (await header.getAttribute("data-r-name")) ?? (await header.innerText());
    const cells = row.getByRole("cell");
    const texts = await cells.allInnerTexts();
    const full = (await cells.nth(0).getAttribute("title")) ?? texts[0];
    out.push({ term, estimate: parse(texts[0]), estimateFull: Number(full), se: parse(texts[1]), df: parse(texts[2]), p: texts[4] });
  }
  return out;
}
