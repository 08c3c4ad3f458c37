/**
 * A small layout layer over pdfkit for the report: headings, paragraphs, key–value lines, tables
 * that break across pages (repeating their header), code blocks, and boxes for plots, all on A4
 * with the embedded fonts. Keeps the cursor and adds pages when the next block does not fit.
 */
import PDFDocument from "pdfkit";
import type { FormattedTable } from "../format-table";
import type { ReportFonts } from "./fonts";

export const PAGE = { width: 595.28, height: 841.89, margin: 56 } as const;
const BOTTOM = PAGE.height - PAGE.margin;
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const INK = "#1a1a1a";
const MUTED = "#555555";
const RULE = "#333333";

export class ReportWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly #chunks: Buffer[] = [];
  readonly #done: Promise<void>;

  constructor(fonts: ReportFonts, info: { title: string; date: Date }) {
    this.doc = new PDFDocument({
      size: "A4",
      margin: PAGE.margin,
      font: "",
      bufferPages: true,
      info: { Title: info.title, Creator: "Mixwell", Producer: "Mixwell (pdfkit)", CreationDate: info.date },
    });
    this.doc.registerFont("Regular", Buffer.from(fonts.regular));
    this.doc.registerFont("Bold", Buffer.from(fonts.bold));
    this.doc.registerFont("Mono", Buffer.from(fonts.mono));
    this.doc.font("Regular").fontSize(9.5).fillColor(INK);
    this.doc.on("data", (chunk: Buffer) => this.#chunks.push(chunk));
    this.#done = new Promise((resolve, reject) => {
      this.doc.on("end", () => resolve());
      this.doc.on("error", reject);
    });
  }

  get y(): number {
    return this.doc.y;
  }

  /** Start a new page unless `height` points still fit on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > BOTTOM) this.doc.addPage();
  }

  title(text: string, subtitle: string): void {
    this.doc.font("Bold").fontSize(18).fillColor(INK).text(text, PAGE.margin, this.doc.y, { width: CONTENT_WIDTH });
    this.doc.font("Regular").fontSize(10).fillColor(MUTED).text(subtitle, { width: CONTENT_WIDTH });
    this.doc.moveDown(0.8).fillColor(INK);
  }

  heading(text: string, level: 1 | 2 = 1): void {
    const size = level === 1 ? 14 : 11;
    this.ensureSpace(size * 4);
    this.doc.moveDown(level === 1 ? 0.8 : 0.5);
    this.doc.font("Bold").fontSize(size).fillColor(INK).text(text, PAGE.margin, this.doc.y, { width: CONTENT_WIDTH });
    this.doc.moveDown(0.3).font("Regular").fontSize(9.5);
  }

  paragraph(text: string, options: { muted?: boolean } = {}): void {
    this.doc.font("Regular").fontSize(9.5).fillColor(options.muted ? MUTED : INK);
    this.ensureSpace(this.doc.heightOfString(text, { width: CONTENT_WIDTH }) + 4);
    this.doc.text(text, PAGE.margin, this.doc.y, { width: CONTENT_WIDTH });
    this.doc.moveDown(0.3).fillColor(INK);
  }

  /** "Label: value" lines with the labels in bold. */
  keyValues(rows: readonly (readonly [string, string])[]): void {
    for (const [key, value] of rows) {
      this.ensureSpace(14);
      this.doc.font("Bold").fontSize(9.5).text(`${key}: `, PAGE.margin, this.doc.y, { continued: true, width: CONTENT_WIDTH });
      this.doc.font("Regular").text(value);
    }
    this.doc.moveDown(0.3);
  }

  bullets(items: readonly string[]): void {
    for (const item of items) this.paragraph(`•  ${item}`);
  }

  code(text: string): void {
    this.doc.font("Mono").fontSize(7.5);
    for (const line of text.trimEnd().split("\n")) {
      const h = this.doc.heightOfString(line || " ", { width: CONTENT_WIDTH - 12 });
      this.ensureSpace(h + 2);
      this.doc.fillColor(INK).text(line || " ", PAGE.margin + 6, this.doc.y, { width: CONTENT_WIDTH - 12 });
    }
    this.doc.moveDown(0.5).font("Regular").fontSize(9.5);
  }

  /** A table with rules above and below the header and at the end (APA's layout); breaks across pages. */
  table(table: FormattedTable, options: { caption?: string } = {}): void {
    const doc = this.doc;
    const fontSize = 8.5;
    const pad = 6;
    const widths = this.#columnWidths(table, fontSize, pad);
    const rowHeight = fontSize + 5;
    this.ensureSpace(rowHeight * Math.min(table.rows.length + 3, 6));
    doc.font("Bold").fontSize(9.5).text(table.title, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
    if (options.caption) doc.font("Regular").fontSize(8.5).fillColor(MUTED).text(options.caption, { width: CONTENT_WIDTH }).fillColor(INK);
    doc.moveDown(0.2);
    const drawHeader = () => {
      this.#rule(doc.y);
      this.#row(table.header, widths, table, fontSize, pad, true);
      this.#rule(doc.y);
    };
    drawHeader();
    for (const row of table.rows) {
      if (doc.y + rowHeight > BOTTOM) {
        doc.addPage();
        drawHeader();
      }
      this.#row(row, widths, table, fontSize, pad, false);
    }
    this.#rule(doc.y);
    doc.moveDown(0.8).font("Regular").fontSize(9.5);
  }

  #columnWidths(table: FormattedTable, fontSize: number, pad: number): number[] {
    const doc = this.doc;
    const widths = table.header.map((h) => doc.font("Bold").fontSize(fontSize).widthOfString(h) + 2 * pad);
    doc.font("Regular").fontSize(fontSize);
    for (const row of table.rows) row.forEach((c, j) => (widths[j] = Math.max(widths[j], doc.widthOfString(c) + 2 * pad)));
    const total = widths.reduce((a, b) => a + b, 0);
    // Too wide: shrink the text columns (they wrap); wide enough: keep natural widths.
    // A text column never gets narrower than its longest word, so cells wrap at spaces, never
    // inside a word ("categ/ory").
    if (total > CONTENT_WIDTH) {
      const excess = total - CONTENT_WIDTH;
      const textTotal = widths.reduce((a, w, j) => a + (table.textColumn[j] ? w : 0), 0);
      return widths.map((w, j) => (table.textColumn[j] && textTotal > 0 ? Math.max(40, this.#longestWord(table, j, fontSize) + 2 * pad, w - (excess * w) / textTotal) : w));
    }
    return widths;
  }

  #longestWord(table: FormattedTable, j: number, fontSize: number): number {
    const doc = this.doc;
    let longest = doc.font("Bold").fontSize(fontSize).widthOfString(table.header[j].split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), ""));
    doc.font("Regular").fontSize(fontSize);
    for (const row of table.rows) for (const word of (row[j] ?? "").split(/\s+/)) longest = Math.max(longest, doc.widthOfString(word));
    return longest;
  }

  #row(cells: readonly string[], widths: readonly number[], table: FormattedTable, fontSize: number, pad: number, header: boolean): void {
    const doc = this.doc;
    const top = doc.y + 2;
    let x = PAGE.margin;
    let bottom = top;
    cells.forEach((cell, j) => {
      const font = header ? (table.italicHeader[j] ? "Regular" : "Bold") : "Regular";
      doc.font(font).fontSize(fontSize).fillColor(INK);
      const options = { width: widths[j] - 2 * pad, align: table.textColumn[j] ? "left" : "right", oblique: header && table.italicHeader[j] } as const;
      doc.text(cell, x + pad, top, options);
      bottom = Math.max(bottom, doc.y);
      x += widths[j];
    });
    doc.y = bottom + 2;
    doc.x = PAGE.margin;
  }

  #rule(y: number): void {
    const right = PAGE.width - PAGE.margin;
    this.doc.save().moveTo(PAGE.margin, y).lineTo(right, y).lineWidth(0.6).strokeColor(RULE).stroke().restore();
    this.doc.y = y + 1;
  }

  /** Draw into a block `height` points tall (on a new page if needed); the cursor ends below it. */
  block<T>(height: number, draw: (top: number) => T): T {
    this.ensureSpace(height);
    const top = this.doc.y;
    const out = draw(top);
    this.doc.y = top + height;
    this.doc.x = PAGE.margin;
    return out;
  }

  /** Page numbers in the footer, then the finished file. */
  async finish(footer: string): Promise<Uint8Array> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      this.doc.page.margins.bottom = 0; // the footer sits in the margin; without this pdfkit would start a page
      const text = `${footer} — page ${i + 1} of ${range.count}`;
      this.doc.font("Regular").fontSize(7.5).fillColor(MUTED);
      this.doc.text(text, PAGE.margin, PAGE.height - PAGE.margin + 18, { width: CONTENT_WIDTH, align: "center", lineBreak: false });
    }
    this.doc.end();
    await this.#done;
    return new Uint8Array(Buffer.concat(this.#chunks));
  }
}

export const CONTENT = { left: PAGE.margin, width: CONTENT_WIDTH } as const;
