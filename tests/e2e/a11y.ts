/**
 * Accessibility and keyboard helpers for the e2e tests: axe-core run in the page (evaluated over
 * the DevTools protocol, which the page's Content-Security-Policy does not restrict), the focused
 * element's accessible name, Tab until a control has focus, and whether an element is visible
 * inside every scrolling box around it.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Locator, Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly nodes: readonly string[];
}

/** axe-core's violations of impact serious or critical on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ["violations"] });
    return violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`) }));
  });
}

/** The accessible-ish name of the focused element: aria-label, else its text. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "";
    return (el.getAttribute("aria-label") ?? el.textContent ?? "").replace(/\s+/g, " ").trim();
  });
}

/** Press `key` (Tab by default) until the focused element's name matches; returns the presses. */
export async function pressUntilFocused(page: Page, name: RegExp, key = "Tab", max = 80): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(key);
    if (name.test(await focusedName(page))) return i;
  }
  throw new Error(`${key} did not reach ${name} in ${max} presses (focus is on '${await focusedName(page)}')`);
}

/** True when the element lies wholly inside every box around it that clips its content. */
export function whollyVisible(element: Locator): Promise<boolean> {
  return element.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0) return false;
    for (let box = el.parentElement; box; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.overflowX === "visible" && style.overflowY === "visible") continue;
      const b = box.getBoundingClientRect();
      if (r.left < b.left - 0.5 || r.right > b.right + 0.5) return false;
    }
    return r.left >= 0 && r.right <= window.innerWidth;
  });
}

/** The red, green, blue and alpha of a computed CSS colour ("rgb(…)" or "rgba(…)"). */
function rgba(css: string): number[] {
  const [r, g, b, a] = (css.match(/[\d.]+/g) ?? ["0", "0", "0"]).map(Number);
  return [r, g, b, a ?? 1];
}

/** WCAG 2 relative luminance of an sRGB colour. */
function luminance(c: readonly number[]): number {
  const [r, g, b] = c.slice(0, 3).map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * WCAG 2 contrast ratio of an element's text: its colour, faded by its own and its ancestors'
 * opacity, over the first opaque background behind it (white when none). Catches text that a
 * stylesheet dims twice, which axe leaves alone on the labels of disabled controls.
 */
export async function textContrast(element: Locator): Promise<number> {
  // Only plain data crosses into the page (the test's own helpers are not defined there).
  const { color, chain } = await element.evaluate((el) => {
    const boxes: { opacity: string; background: string }[] = [];
    for (let box: Element | null = el; box; box = box.parentElement) boxes.push({ opacity: getComputedStyle(box).opacity, background: getComputedStyle(box).backgroundColor });
    return { color: getComputedStyle(el).color, chain: boxes };
  });
  const opacity = chain.reduce((o, box) => o * Number(box.opacity), 1);
  const back = chain.map((box) => rgba(box.background)).find((bg) => bg[3] === 1) ?? [255, 255, 255, 1];
  const text = rgba(color);
  const alpha = text[3] * opacity;
  const shown = [0, 1, 2].map((i) => text[i] * alpha + back[i] * (1 - alpha));
  const [hi, lo] = [luminance(shown), luminance(back)].sort((a, b) => b - a);
  return (hi + 0.05) / (lo + 0.05);
}
