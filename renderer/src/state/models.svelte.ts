/**
 * The session's models: each a ModelSpec (what the user built), the builder's view of its
 * formula, and the last fit. One model is selected; the builder edits it, the Results region
 * shows its fit. All fitting goes through the API (worker pool), cancellable.
 *
 * snapshotModels()/restoreModels() give the serialisable part to the project file, in the shape
 * of app/project's ProjectModel: each spec with its last result (FitView, the spec it was fitted
 * from, whether it was current for the data, when it was fitted), the guided-fix step that made
 * it, and the post-hoc analyses run on its fit.
 */
import type { FitView, ModelSpec, BuilderModel, FormulaProblem } from "../../../app/model-spec";
import { builderToFormula, EMPTY_BUILDER, fitOptionsOf, formulaToBuilder } from "../../../app/model-spec";
import { tableChange, type Column } from "../../../app/data";
import type { ModelComparison } from "../../../app/inference";
import type { ProgressEvent } from "../../../app/api";
import type { Cause, OptimizerComparison, Suggestion } from "../../../app/guided-fix/types";
import type { ModelFamily } from "../../../app/engine/families";
import { guidedFixName } from "../../../app/guided-fix/step-name";
import type { EmmeansView } from "../../../app/api/contract-analysis";
import type { GuidedStep, InferenceResults, PosthocAnalysis, PosthocSpec } from "../../../app/project/schema";
import { api } from "../api";
import { followDataEdit, type DataEdit } from "./follow-data-edit";

export interface FitProgress {
  readonly message: string;
  readonly fraction: number | null;
}

/** What a fit was computed from: the table and the spec at that moment. */
export interface FitBasis {
  readonly tableId: string;
  /** The data store's edit count when the fit was made. */
  readonly version: number;
  readonly spec: ModelSpec;
  /** ISO date-time of the fit, when known. */
  readonly fittedAt: string | null;
  /** Once an edit made the fit out of date: the columns it read, by column id (follow-data-edit.ts). */
  readonly read?: ReadonlyMap<string, Column>;
}

/** Which data a fit is made on: the table and its edit version. */
export interface DataRef {
  readonly tableId: string;
  readonly version?: number;
}

export interface ModelEntry {
  readonly id: string;
  readonly spec: ModelSpec;
  /** The builder's terms: the last formula that parsed. */
  readonly builder: BuilderModel;
  /** The formula box's text, which may not parse yet. */
  readonly formulaText: string;
  readonly problem: FormulaProblem | null;
  readonly result: FitView | null;
  readonly basis: FitBasis | null;
  readonly status: "idle" | "fitting" | "cancelled" | "failed";
  readonly error: string | null;
  readonly progress: FitProgress | null;
  /** Set when the model was made by a guided-fix step: which model it simplifies, why and how. */
  readonly guidedStep?: GuidedFixStep;
  /**
   * Post-hoc analyses run on this model, the latest last (one per compared factors and 'by');
   * a result is that of the current fit (a new fit clears the results, keeping the requests).
   */
  readonly posthoc?: readonly PosthocAnalysis[];
  /** The refits of the current fit with other optimisers (allFit), when the user ran them. */
  readonly optimizerCheck?: OptimizerComparison | null;
  /** Random-effect tests, J-N, standardized effects and bootstrap run on the current fit (a new fit clears them). */
  readonly inference?: InferenceResults | null;
}

/** One guided-fix step (app/guided-fix): the model it came from, the causes found, the change made (saved as is). */
export type GuidedFixStep = GuidedStep;

/** A model's last fit as project files keep it (app/project's ModelResult). */
export interface ModelResultSnapshot {
  readonly view: FitView;
  readonly fittedSpec: ModelSpec;
  /** The fit was made on the data as they are now. */
  readonly current: boolean;
  readonly fittedAt: string | null;
}

/** One model as project files keep it (app/project's ProjectModel). */
export interface ModelSnapshot {
  readonly spec: ModelSpec;
  readonly result: ModelResultSnapshot | null;
  readonly guidedStep?: GuidedFixStep | null;
  readonly posthoc?: readonly PosthocAnalysis[];
  readonly optimizerCheck?: OptimizerComparison | null;
  readonly inference?: InferenceResults | null;
}

/** The serialisable part, for project files (app/project's ProjectModel list and selected index). */
export interface ModelsSnapshot {
  readonly models: readonly ModelSnapshot[];
  readonly selected: number;
}

const posthocKey = (r: PosthocSpec) => JSON.stringify([r.specs, r.by, r.trendOf ?? ""]);

const controllers = new Map<string, AbortController>();
/** The spec each running fit was started from (live results skip a refit of the same spec). */
const fittingSpecs = new Map<string, ModelSpec>();
let counter = 0;
const newId = () => `m${++counter}`;

export function defaultSpec(name: string): ModelSpec {
  return { name, formula: "", family: "gaussian", method: "REML", contrasts: "treatment", categorical: [] };
}

function entryOf(spec: ModelSpec, result: FitView | null = null, basis: FitBasis | null = null): ModelEntry {
  const parsed = spec.formula.trim() ? formulaToBuilder(spec.formula) : null;
  return {
    id: newId(),
    spec,
    builder: parsed?.ok ? parsed.model : EMPTY_BUILDER,
    formulaText: spec.formula,
    problem: parsed && !parsed.ok ? parsed.problem : null,
    result,
    basis,
    status: "idle",
    error: null,
    progress: null,
  };
}

function sameSpec(a: ModelSpec, b: ModelSpec): boolean {
  return JSON.stringify(fitOptionsOf(a)) === JSON.stringify(fitOptionsOf(b));
}

class Models {
  #list = $state.raw<readonly ModelEntry[]>([entryOf(defaultSpec("Model 1"))]);
  #selectedId = $state<string>("");
  #comparison = $state.raw<{ names: readonly string[]; result: ModelComparison } | null>(null);
  #comparing = $state(false);
  #compareError = $state<string | null>(null);

  constructor() {
    this.#selectedId = this.#list[0].id;
  }

  get list(): readonly ModelEntry[] {
    return this.#list;
  }
  get selected(): ModelEntry {
    return this.#list.find((m) => m.id === this.#selectedId) ?? this.#list[0];
  }
  get comparison() {
    return this.#comparison;
  }
  get comparing(): boolean {
    return this.#comparing;
  }
  get compareError(): string | null {
    return this.#compareError;
  }

  /** True when the result was fitted on other data or from another spec than the current one. */
  isStale(entry: ModelEntry, data: DataRef | null): boolean {
    if (!entry.result || !entry.basis) return false;
    const { basis } = entry;
    return basis.tableId !== data?.tableId || basis.version !== (data.version ?? 0) || !sameSpec(basis.spec, entry.spec);
  }

  select(id: string): void {
    this.#selectedId = id;
  }

  #update(id: string, change: (m: ModelEntry) => ModelEntry): void {
    this.#list = this.#list.map((m) => (m.id === id ? change(m) : m));
  }

  /** Replace the builder terms of the selected model; the formula follows. */
  setBuilder(builder: BuilderModel): void {
    const formula = builderToFormula(builder);
    const parsed = formula ? formulaToBuilder(formula) : null;
    this.#update(this.selected.id, (m) => ({
      ...m,
      builder,
      formulaText: formula,
      problem: parsed && !parsed.ok ? parsed.problem : null,
      spec: { ...m.spec, formula },
    }));
  }

  /** The user typed in the formula box: update the builder when it parses, else show where it fails. */
  setFormulaText(text: string): void {
    const parsed = text.trim() ? formulaToBuilder(text) : null;
    this.#update(this.selected.id, (m) => ({
      ...m,
      formulaText: text,
      problem: parsed && !parsed.ok ? parsed.problem : null,
      builder: parsed?.ok ? parsed.model : text.trim() ? m.builder : EMPTY_BUILDER,
      spec: { ...m.spec, formula: text },
    }));
  }

  /** Fill the selected model with a given formula and family (a sample's suggested model). */
  useFormula(formula: string, family: ModelFamily): void {
    this.setFormulaText(formula);
    this.updateSpec({ family });
  }

  updateSpec(change: Partial<Omit<ModelSpec, "formula">>): void {
    this.#update(this.selected.id, (m) => ({ ...m, spec: { ...m.spec, ...change } }));
  }

  rename(id: string, name: string): void {
    if (name.trim()) this.#update(id, (m) => ({ ...m, spec: { ...m.spec, name: name.trim() } }));
  }

  /**
   * The data were edited (or an edit undone or redone): every model follows renamed columns, and
   * fits that read no changed column stay valid (follow-data-edit.ts). Returns the renames and the
   * models whose spec they changed.
   */
  followDataEdit(edit: DataEdit): { readonly renamed: readonly (readonly [string, string])[]; readonly models: readonly string[] } {
    const change = tableChange(edit.before, edit.after);
    const list = this.#list.map((m) => followDataEdit(m, edit, change));
    const renamedIn = change.renamed.length ? list.filter((m, i) => m.spec !== this.#list[i].spec).map((m) => m.spec.name) : [];
    if (list.some((m, i) => m !== this.#list[i])) this.#list = list;
    return { renamed: change.renamed, models: renamedIn };
  }

  add(): void {
    const entry = entryOf(defaultSpec(this.#freeName("Model")));
    this.#list = [...this.#list, entry];
    this.#selectedId = entry.id;
  }

  duplicate(id: string): void {
    const source = this.#list.find((m) => m.id === id);
    if (!source) return;
    const copy = { ...entryOf({ ...source.spec, name: this.#freeName(`${source.spec.name} copy`) }, source.result, source.basis) };
    const at = this.#list.indexOf(source) + 1;
    this.#list = [...this.#list.slice(0, at), copy, ...this.#list.slice(at)];
    this.#selectedId = copy.id;
  }

  remove(id: string): void {
    controllers.get(id)?.abort();
    const rest = this.#list.filter((m) => m.id !== id);
    this.#list = rest.length ? rest : [entryOf(defaultSpec("Model 1"))];
    if (!this.#list.some((m) => m.id === this.#selectedId)) this.#selectedId = this.#list[0].id;
  }

  #freeName(base: string): string {
    const names = new Set(this.#list.map((m) => m.spec.name));
    if (base !== "Model" && !names.has(base)) return base;
    for (let i = base === "Model" ? this.#list.length + 1 : 2; ; i++) if (!names.has(`${base} ${i}`)) return `${base} ${i}`;
  }

  /**
   * Fit the selected model on the table in the worker pool. With `restart` (live results), a fit
   * of this model that is still running is cancelled and this one replaces it.
   */
  async fit(data: DataRef, options: { readonly restart?: boolean } = {}): Promise<void> {
    const { tableId } = data;
    const version = data.version ?? 0;
    const entry = this.selected;
    if (entry.problem || !entry.spec.formula.trim()) return;
    if (entry.status === "fitting") {
      if (!options.restart) return;
      controllers.get(entry.id)?.abort();
    }
    const controller = new AbortController();
    controllers.set(entry.id, controller);
    const current = () => controllers.get(entry.id) === controller;
    const spec = entry.spec;
    fittingSpecs.set(entry.id, spec);
    this.#update(entry.id, (m) => ({ ...m, status: "fitting", error: null, progress: { message: "Starting…", fraction: null } }));
    const onProgress = (e: ProgressEvent) => current() && this.#update(entry.id, (m) => ({ ...m, progress: { message: e.message, fraction: e.fraction } }));
    try {
      const result = await api.request("fit", { tableId, spec: fitOptionsOf(spec) }, { onProgress, signal: controller.signal });
      if (!current()) return; // replaced by a newer fit, which reports instead
      this.#update(entry.id, (m) => {
        if (result.ok) {
          const posthoc = m.posthoc?.map((a) => ({ request: a.request, result: null }));
          const fresh = { status: "idle" as const, result: result.value, basis: { tableId, version, spec, fittedAt: new Date().toISOString() }, progress: null };
          return { ...m, ...fresh, posthoc, optimizerCheck: null, inference: null };
        }
        const cancelled = result.error.name === "Cancelled";
        return { ...m, status: cancelled ? "cancelled" : "failed", error: cancelled ? null : result.error.message, progress: null };
      });
    } finally {
      if (current()) controllers.delete(entry.id);
    }
  }

  /** The spec the model's latest fit was started from (running or ended), if any. */
  lastFitSpec(id: string): ModelSpec | null {
    return fittingSpecs.get(id) ?? null;
  }

  /** True when the two specs fit the same model (names aside). */
  sameModel(a: ModelSpec, b: ModelSpec): boolean {
    return sameSpec(a, b);
  }

  cancel(id: string): void {
    controllers.get(id)?.abort();
  }

  /**
   * Guided fix: a new model (after the source in the list, named after the step) with the simpler
   * formula, the step recorded in its state, selected and fitted on the source fit's data.
   */
  async applyGuidedFix(sourceId: string, suggestion: Suggestion, causes: readonly Cause[], data: DataRef): Promise<void> {
    const source = this.#list.find((m) => m.id === sourceId);
    if (!source) return;
    const from = source.basis?.spec ?? source.spec;
    // Short and distinct: "Model 2b" from "Model 2" (the step shows as a subtitle in the model list).
    const name = guidedFixName(source.spec.name, this.#list.map((m) => m.spec.name));
    const guidedStep: GuidedFixStep = {
      fromModel: source.spec.name,
      fromFormula: from.formula,
      causes: causes.map((c) => c.message),
      action: suggestion.action,
      reason: suggestion.reason,
      formula: suggestion.formula,
      at: new Date().toISOString(),
    };
    const entry: ModelEntry = { ...entryOf({ ...from, name, formula: suggestion.formula }), guidedStep };
    const at = this.#list.indexOf(source) + 1;
    this.#list = [...this.#list.slice(0, at), entry, ...this.#list.slice(at)];
    this.#selectedId = entry.id;
    await this.fit(data);
  }

  /**
   * A post-hoc analysis the user ran on a model's current fit: kept (the latest last, replacing
   * an earlier one of the same factors) so the project file and the report have it.
   */
  recordPosthoc(id: string, request: PosthocSpec, result: EmmeansView): void {
    const key = posthocKey(request);
    this.#update(id, (m) => {
      const last = m.posthoc?.at(-1);
      if (last && last.result === result) return m;
      return { ...m, posthoc: [...(m.posthoc ?? []).filter((a) => posthocKey(a.request) !== key), { request, result }] };
    });
  }

  /** The allFit-style refits of a model's current fit (kept for the project file and the report). */
  recordOptimizerCheck(id: string, comparison: OptimizerComparison): void {
    this.#update(id, (m) => (m.optimizerCheck === comparison ? m : { ...m, optimizerCheck: comparison }));
  }

  /**
   * One of issue 19's analyses of a model's current fit (ranova, J-N, standardized effects,
   * bootstrap), kept beside the others for the project file and the report.
   */
  recordInference<K extends keyof InferenceResults>(id: string, kind: K, value: NonNullable<InferenceResults[K]>): void {
    this.#update(id, (m) => (m.inference?.[kind] === value ? m : { ...m, inference: { ...m.inference, [kind]: value } }));
  }

  /** Likelihood-ratio comparison of the chosen models (refitted by ML in the back end). */
  async compare(ids: readonly string[], tableId: string): Promise<void> {
    const chosen = this.#list.filter((m) => ids.includes(m.id));
    this.#comparing = true;
    this.#compareError = null;
    try {
      const result = await api.request("compare", { tableId, specs: chosen.map((m) => fitOptionsOf(m.spec)) });
      if (result.ok) this.#comparison = { names: chosen.map((m) => m.spec.name), result: result.value };
      else this.#compareError = result.error.message;
    } finally {
      this.#comparing = false;
    }
  }

  /** Specs and last fits; `current` compares each fit's data with `data` (the table as saved). */
  snapshot(data: DataRef | null): ModelsSnapshot {
    return {
      models: this.#list.map((m): ModelSnapshot => {
        const extra = { guidedStep: m.guidedStep ?? null, posthoc: m.posthoc ?? [], optimizerCheck: m.optimizerCheck ?? null };
        if (!m.result || !m.basis) return { spec: m.spec, result: null, ...extra, posthoc: extra.posthoc.map((a) => ({ request: a.request, result: null })), optimizerCheck: null };
        const current = m.basis.tableId === data?.tableId && m.basis.version === (data.version ?? 0);
        // Inference of a fit made on other data no longer describes the saved data: not saved.
        const inference = current && m.inference ? { inference: m.inference } : {};
        return { spec: m.spec, result: { view: m.result, fittedSpec: m.basis.spec, current, fittedAt: m.basis.fittedAt }, ...extra, ...inference };
      }),
      selected: Math.max(0, this.#list.findIndex((m) => m.id === this.#selectedId)),
    };
  }

  /** Replace the models; fits that were current are current for `data` (the restored table). */
  restore(snapshot: ModelsSnapshot, data: DataRef | null): void {
    for (const c of controllers.values()) c.abort();
    const list = snapshot.models.map((m) => {
      const saved = {
        ...(m.guidedStep ? { guidedStep: m.guidedStep } : {}),
        ...(m.posthoc?.length ? { posthoc: m.posthoc } : {}),
        ...(m.optimizerCheck && m.result ? { optimizerCheck: m.optimizerCheck } : {}),
        ...(m.inference && m.result ? { inference: m.inference } : {}),
      };
      const r = m.result;
      if (!r) return { ...entryOf(m.spec), ...saved };
      const basis: FitBasis =
        r.current && data
          ? { tableId: data.tableId, version: data.version ?? 0, spec: r.fittedSpec, fittedAt: r.fittedAt }
          : { tableId: "", version: -1, spec: r.fittedSpec, fittedAt: r.fittedAt };
      return { ...entryOf(m.spec, r.view, basis), ...saved };
    });
    this.#list = list.length ? list : [entryOf(defaultSpec("Model 1"))];
    this.#selectedId = this.#list[Math.min(snapshot.selected, this.#list.length - 1)].id;
    this.#comparison = null;
  }
}

export const models = new Models();

/** For the project file: the models' specs and last results; `data` is the table being saved. */
export function snapshotModels(data: DataRef | null): ModelsSnapshot {
  return models.snapshot(data);
}

/** After opening a project: its models; `data` is the restored table (fits saved as current stay current). */
export function restoreModels(snapshot: ModelsSnapshot, data: DataRef | null): void {
  models.restore(snapshot, data);
}
