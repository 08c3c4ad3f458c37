/**
 * Deterministic benchmark data sets (seeded PRNG), as DataTables so the benchmark runs the same
 * path as the app (model frame, then fit), and as CSV for timing lme4 on identical data.
 */
import type { DataTable, Column } from "../app/data";

/** mulberry32: small, fast, good enough for synthetic data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rnd: () => number): () => number {
  return () => {
    const u = Math.max(rnd(), 1e-300);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  };
}

function categorical(name: string, codes: Int32Array, nl: number, prefix: string): Column {
  const width = String(nl).length;
  const levels = Array.from({ length: nl }, (_, i) => `${prefix}${String(i + 1).padStart(width, "0")}`);
  return { kind: "categorical", name, codes, levels };
}

export interface BenchData {
  readonly table: DataTable;
  readonly formula: string;
  readonly reml: boolean;
  readonly description: string;
}

/**
 * InstEval-shaped: 73,421 ratings (1–5) of 1,128 lecturers (d) by 2,972 students (s), lecturers
 * in 14 departments, a 4-level fixed factor (service), fitted by ML as y ~ service + (1|s) + (1|d) + (1|dept).
 */
export function instEvalShaped(seed = 20240601): BenchData {
  const n = 73421;
  const ns = 2972, nd = 1128, ndept = 14, nserv = 4;
  const rnd = prng(seed);
  const z = normal(rnd);
  const s = new Int32Array(n), d = new Int32Array(n), dept = new Int32Array(n), serv = new Int32Array(n);
  const deptOf = Int32Array.from({ length: nd }, (_, i) => i % ndept);
  const es = Float64Array.from({ length: ns }, () => 0.32 * z());
  const ed = Float64Array.from({ length: nd }, () => 0.52 * z());
  const edept = Float64Array.from({ length: ndept }, () => 0.08 * z());
  const eserv = [0, -0.07, 0.05, -0.12];
  const y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    s[r] = r < ns ? r : Math.floor(rnd() * ns);
    d[r] = r < nd ? r : Math.floor(rnd() * nd);
    dept[r] = deptOf[d[r]];
    serv[r] = Math.floor(rnd() * nserv);
    const v = 3.2 + eserv[serv[r]] + es[s[r]] + ed[d[r]] + edept[dept[r]] + 1.18 * z();
    y[r] = Math.min(5, Math.max(1, Math.round(v)));
  }
  return {
    table: {
      nrow: n,
      columns: [
        { kind: "number", name: "y", values: y },
        categorical("s", s, ns, "s"),
        categorical("d", d, nd, "d"),
        categorical("dept", dept, ndept, "dep"),
        categorical("service", serv, nserv, "sv"),
      ],
    },
    formula: "y ~ service + (1 | s) + (1 | d) + (1 | dept)",
    reml: false,
    description: "InstEval-shaped, 73,421 rows, crossed s (2,972) × d (1,128) × dept (14), ML",
  };
}

/** 1,000,000 rows, crossed factors of 5,000 and 500 levels, two numeric fixed effects, REML. */
export function millionRows(seed = 7): BenchData {
  const n = 1_000_000;
  const n1 = 5000, n2 = 500;
  const rnd = prng(seed);
  const z = normal(rnd);
  const g1 = new Int32Array(n), g2 = new Int32Array(n);
  const x1 = new Float64Array(n), x2 = new Float64Array(n), y = new Float64Array(n);
  const e1 = Float64Array.from({ length: n1 }, () => 0.8 * z());
  const e2 = Float64Array.from({ length: n2 }, () => 0.5 * z());
  for (let r = 0; r < n; r++) {
    g1[r] = r < n1 ? r : Math.floor(rnd() * n1);
    g2[r] = r < n2 ? r : Math.floor(rnd() * n2);
    x1[r] = z();
    x2[r] = rnd() * 10;
    y[r] = 1 + 0.5 * x1[r] - 0.2 * x2[r] + e1[g1[r]] + e2[g2[r]] + z();
  }
  return {
    table: {
      nrow: n,
      columns: [
        { kind: "number", name: "y", values: y },
        { kind: "number", name: "x1", values: x1 },
        { kind: "number", name: "x2", values: x2 },
        categorical("g1", g1, n1, "a"),
        categorical("g2", g2, n2, "b"),
      ],
    },
    formula: "y ~ x1 + x2 + (1 | g1) + (1 | g2)",
    reml: true,
    description: "1,000,000 rows, crossed g1 (5,000) × g2 (500), two numeric fixed effects, REML",
  };
}

/** The table as CSV text (for lme4). */
export function toCsv(table: DataTable): string {
  const header = table.columns.map((c) => c.name).join(",");
  const lines: string[] = [header];
  for (let r = 0; r < table.nrow; r++) {
    lines.push(
      table.columns
        .map((c) => (c.kind === "number" ? String(c.values[r]) : c.levels[c.codes[r]]))
        .join(","),
    );
  }
  return lines.join("\n") + "\n";
}

/**
 * InstEval's own formula on the InstEval-shaped data: the third term is dept:service (56
 * levels), as in lme4's example `y ~ service + (1|s) + (1|d) + (1|dept:service)`.
 */
export function instEvalService(seed = 20240601): BenchData {
  const base = instEvalShaped(seed);
  return {
    ...base,
    formula: "y ~ service + (1 | s) + (1 | d) + (1 | dept:service)",
    description: "InstEval-shaped, 73,421 rows, crossed s (2,972) × d (1,128) × dept:service (56), ML",
  };
}

/** A benchmark data set by name. */
export function benchData(name: string): BenchData {
  if (name === "insteval") return instEvalShaped();
  if (name === "insteval-service") return instEvalService();
  if (name === "million") return millionRows();
  throw new Error(`Unknown data set '${name}' (insteval, insteval-service, million)`);
}

/** A generated CSV of `rows` rows: `numeric` number columns x1… (~1% NA), then `categorical` columns g1… of level names (bench/import.ts, bench/gui-import.ts). */
export function makeCsv(rows: number, numeric: number, categorical: number, seed: number): Uint8Array {
  const rnd = prng(seed);
  const header = [...Array.from({ length: numeric }, (_, j) => `x${j + 1}`), ...Array.from({ length: categorical }, (_, j) => `g${j + 1}`)];
  const lines = [header.join(",")];
  for (let i = 0; i < rows; i++) {
    const cells: string[] = [];
    for (let j = 0; j < numeric; j++) cells.push(rnd() < 0.01 ? "NA" : (rnd() * 1000 - 500).toFixed(3));
    for (let j = 0; j < categorical; j++) cells.push(`level${Math.floor(rnd() * (10 + 40 * j))}`);
    lines.push(cells.join(","));
  }
  return new TextEncoder().encode(lines.join("\n") + "\n");
}
