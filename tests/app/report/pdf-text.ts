// A PDF's text for report tests, white space folded (lines wrap where the page is full: compare words, not line breaks).
import { PDFParse } from "pdf-parse";

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text.replace(/\s+/g, " ");
  } finally {
    await parser.destroy();
  }
}
