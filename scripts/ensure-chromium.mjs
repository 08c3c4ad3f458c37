// `npm test` needs Debian's chromium for the end-to-end tests. Install it when it is missing and
// we may (root with apt-get); otherwise say exactly what to run. MIXWELL_CHROMIUM points the
// tests at another chromium binary.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const chromium = process.env.MIXWELL_CHROMIUM ?? "/usr/bin/chromium";
if (existsSync(chromium)) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasApt = existsSync("/usr/bin/apt-get");
if (isRoot && hasApt && !process.env.MIXWELL_CHROMIUM) {
  console.log("Chromium is missing; installing it for the end-to-end tests (apt-get install chromium)…");
  const run = (args) => spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (run(["update"]).status === 0 && run(["install", "-y", "--no-install-recommends", "chromium"]).status === 0) process.exit(0);
}
console.error(
  `The end-to-end tests need Chromium at ${chromium}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) ` +
    "or set MIXWELL_CHROMIUM to a Chromium binary, then run npm test again.",
);
process.exit(1);
