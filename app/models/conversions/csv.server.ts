/**
 * Conversions from a CRM or GA4 export: a CSV with the columns code (or utm_content), kind, value,
 * currency, time and optionally id. Every row is checked (shape, link, currency, time, ids
 * repeated in the file) before anything is written; one bad row and nothing is imported, and the
 * report lists each bad row with what is wrong. A row without an id gets one from its content,
 * so uploading the same file twice records each conversion once.
 */
import Papa from "papaparse";
import type { DB } from "~/utils/db.server";
import { sha256 } from "~/utils/crypto.server";
import { parseLocalDate, parseLocalDateTime } from "~/models/core/dates";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { recordAudit } from "~/models/audit/record.server";
import { inTransaction } from "~/utils/db.server";
import { conversionContext, conversionProblems, ConversionShape, writeConversions, type ConversionInput } from "./record.server";

export const MAX_CSV_BYTES = 512 * 1024;
export const MAX_CSV_ROWS = 5000;

const COLUMNS = {
  code: ["code", "utm_content", "link", "codigo", "código"],
  kind: ["kind", "type", "event", "tipo"],
  value: ["value", "amount", "revenue", "valor", "importe"],
  currency: ["currency", "moneda", "divisa"],
  time: ["time", "occurred_at", "timestamp", "date", "fecha"],
  id: ["id", "event_id", "transaction_id", "lead_id"],
} as const;
type Column = keyof typeof COLUMNS;

const KINDS: Record<string, ConversionInput["kind"]> = {
  lead: "lead",
  "sign-up": "signup",
  signup: "signup",
  sign_up: "signup",
  registro: "signup",
  sale: "sale",
  purchase: "sale",
  venta: "sale",
};

export interface CsvRowError {
  line: number;
  code: string;
  /** Translation keys under conversions.errors. */
  errors: string[];
}

export type CsvImportResult =
  | { ok: true; recorded: number; duplicates: number; rows: number }
  | { ok: false; error: string }
  | { ok: false; error: "conversions.csv.rowsRefused"; rowErrors: CsvRowError[]; rows: number };

function parseValue(raw: string): number | null | undefined {
  const text = raw.trim();
  if (!text) return null;
  const normalised = text.includes(".") ? text : text.replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return undefined;
  return Number(normalised);
}

function parseTime(raw: string, timeZone: string): number | null {
  const text = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const at = Date.parse(text);
    return Number.isNaN(at) ? null : at;
  }
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?$/.exec(text);
  if (local) return parseLocalDateTime(`${local[1]}T${local[2]}`, timeZone);
  return parseLocalDate(text, timeZone);
}

function columnsOf(header: string[]): Partial<Record<Column, number>> | null {
  const names = header.map((h) =>
    h
      .replace(/^\uFEFF/, "")
      .trim()
      .toLowerCase(),
  );
  const found: Partial<Record<Column, number>> = {};
  for (const [column, aliases] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const index = names.findIndex((n) => aliases.includes(n));
    if (index >= 0) found[column] = index;
  }
  return found.code === undefined || found.kind === undefined || found.time === undefined ? null : found;
}

/** One row as an event, or its problems (shape only; the link and the currency are checked later). */
function rowToInput(cells: string[], columns: Partial<Record<Column, number>>, timeZone: string) {
  const cell = (c: Column) => (columns[c] === undefined ? "" : (cells[columns[c]!] ?? "").trim());
  const value = parseValue(cell("value"));
  const occurredAt = parseTime(cell("time"), timeZone);
  const kind = KINDS[cell("kind").toLowerCase()];
  const currency = cell("currency") || null;
  const eventId = cell("id") || `csv:${sha256([cell("code"), kind ?? "", cell("value"), currency ?? "", cell("time")].join("|"))}`;
  const errors: string[] = [];
  if (value === undefined) errors.push("conversions.errors.value");
  if (occurredAt === null) errors.push("conversions.errors.occurredAt");
  if (!kind) errors.push("conversions.errors.kind");
  const parsed = ConversionShape.safeParse({
    eventId,
    code: cell("code"),
    kind: kind ?? "lead",
    value: value ?? null,
    currency,
    occurredAt: occurredAt ?? 0,
  });
  if (!parsed.success) for (const issue of parsed.error.issues) errors.push(`conversions.errors.${String(issue.path[0])}`);
  // A row with a shape problem is not checked against the links (its placeholders would add false problems).
  return { code: cell("code"), input: parsed.success && errors.length === 0 ? parsed.data : null, errors: [...new Set(errors)] };
}

/** Checks every row, then writes all of them in one transaction, or none. */
export async function importConversionsCsv(
  db: DB,
  source: string,
  actor: { id: string; filename: string },
  now = Date.now(),
): Promise<CsvImportResult> {
  const parsed = Papa.parse<string[]>(source.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const [header, ...lines] = parsed.data;
  const columns = header ? columnsOf(header) : null;
  if (!columns) return { ok: false, error: "conversions.csv.badHeader" };
  if (lines.length === 0) return { ok: false, error: "conversions.csv.empty" };
  if (lines.length > MAX_CSV_ROWS) return { ok: false, error: "conversions.csv.tooManyRows" };
  const timeZone = await getOrganisationTimeZone(db);
  const rows = lines.map((cells) => rowToInput(cells, columns, timeZone));
  const context = await conversionContext(
    db,
    rows.flatMap((r) => (r.input ? [r.input.code] : [])),
    now,
  );
  const seen = new Set<string>();
  const rowErrors: CsvRowError[] = [];
  rows.forEach((row, index) => {
    const errors = [...row.errors];
    if (row.input) {
      errors.push(...conversionProblems(row.input, context).map((p) => p.message));
      if (seen.has(row.input.eventId)) errors.push("conversions.errors.repeatedId");
      seen.add(row.input.eventId);
    }
    if (errors.length) rowErrors.push({ line: index + 2, code: row.code, errors: [...new Set(errors)] });
  });
  if (rowErrors.length) return { ok: false, error: "conversions.csv.rowsRefused", rowErrors, rows: rows.length };
  const inputs = rows.map((r) => r.input!);
  return inTransaction(db, async (trx) => {
    const written = await writeConversions(trx, inputs, context, "csv");
    await recordAudit(
      trx,
      {
        actorId: actor.id,
        action: "conversions.imported",
        target: { type: "conversion_import", id: null, label: actor.filename },
        after: { rows: inputs.length, recorded: written.recorded },
      },
      now,
    );
    return { ok: true as const, recorded: written.recorded, duplicates: written.duplicates, rows: inputs.length };
  });
}
