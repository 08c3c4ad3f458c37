/** Which reader a file needs: by its first bytes (zip → .xlsx, "$FL2" → SPSS), then its name. */
import { MixwellError } from "../../errors";
import type { ImportFormat } from "./types";

export function detectFormat(fileName: string, bytes: Uint8Array): ImportFormat {
  const lower = fileName.toLowerCase();
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const sav = bytes[0] === 0x24 && bytes[1] === 0x46 && bytes[2] === 0x4c && (bytes[3] === 0x32 || bytes[3] === 0x33);
  if (sav) return "sav";
  if (zip && (lower.endsWith(".xlsx") || lower.endsWith(".xlsm"))) return "xlsx";
  if (zip) throw new MixwellError("This file is a compressed (zip) archive, not a data table. Mixwell reads CSV, Excel .xlsx and SPSS .sav files.");
  if (lower.endsWith(".xls")) throw new MixwellError("Old Excel files (.xls) cannot be read. Save the sheet as .xlsx or CSV in Excel and import that.");
  if (lower.endsWith(".xlsx") || lower.endsWith(".sav")) {
    throw new MixwellError(`This file is named .${lower.split(".").pop()} but its contents are not in that format; it may be damaged.`);
  }
  return "csv";
}
