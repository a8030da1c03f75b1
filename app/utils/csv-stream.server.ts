import Papa from "papaparse";

const CHUNK = 1_000;

/**
 * A CSV download written as a stream, a thousand rows per chunk: a big export neither builds one
 * huge string nor holds the event loop while it is serialised. Starts with a BOM so spreadsheet
 * programs read UTF-8; cells that look like formulas are escaped.
 */
export function csvResponse(filename: string, fields: string[], rows: readonly unknown[], toCells: (row: never) => unknown[]): Response {
  const encoder = new TextEncoder();
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${Papa.unparse([fields], { escapeFormulae: true })}\r\n`));
    },
    pull(controller) {
      if (index >= rows.length) {
        controller.close();
        return;
      }
      const part = rows.slice(index, index + CHUNK).map((r) => toCells(r as never));
      index += CHUNK;
      controller.enqueue(encoder.encode(`${Papa.unparse(part, { escapeFormulae: true })}\r\n`));
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
