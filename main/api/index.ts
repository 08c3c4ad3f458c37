export { createBackend } from "./backend";
export type { Backend, BackendOptions } from "./backend";
export { ApiDispatcher } from "./dispatcher";
export type { DispatchOutcome } from "./dispatcher";
export { createHandlers } from "./handlers";
export type { Handlers, HandlerContext } from "./handlers";
export { TableStore } from "./table-store";
