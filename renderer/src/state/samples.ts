/// <reference types="vite/client" />
/**
 * The sample data files, bundled into the renderer as text (they are small: 60 KB together), so
 * File → Open sample works the same in the desktop app and in browser mode with no file access.
 */
const files = import.meta.glob("../../../app/samples/data/*.csv", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

export function sampleText(file: string): string {
  const text = files[`../../../app/samples/data/${file}`];
  if (text === undefined) throw new Error(`The sample ${file} is missing from this build.`);
  return text;
}

/** UTF-8 text → base64, as the import API takes file contents. */
export function textToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
