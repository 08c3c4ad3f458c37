/**
 * The last few files sent for import, by id, so that changing an option in the import preview
 * (delimiter, missing codes, sheet) and then importing does not send a large file again.
 */
import { randomUUID } from "node:crypto";
import { MixwellError } from "../../app/errors";

export class UploadCache {
  readonly #files = new Map<string, Uint8Array>();
  constructor(private readonly capacity = 2) {}

  add(bytes: Uint8Array): string {
    const id = randomUUID();
    this.#files.set(id, bytes);
    for (const key of this.#files.keys()) {
      if (this.#files.size <= this.capacity) break;
      this.#files.delete(key);
    }
    return id;
  }

  get(id: string): Uint8Array {
    const bytes = this.#files.get(id);
    if (!bytes) throw new MixwellError("The file is no longer in memory. Choose it again with File → Import data….");
    return bytes;
  }

  /** The bytes of a request: sent now (and remembered), or sent before under `uploadId`. */
  resolve(request: { readonly contentBase64?: string; readonly content?: Uint8Array; readonly uploadId?: string }): { bytes: Uint8Array; uploadId: string } {
    if (request.uploadId !== undefined) return { bytes: this.get(request.uploadId), uploadId: request.uploadId };
    if (request.content !== undefined) return { bytes: request.content, uploadId: this.add(request.content) };
    if (request.contentBase64 === undefined) throw new MixwellError("Invalid request: the file's contents are missing.");
    const bytes = new Uint8Array(Buffer.from(request.contentBase64, "base64"));
    return { bytes, uploadId: this.add(bytes) };
  }
}
