/**
 * The setup most e2e files share: start Mixwell (browser mode), open it in chromium, set the page's
 * default timeout, and find the Model and Results regions; close() shuts both down again.
 */
import { after, before } from "node:test";
import type { Locator, Page } from "playwright-core";
import { openBrowser, startApp, type BrowserOptions, type OpenBrowser, type RunningApp } from "./harness";

export interface AppSession {
  readonly app: RunningApp;
  readonly browser: OpenBrowser;
  readonly page: Page;
  readonly model: Locator;
  readonly results: Locator;
  close(): Promise<void>;
}

export async function openAppSession(defaultTimeoutMs: number, options: BrowserOptions = {}): Promise<AppSession> {
  const app = await startApp();
  let browser: OpenBrowser;
  try {
    browser = await openBrowser(app.url, options);
  } catch (error) {
    await app.stop();
    throw error;
  }
  const page = browser.page;
  page.setDefaultTimeout(defaultTimeoutMs);
  return {
    app,
    browser,
    page,
    model: page.getByRole("region", { name: "Model" }),
    results: page.getByRole("region", { name: "Results" }),
    async close() {
      await browser.close();
      await app.stop();
    },
  };
}

/**
 * One app session for all the tests of a file: opened before the first test, closed after the
 * last; `use` receives it once it is open (to keep its page and regions in the file's variables).
 */
export function useAppSession(defaultTimeoutMs: number, use: (session: AppSession) => void, options: BrowserOptions = {}): void {
  let session: AppSession | undefined;
  before(async () => {
    session = await openAppSession(defaultTimeoutMs, options);
    use(session);
  });
  after(async () => {
    await session?.close();
  });
}

/**
 * An app a test stops and starts again (to reopen a saved project in a fresh Mixwell): launch()
 * starts it and opens the page, shutDown() closes both.
 */
export class RestartableApp {
  #app: RunningApp | undefined;
  #browser: OpenBrowser | undefined;

  constructor(private readonly defaultTimeoutMs: number) {}

  async launch(): Promise<Page> {
    this.#app = await startApp();
    this.#browser = await openBrowser(this.#app.url);
    this.#browser.page.setDefaultTimeout(this.defaultTimeoutMs);
    return this.#browser.page;
  }

  async shutDown(): Promise<void> {
    await this.#browser?.close();
    await this.#app?.stop();
    this.#browser = undefined;
    this.#app = undefined;
  }
}
