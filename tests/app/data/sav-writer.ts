/**
 * A minimal SPSS system-file writer for tests, following the PSPP Developers Guide ("System File
 * Format"): header, variable records (with continuation records for strings over 8 bytes),
 * value labels, long variable names (extension 13), UTF-8 encoding (extension 20), and cases
 * either uncompressed or bytecode-compressed (bias 100). Checked: R's foreign::read.spss reads its
 * files to the same data frame (labels as factor levels, -99 user-missing as NA, long names).
 */
export interface SavVar {
  readonly name: string;
  /** 0 numeric, else string width. */
  readonly width: number;
  readonly values: readonly (number | string | null)[];
  readonly labels?: readonly [number, string][];
  readonly missing?: readonly number[];
}

export function writeSav(vars: readonly SavVar[], compressed: boolean): Uint8Array {
  const out: number[] = [];
  const enc = new TextEncoder();
  const i32 = (x: number) => { const b = new DataView(new ArrayBuffer(4)); b.setInt32(0, x, true); out.push(...new Uint8Array(b.buffer)); };
  const f64 = (x: number) => { const b = new DataView(new ArrayBuffer(8)); b.setFloat64(0, x, true); out.push(...new Uint8Array(b.buffer)); };
  const text = (s: string, n: number) => { const b = enc.encode(s); for (let k = 0; k < n; k++) out.push(k < b.length ? b[k]! : 0x20); };
  const segs = (v: SavVar) => (v.width === 0 ? 1 : Math.ceil(v.width / 8));
  const nrow = vars[0]!.values.length;
  text("$FL2", 4); text("@(#) Mixwell test writer", 60);
  i32(2); i32(vars.reduce((s, v) => s + segs(v), 0)); i32(compressed ? 1 : 0); i32(0); i32(nrow); f64(100);
  text("01 Jan 24", 9); text("12:00:00", 8); text("", 64); text("", 3);
  const shortName = (k: number) => `V${k + 1}`;
  const indexOf: number[] = [];
  let seg = 1;
  vars.forEach((v, k) => {
    indexOf.push(seg);
    const format = v.width === 0 ? 0x050802 : (1 << 16) | (v.width << 8); // F8.2 or A<width>
    i32(2); i32(v.width); i32(0); i32(v.missing?.length ?? 0); i32(format); i32(format); text(shortName(k), 8);
    for (const m of v.missing ?? []) f64(m);
    for (let s = 1; s < segs(v); s++) { i32(2); i32(-1); i32(0); i32(0); i32(0); i32(0); text("", 8); }
    seg += segs(v);
  });
  vars.forEach((v, k) => {
    if (!v.labels) return;
    i32(3); i32(v.labels.length);
    for (const [value, label] of v.labels) {
      f64(value);
      const b = enc.encode(label);
      out.push(b.length, ...b);
      for (let p = 0; p < (8 - ((b.length + 1) % 8)) % 8; p++) out.push(0x20);
    }
    i32(4); i32(1); i32(indexOf[k]!);
  });
  const longNames = enc.encode(vars.map((v, k) => `${shortName(k)}=${v.name}`).join("\t"));
  i32(7); i32(13); i32(1); i32(longNames.length); out.push(...longNames);
  const utf8 = enc.encode("UTF-8");
  i32(7); i32(20); i32(1); i32(utf8.length); out.push(...utf8);
  i32(999); i32(0);
  const data: { code: number; raw?: number[] }[] = [];
  for (let i = 0; i < nrow; i++) {
    for (const v of vars) {
      const x = v.values[i];
      if (v.width === 0) {
        const n = x === null ? -Number.MAX_VALUE : (x as number);
        const raw = Array.from(new Uint8Array(new Float64Array([n]).buffer));
        if (x === null) data.push({ code: 255, raw });
        else if (Number.isInteger(n) && n >= -99 && n <= 151) data.push({ code: n + 100, raw });
        else data.push({ code: 253, raw });
      } else {
        const b = enc.encode(String(x ?? ""));
        for (let s = 0; s < segs(v); s++) {
          const raw = Array.from({ length: 8 }, (_, k) => b[s * 8 + k] ?? 0x20);
          data.push({ code: raw.every((c) => c === 0x20) ? 254 : 253, raw });
        }
      }
    }
  }
  if (!compressed) {
    for (const d of data) out.push(...d.raw!);
    return Uint8Array.from(out);
  }
  data.push({ code: 252 });
  for (let k = 0; k < data.length; k += 8) {
    const block = data.slice(k, k + 8);
    out.push(...block.map((d) => d.code), ...new Array(8 - block.length).fill(0));
    for (const d of block) if (d.code === 253) out.push(...d.raw!);
  }
  return Uint8Array.from(out);
}
