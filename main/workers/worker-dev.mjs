// Development entry of a worker thread: load the TypeScript worker through tsx. (Node 20 does not
// apply `--import tsx` to worker threads.) Production runs the esbuild bundle dist/main/worker.js.
import { register } from "tsx/esm/api";

register();
await import("./worker-entry.ts");
