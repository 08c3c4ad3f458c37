/** The PDF report (pdfkit, Node only: imported by main/, never by the renderer). */
export { buildReportPdf } from "./report";
export type { ReportOptions } from "./report";
export { loadReportFonts } from "./fonts";
export type { ReportFonts } from "./fonts";
