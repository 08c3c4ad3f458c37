/**
 * The "Update results automatically" setting: when on, a change of the selected model (builder,
 * formula, options) or of the data refits it after a short pause (components/live/LiveRefit).
 * On by default for tables up to LIVE_ROW_LIMIT rows; the user's choice is remembered in this
 * browser profile (localStorage) and then holds for every table.
 */
export const LIVE_ROW_LIMIT = 50_000;
/** The pause after the last change before a refit starts, in milliseconds. */
export const LIVE_DELAY_MS = 600;
const KEY = "mixwell.liveResults";

function readChoice(): boolean | null {
  try {
    const saved = globalThis.localStorage?.getItem(KEY);
    return saved === "on" ? true : saved === "off" ? false : null;
  } catch {
    return null;
  }
}

class LiveResults {
  #choice = $state<boolean | null>(readChoice());

  /** Whether results follow the model for a table of `nrow` rows. */
  isOn(nrow: number | null): boolean {
    return this.#choice ?? (nrow === null || nrow <= LIVE_ROW_LIMIT);
  }

  set(on: boolean): void {
    this.#choice = on;
    try {
      globalThis.localStorage?.setItem(KEY, on ? "on" : "off");
    } catch {
      // Storage refused (private window): the choice holds for this session only.
    }
  }
}

export const liveResults = new LiveResults();
