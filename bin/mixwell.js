#!/usr/bin/env node
// The installed `mixwell` command: runs the bundled CLI (dist/main/cli.js, made by `npm run build`),
// or the TypeScript sources through tsx in a development checkout that has not been built.
import { existsSync } from "node:fs";

const bundle = new URL("../dist/main/cli.js", import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(new URL("../main/cli/run.ts", import.meta.url).href);
}
