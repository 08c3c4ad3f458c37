/**
 * Issue 22, the Electron shell's hardening that can be checked without the Electron runtime:
 * the fuses flipped at packaging time, the external-link allow-list, and the browser-mode CSP
 * that lets the page connect to the host's own port only.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { FuseV1Options } from "@electron/fuses";
import { isAllowedExternalUrl } from "../../../main/electron/external-links";
import { contentSecurityPolicy } from "../../../main/host/static-files";

const require = createRequire(import.meta.url);
const afterPack = require("../../../scripts/after-pack.cjs") as {
  fuseConfig(platform: string): Record<number | string, unknown>;
  electronBinary(context: unknown): string;
};

test("packaging flips the fuses: no RunAsNode, NODE_OPTIONS or --inspect; asar only (with integrity on macOS/Windows)", () => {
  for (const platform of ["linux", "darwin", "win32"]) {
    const config = afterPack.fuseConfig(platform);
    assert.equal(config[FuseV1Options.RunAsNode], false);
    assert.equal(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable], false);
    assert.equal(config[FuseV1Options.EnableNodeCliInspectArguments], false);
    assert.equal(config[FuseV1Options.OnlyLoadAppFromAsar], true);
    assert.equal(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation], platform !== "linux");
  }
  assert.match(readFileSync(new URL("../../../electron-builder.yml", import.meta.url), "utf8"), /^afterPack: scripts\/after-pack\.cjs$/m);
  const context = (platform: string) => ({ appOutDir: "/out", electronPlatformName: platform, packager: { appInfo: { productFilename: "Mixwell" }, executableName: "mixwell" } });
  assert.equal(afterPack.electronBinary(context("darwin")), "/out/Mixwell.app");
  assert.equal(afterPack.electronBinary(context("win32")), "/out/Mixwell.exe");
  assert.equal(afterPack.electronBinary(context("linux")), "/out/mixwell");
});

test("only https links to allow-listed hosts open in the system browser", () => {
  assert.ok(isAllowedExternalUrl("https://cran.r-project.org/package=lme4"));
  assert.ok(isAllowedExternalUrl("https://doi.org/10.18637/jss.v067.i01"));
  for (const url of [
    "http://cran.r-project.org/",
    "https://evil.example/",
    "https://cran.r-project.org.evil.example/",
    "https://user:pw@github.com/",
    "https://github.com:8443/",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "ms-settings:",
    "smb://host/share",
    "not a url",
  ]) {
    assert.equal(isAllowedExternalUrl(url), false, url);
  }
});

test("browser-mode CSP: WebSockets to the host's own port only", () => {
  const csp = contentSecurityPolicy(43210);
  const connect = csp.split("; ").find((d) => d.startsWith("connect-src"))!;
  assert.deepEqual(connect.split(" ").slice(1).sort(), ["'self'", "ws://127.0.0.1:43210", "ws://localhost:43210"].sort());
  assert.doesNotMatch(csp, /ws:\/\/127\.0\.0\.1(?!:43210)|ws:\/\/\*|ws:(?!\/\/)/);
});
