/**
 * A message holding typed arrays (a wire table's Float64Array numbers and Int32Array codes; a
 * file's bytes as a Uint8Array on their way to import) as one binary WebSocket frame: the message as JSON with each typed array left out, then the
 * arrays' bytes as they are in memory. A message without typed arrays stays JSON text.
 *
 * Frame layout (native byte order: both ends run on this machine, over 127.0.0.1):
 *   0..3    "MXB1"
 *   4..7    u32: byte length H of the header
 *   8..8+H  header, UTF-8 JSON: { message, arrays: [{ path, type, offset, length }] }, where
 *           `message` has null in place of each typed array and `path` lists the keys from the
 *           message down to it
 *   then    each array's bytes at `offset` (from the frame's start, a multiple of 8)
 * Decoding makes typed-array views on the frame's buffer (no copy) after checking every entry.
 */

const MAGIC = 0x3142584d; // "MXB1" read as a little-endian u32
const ALIGN = 8;

type ArrayType = "f64" | "i32" | "u8";
type Key = string | number;

interface ArrayEntry {
  readonly path: readonly Key[];
  readonly type: ArrayType;
  readonly offset: number;
  readonly length: number;
}

interface Found {
  readonly path: readonly Key[];
  readonly array: Float64Array | Int32Array | Uint8Array;
}

/** JSON text when `message` holds no typed arrays; otherwise one binary frame. */
export function encodeMessage(message: unknown): string | Uint8Array {
  const found: Found[] = [];
  const stripped = strip(message, [], found);
  if (found.length === 0) return JSON.stringify(message);
  let offset = 0;
  const placed = found.map((f) => {
    const entry = { path: f.path, type: typeOf(f.array), offset, length: f.array.length };
    offset = align(offset + f.array.byteLength);
    return entry;
  });
  // Offsets so far are relative to the end of the header; shift them once the header's size is known.
  const headerOf = (base: number) => JSON.stringify({ message: stripped, arrays: placed.map((e) => ({ ...e, offset: e.offset + base })) });
  let base = align(8 + utf8Length(headerOf(0)));
  let header = headerOf(base);
  // Larger offsets can make the header longer; a few rounds settle it.
  while (align(8 + utf8Length(header)) > base) {
    base = align(8 + utf8Length(header));
    header = headerOf(base);
  }
  const frame = new Uint8Array(base + offset);
  const view = new DataView(frame.buffer);
  view.setUint32(0, MAGIC, true);
  const written = new TextEncoder().encodeInto(header, frame.subarray(8, base)).written;
  view.setUint32(4, written, true);
  found.forEach((f, k) => frame.set(new Uint8Array(f.array.buffer, f.array.byteOffset, f.array.byteLength), base + placed[k]!.offset));
  return frame;
}

/** Whether a binary frame is one of ours (starts with the magic number). */
export function isBinaryMessage(frame: Uint8Array): boolean {
  return frame.byteLength >= 8 && new DataView(frame.buffer, frame.byteOffset, 8).getUint32(0, true) === MAGIC;
}

/** The message of a binary frame; throws Error saying what is wrong with a malformed one. */
export function decodeMessage(data: ArrayBuffer | Uint8Array): unknown {
  let frame = data instanceof Uint8Array ? data : new Uint8Array(data);
  // Views of Float64 need 8-byte alignment (Node's pooled Buffers are not always aligned). A copy
  // by set(): a Node Buffer's slice() would share the same unaligned memory.
  if (frame.byteOffset % ALIGN !== 0) {
    const aligned = new Uint8Array(frame.byteLength);
    aligned.set(frame);
    frame = aligned;
  }
  if (!isBinaryMessage(frame)) throw new Error("Not a Mixwell binary message.");
  const length = new DataView(frame.buffer, frame.byteOffset, 8).getUint32(4, true);
  if (8 + length > frame.byteLength) throw new Error("The binary message's header runs past its end.");
  const header = JSON.parse(new TextDecoder().decode(frame.subarray(8, 8 + length))) as unknown;
  if (typeof header !== "object" || header === null || !Array.isArray((header as { arrays?: unknown }).arrays)) {
    throw new Error("The binary message's header has no list of arrays.");
  }
  const { message, arrays } = header as { message: unknown; arrays: unknown[] };
  let root = message;
  for (const raw of arrays) {
    const entry = checkEntry(raw, frame.byteLength, 8 + length);
    const start = frame.byteOffset + entry.offset;
    const array =
      entry.type === "f64"
        ? new Float64Array(frame.buffer, start, entry.length)
        : entry.type === "i32"
          ? new Int32Array(frame.buffer, start, entry.length)
          : new Uint8Array(frame.buffer, start, entry.length);
    root = place(root, entry.path, array);
  }
  return root;
}

/** A copy of `value` with typed arrays replaced by null (containers copied only where one was found). */
function strip(value: unknown, path: Key[], found: Found[]): unknown {
  // Exactly Uint8Array, not a subclass such as Node's Buffer: the other end makes a Uint8Array.
  if (value instanceof Float64Array || value instanceof Int32Array || (value instanceof Uint8Array && value.constructor === Uint8Array)) {
    found.push({ path: [...path], array: value });
    return null;
  }
  if (ArrayBuffer.isView(value)) throw new Error("Only Float64Array, Int32Array and Uint8Array can be sent as binary.");
  if (typeof value !== "object" || value === null) return value;
  const before = found.length;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      if (typeof x === "object" && x !== null) {
        path.push(i);
        out[i] = strip(x, path, found);
        path.pop();
      } else out[i] = x;
    }
    return found.length > before ? out : value;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(value)) {
    path.push(k);
    // Defined, not assigned: a "__proto__" key stays plain data, never a prototype.
    Object.defineProperty(out, k, { value: strip(x, path, found), enumerable: true, writable: true, configurable: true });
    path.pop();
  }
  return found.length > before ? out : value;
}

function checkEntry(raw: unknown, frameLength: number, headerEnd: number): ArrayEntry {
  const e = raw as Partial<ArrayEntry> | null;
  if (typeof e !== "object" || e === null) throw new Error("A binary array entry is not an object.");
  if (e.type !== "f64" && e.type !== "i32" && e.type !== "u8") throw new Error(`A binary array has an unknown type '${String(e.type)}'.`);
  const { offset, length } = e;
  if (!Number.isInteger(offset) || !Number.isInteger(length) || offset! < headerEnd || length! < 0 || offset! % ALIGN !== 0) {
    throw new Error("A binary array has a bad offset or length.");
  }
  const bytes = length! * (e.type === "f64" ? 8 : e.type === "i32" ? 4 : 1);
  if (offset! + bytes > frameLength) throw new Error("A binary array runs past the end of the message.");
  if (!Array.isArray(e.path) || !e.path.every((k) => (typeof k === "string" && !UNSAFE_KEYS.has(k)) || Number.isInteger(k))) {
    throw new Error("A binary array has a bad path.");
  }
  return e as ArrayEntry;
}

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Put `array` at `path` in `root`, where the JSON holds its null placeholder. */
function place(root: unknown, path: readonly Key[], array: Float64Array | Int32Array | Uint8Array): unknown {
  if (path.length === 0) return array;
  let container: unknown = root;
  for (let k = 0; k < path.length - 1; k++) container = child(container, path[k]!);
  const last = path[path.length - 1]!;
  if (child(container, last) !== null) throw new Error("A binary array's path does not lead to its place in the message.");
  (container as Record<Key, unknown>)[last] = array;
  return root;
}

function child(container: unknown, key: Key): unknown {
  if (typeof container !== "object" || container === null || !Object.hasOwn(container, key)) {
    throw new Error("A binary array's path does not lead to its place in the message.");
  }
  return (container as Record<Key, unknown>)[key];
}

function typeOf(a: Float64Array | Int32Array | Uint8Array): ArrayType {
  return a instanceof Float64Array ? "f64" : a instanceof Int32Array ? "i32" : "u8";
}

function align(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}
