/**
 * Results a student can put in a thesis (issue 16), as a person meets them (browser mode,
 * chromium), on the politeness sample: the Post hoc tab computes once and then sends nothing while
 * it stays open (requests counted on the page's WebSocket for 5 s).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { useAppSession } from "./session";
import { openSample } from "./model-steps";

let page: Page;
let model: Locator;
let results: Locator;
/** API calls the page has sent over its WebSocket so far. */
const sent: string[] = [];

useAppSession(60_000, (s) => ({ page, model, results } = s));

test("the Post hoc tab computes once and sends no request while it stays open for 5 s", async () => {
  // Reloaded so that the page's WebSocket opens after the listener is in place.
  page.on("websocket", (ws) => ws.on("framesent", (f) => void sent.push(String(f.payload).slice(0, 120))));
  await page.reload();
  await openSample(page, "Politeness and voice pitch");
  await page.getByRole("region", { name: "Data" }).getByText("84 rows").waitFor();
  await model.getByRole("textbox", { name: "Formula" }).fill("frequency ~ attitude + gender + (1 | subject) + (1 | scenario)");
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("table", { name: "Fixed effects" }).waitFor();

  await results.getByRole("tab", { name: "Post hoc" }).click();
  await results.getByRole("table", { name: "Pairwise comparisons" }).waitFor();
  await page.waitForTimeout(500);
  const before = sent.length;
  await page.waitForTimeout(5000);
  const idle = sent.slice(before);
  assert.deepEqual(idle, [], `the Post hoc tab sent ${idle.length} requests in 5 s while idle`);
  assert.equal(await results.getByRole("status").filter({ hasText: "Computing marginal means" }).count(), 0);
});
