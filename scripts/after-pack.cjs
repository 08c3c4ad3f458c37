// electron-builder afterPack hook (electron-builder.yml): flip Electron's fuses in the packaged
// binary, so the shipped app cannot be turned into a general Node runtime or debugged into:
// no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no --inspect, the app only from its asar archive
// (with integrity checking where electron-builder embeds it: macOS and Windows), cookies
// encrypted. GrantFileProtocolExtraPrivileges stays on: the window loads dist/renderer from file://.
"use strict";
const path = require("node:path");

/** The fuse settings for a platform (pure; tests read it). */
function fuseConfig(platform) {
  const { FuseVersion, FuseV1Options } = require("@electron/fuses");
  return {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: platform === "darwin",
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: platform === "darwin" || platform === "win32",
    [FuseV1Options.EnableCookieEncryption]: true,
  };
}

/** Where the Electron binary of a packed app is. */
function electronBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case "darwin":
    case "mas":
      return path.join(context.appOutDir, `${name}.app`);
    case "win32":
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName ?? name);
  }
}

async function afterPack(context) {
  const { flipFuses } = require("@electron/fuses");
  const platform = context.electronPlatformName === "mas" ? "darwin" : context.electronPlatformName;
  await flipFuses(electronBinary(context), fuseConfig(platform));
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinary = electronBinary;
