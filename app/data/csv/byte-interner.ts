/**
 * Distinct byte strings → dense codes 0, 1, 2, … in order of first appearance, without making a
 * JavaScript string per cell: the CSV byte reader interns every text cell of a large file
 * (10 million rows, 50,000 levels) here and decodes only the distinct keys once at the end.
 * Open addressing with linear probing over FNV-1a hashes; keys are copied into one byte pool.
 */
export class ByteInterner {
  private slots: Int32Array = new Int32Array(1024).fill(-1);
  private hashes: Uint32Array = new Uint32Array(1024);
  private pool: Uint8Array = new Uint8Array(4096);
  private poolUsed = 0;
  private starts: Int32Array = new Int32Array(256);
  private keyHash: Uint32Array = new Uint32Array(256);
  size = 0;

  /** The code of bytes[s, e), adding it when new. */
  intern(bytes: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    h >>>= 0;
    const mask = this.slots.length - 1;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const code = this.slots[p]!;
      if (code < 0) return this.add(bytes, s, e, h, p);
      if (this.hashes[p] === h && this.equals(code, bytes, s, e)) return code;
    }
  }

  /** The bytes of key `code` (a view into the pool, valid until the next intern). */
  key(code: number): Uint8Array {
    return this.pool.subarray(this.starts[code]!, this.starts[code + 1]!);
  }

  private equals(code: number, bytes: Uint8Array, s: number, e: number): boolean {
    const a = this.starts[code]!;
    if (this.starts[code + 1]! - a !== e - s) return false;
    for (let i = 0; i < e - s; i++) if (this.pool[a + i] !== bytes[s + i]) return false;
    return true;
  }

  private add(bytes: Uint8Array, s: number, e: number, h: number, p: number): number {
    const code = this.size++;
    if (this.poolUsed + (e - s) > this.pool.length) this.pool = grow(this.pool, this.poolUsed + (e - s));
    this.pool.set(bytes.subarray(s, e), this.poolUsed);
    if (code + 2 > this.starts.length) {
      this.starts = grow(this.starts, code + 2);
      this.keyHash = grow(this.keyHash, code + 2);
    }
    this.starts[code] = this.poolUsed;
    this.poolUsed += e - s;
    this.starts[code + 1] = this.poolUsed;
    this.keyHash[code] = h;
    this.slots[p] = code;
    this.hashes[p] = h;
    if (this.size * 2 > this.slots.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const n = this.slots.length * 2;
    this.slots = new Int32Array(n).fill(-1);
    this.hashes = new Uint32Array(n);
    const mask = n - 1;
    for (let code = 0; code < this.size; code++) {
      const h = this.keyHash[code]!;
      let p = h & mask;
      while (this.slots[p]! >= 0) p = (p + 1) & mask;
      this.slots[p] = code;
      this.hashes[p] = h;
    }
  }
}

function grow<T extends Uint8Array | Int32Array | Uint32Array>(a: T, need: number): T {
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}
