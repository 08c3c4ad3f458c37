/**
 * Reading a user-named file whole, safely: only regular files (a FIFO, `/dev/zero` or a socket
 * report size 0 and never end), at most `maxBytes` (checked on the open descriptor, so a file
 * swapped or growing after the check is still bounded), with file-system errors as messages.
 */
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { MixwellError } from "../../app/errors";

export interface ReadLimits {
  readonly maxBytes: number;
  /** What the file should be, for messages: "data file", "Mixwell project". */
  readonly what: string;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${bytes / 1024 ** 3} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

export async function readRegularFile(path: string, limits: ReadLimits): Promise<Uint8Array> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO would otherwise wait for a writer forever.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw fileError(path, err, limits);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new MixwellError(`'${path}' is a folder, not a ${limits.what}.`);
    if (!info.isFile()) throw new MixwellError(`'${path}' is not a regular file (a device, pipe or socket), so it is not a ${limits.what}.`);
    if (info.size > limits.maxBytes) throw new MixwellError(`'${path}' is larger than ${sizeText(limits.maxBytes)}; Mixwell reads a ${limits.what} of at most that size.`);
    const buffer = new Uint8Array(Math.min(info.size, limits.maxBytes) + 1);
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) {
        throw new MixwellError(`'${path}' grew while it was read beyond ${sizeText(limits.maxBytes)}; Mixwell reads a ${limits.what} of at most that size.`);
      }
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length && filled <= limits.maxBytes) {
        // The file grew after stat(): read on, still bounded by maxBytes.
        return concatRest(handle, buffer, limits, path);
      }
    }
    return buffer.subarray(0, filled);
  } catch (err) {
    throw fileError(path, err, limits);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function concatRest(handle: Awaited<ReturnType<typeof open>>, start: Uint8Array, limits: ReadLimits, path: string): Promise<Uint8Array> {
  const chunks = [start];
  let total = start.length;
  for (;;) {
    const chunk = new Uint8Array(64 * 1024);
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
    if (bytesRead === 0) break;
    total += bytesRead;
    if (total > limits.maxBytes) {
      throw new MixwellError(`'${path}' grew while it was read beyond ${sizeText(limits.maxBytes)}; Mixwell reads a ${limits.what} of at most that size.`);
    }
    chunks.push(chunk.subarray(0, bytesRead));
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function fileError(path: string, err: unknown, limits: ReadLimits): MixwellError {
  if (err instanceof MixwellError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new MixwellError(`${limits.what.endsWith("project") ? "Project" : "File"} not found: '${path}'.`);
  if (code === "EACCES" || code === "EPERM") return new MixwellError(`Mixwell may not read '${path}' (permission denied).`);
  if (code === "EISDIR") return new MixwellError(`'${path}' is a folder, not a ${limits.what}.`);
  return new MixwellError(`Could not read '${path}': ${(err as Error).message}`);
}
