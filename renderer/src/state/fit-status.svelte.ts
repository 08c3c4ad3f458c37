/**
 * The status bar says what just happened to a fit: "Fitted Model 1 in 84 ms.", the error it
 * ended with, or that it was cancelled — whichever way the fit was started (Fit button, Ctrl+Enter,
 * live results, guided fix). Watches the models' status changes; the time is the wall time the
 * user waited, from the request to the result.
 */
import { models } from "./models.svelte";
import { workspace } from "./workspace.svelte";

/** A status-bar line for a fit that has just ended, or null while it runs. */
export function fitEndedMessage(name: string, status: string, error: string | null, elapsedMs: number): string | null {
  if (status === "fitting") return null;
  if (status === "cancelled") return `Stopped fitting ${name}.`;
  if (status === "failed") return `Could not fit ${name}: ${error ?? "unknown error"}`;
  return `Fitted ${name} in ${Math.round(elapsedMs).toLocaleString("en-US")} ms.`;
}

/** Start watching (once, at start-up); returns the function that stops it. */
export function reportFits(): () => void {
  const started = new Map<string, number>();
  const previous = new Map<string, string>();
  return $effect.root(() => {
    $effect(() => {
      for (const m of models.list) {
        const before = previous.get(m.id);
        previous.set(m.id, m.status);
        if (m.status === before) continue;
        if (m.status === "fitting") started.set(m.id, performance.now());
        else if (before === "fitting") {
          const message = fitEndedMessage(m.spec.name, m.status, m.error ?? null, performance.now() - (started.get(m.id) ?? performance.now()));
          if (message) workspace.say(message);
        }
      }
    });
  });
}
