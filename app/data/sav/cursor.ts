/** Reading a .sav file's bytes in order, in the file's byte order (detected from its header). */
import { MixwellError } from "../../errors";

export class SavCursor {
  readonly #view: DataView;
  #at = 0;
  littleEndian = true;

  constructor(private readonly bytes: Uint8Array) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get position(): number {
    return this.#at;
  }
  remaining(): number {
    return this.bytes.length - this.#at;
  }

  #need(n: number): void {
    // A damaged count (negative, or a product that overflowed) must not move the cursor backwards.
    if (!Number.isSafeInteger(n) || n < 0) throw new MixwellError("The SPSS file is damaged: it gives a negative or impossible length.");
    if (this.#at + n > this.bytes.length) throw new MixwellError("The SPSS file ends too early; it may be damaged.");
  }

  int32(): number {
    this.#need(4);
    const x = this.#view.getInt32(this.#at, this.littleEndian);
    this.#at += 4;
    return x;
  }

  float64(): number {
    this.#need(8);
    const x = this.#view.getFloat64(this.#at, this.littleEndian);
    this.#at += 8;
    return x;
  }

  take(n: number): Uint8Array {
    this.#need(n);
    const out = this.bytes.subarray(this.#at, this.#at + n);
    this.#at += n;
    return out;
  }

  skip(n: number): void {
    this.#need(n);
    this.#at += n;
  }

  /** Peek an int32 at an absolute offset in a given byte order (for the layout code). */
  int32At(offset: number, littleEndian: boolean): number {
    return this.#view.getInt32(offset, littleEndian);
  }
}
