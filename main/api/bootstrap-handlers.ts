/**
 * The bootstrap API methods (app/api/contract-bootstrap.ts): the refits are split over every
 * worker thread the pool allows for a split job (main/workers/run-bootstrap.ts). Progress reads
 * "312 of 1000 refits"; the request's cancel signal stops every share.
 */
import { assertNoInvalidCells, columnsNamedIn } from "../../app/data";
import { MixwellError } from "../../app/errors";
import { runBootstrap, runPbModcomp, type WorkerPool } from "../workers";
import type { TableStore } from "./table-store";
import type { HandlerContext, Handlers } from "./handlers";

const progressOf = (context: HandlerContext) => (done: number, total: number) => context.progress(done / total, `${done} of ${total} refits`);

export function createBootstrapHandlers(deps: { readonly pool: WorkerPool; readonly tables: TableStore }): Pick<Handlers, "bootstrap" | "pbModcomp"> {
  return {
    async bootstrap(payload, context) {
      const { table } = deps.tables.get(payload.tableId);
      assertNoInvalidCells(table, columnsNamedIn(table, payload.spec.formula));
      if (payload.nboot < 10) throw new MixwellError("Percentile intervals need at least 10 bootstrap refits; lme4's default is 500.");
      const { spec, nboot, seed } = payload;
      return runBootstrap(deps.pool, { table, spec, nboot, seed }, { signal: context.signal, onProgress: progressOf(context) });
    },
    async pbModcomp(payload, context) {
      const { table } = deps.tables.get(payload.tableId);
      for (const spec of payload.specs) assertNoInvalidCells(table, columnsNamedIn(table, spec.formula));
      const { specs, nsim, seed } = payload;
      return runPbModcomp(deps.pool, { table, specs, nsim, seed }, { signal: context.signal, onProgress: progressOf(context) });
    },
  };
}
