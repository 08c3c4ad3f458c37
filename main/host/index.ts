export { startHost } from "./host";
export type { HostOptions, RunningHost } from "./host";
export { runBrowserMode } from "./main";
export { contentSecurityPolicy } from "./static-files";
