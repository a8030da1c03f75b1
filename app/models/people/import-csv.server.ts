import Papa from "papaparse";
import { z } from "zod";
import { LOCALES, ROLES, type Locale, type Role } from "#db/schema";
import { MAX_IMPORT_ROWS } from "./import-limits";
import { normaliseEmail } from "./users.server";

/** Accepted column names, English or Spanish, compared case-insensitively. */
const COLUMN_ALIASES: Record<"email" | "name" | "department" | "roles" | "language", string[]> = {
  email: ["email", "e-mail", "correo", "correo electrónico", "correo electronico"],
  name: ["name", "nombre", "full name", "nombre completo"],
  department: ["department", "departamento", "área", "area"],
  roles: ["roles", "role", "rol"],
  language: ["language", "idioma", "locale", "lengua"],
};

type Column = keyof typeof COLUMN_ALIASES;

export interface ImportRow {
  line: number;
  email: string;
  name: string;
  departmentName: string;
  roles: Role[];
  /** Whether the file gave roles for the person (otherwise `roles` is the default, employee). */
  rolesGiven: boolean;
  /** Null when the file has no language for the person (or no language column). */
  locale: Locale | null;
}

export interface RowError {
  line: number;
  email: string;
  /** Translation keys. */
  errors: string[];
}

export type ParseCsvResult = { ok: true; rows: ImportRow[]; rowErrors: RowError[]; totalRows: number } | { ok: false; error: string };

const EmailSchema = z.email();

function columnIndex(header: string[]): Partial<Record<Column, number>> {
  const normalised = header.map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/^\uFEFF/, ""),
  );
  const result: Partial<Record<Column, number>> = {};
  for (const [column, aliases] of Object.entries(COLUMN_ALIASES) as [Column, string[]][]) {
    const index = normalised.findIndex((h) => aliases.includes(h));
    if (index >= 0) result[column] = index;
  }
  return result;
}

type CsvRecord = { cells: string[]; line: number };

/** The non-blank records of the file, each with its line (blank lines and line breaks inside quoted cells counted). */
function readRecords(source: string): { records: CsvRecord[]; unreadable: boolean } {
  // The delimiter is guessed ignoring blank lines; the records are then read keeping them.
  const guess = Papa.parse<string[]>(source, { preview: 10, skipEmptyLines: "greedy" });
  const parsed = Papa.parse<string[]>(source, { delimiter: guess.meta.delimiter, skipEmptyLines: false });
  const records: CsvRecord[] = [];
  let nextLine = 1;
  for (const cells of parsed.data) {
    if (cells.some((c) => c.trim() !== "")) records.push({ cells, line: nextLine });
    nextLine += 1 + cells.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
  }
  const fatal = [...guess.errors, ...parsed.errors].find((e) => e.type === "Quotes" || e.code === "UndetectableDelimiter");
  return { records, unreadable: Boolean(fatal) && records.length < 2 };
}

/** "es", "ES", "es-ES", "Español"… → a language Altavoz speaks; undefined when not understood. */
function languageOf(cell: string): Locale | null | undefined {
  if (!cell) return null;
  const named: Record<string, Locale> = { español: "es", espanol: "es", spanish: "es", english: "en", inglés: "en", ingles: "en" };
  const tag = cell.toLowerCase();
  if (named[tag]) return named[tag];
  const language = tag.split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : undefined;
}

function checkRecord(
  { cells, line }: CsvRecord,
  columns: Partial<Record<Column, number>>,
  seen: Set<string>,
): { row: ImportRow } | { error: RowError } {
  const cell = (i: number | undefined) => (i === undefined ? "" : (cells[i] ?? "").trim());
  const email = normaliseEmail(cell(columns.email));
  const name = cell(columns.name);
  const departmentName = cell(columns.department);
  const roleCells = cell(columns.roles)
    .split(/[;|,]/)
    .map((r) => r.trim().toLowerCase())
    .filter(Boolean);
  const locale = languageOf(cell(columns.language));
  const errors: string[] = [];
  if (!email) errors.push("people.import.errors.emailMissing");
  else if (!EmailSchema.safeParse(email).success || email.length > 254) errors.push("people.import.errors.emailInvalid");
  else if (seen.has(email)) errors.push("people.import.errors.emailRepeated");
  if (!name) errors.push("people.import.errors.nameMissing");
  else if (name.length > 120) errors.push("people.import.errors.nameTooLong");
  if (departmentName.length > 80) errors.push("people.import.errors.departmentTooLong");
  if (roleCells.some((r) => !(ROLES as readonly string[]).includes(r))) errors.push("people.import.errors.unknownRole");
  if (locale === undefined) errors.push("people.import.errors.unknownLanguage");
  if (email) seen.add(email);
  if (errors.length || locale === undefined) return { error: { line, email, errors } };
  const roles = roleCells.length ? (roleCells as Role[]) : (["employee"] as Role[]);
  return { row: { line, email, name, departmentName, roles, rolesGiven: roleCells.length > 0, locale } };
}

/**
 * Reads the CSV and checks every row against the rules that need no database; the checks that
 * do (existing people, departments, what the importer may grant) happen later, with the database.
 */
export function parsePeopleCsv(text: string): ParseCsvResult {
  if (!text.trim()) return { ok: false, error: "people.import.errors.empty" };
  const { records, unreadable } = readRecords(text.replace(/^\uFEFF/, ""));
  if (unreadable) return { ok: false, error: "people.import.errors.unreadable" };
  const [headerRecord, ...body] = records;
  if (!headerRecord) return { ok: false, error: "people.import.errors.empty" };
  const columns = columnIndex(headerRecord.cells);
  if (columns.email === undefined || columns.name === undefined) return { ok: false, error: "people.import.errors.missingColumns" };
  if (body.length === 0) return { ok: false, error: "people.import.errors.noRows" };
  if (body.length > MAX_IMPORT_ROWS) return { ok: false, error: "people.import.errors.tooManyRows" };
  const rows: ImportRow[] = [];
  const rowErrors: RowError[] = [];
  const seen = new Set<string>();
  for (const record of body) {
    const checked = checkRecord(record, columns, seen);
    if ("row" in checked) rows.push(checked.row);
    else rowErrors.push(checked.error);
  }
  return { ok: true, rows, rowErrors, totalRows: body.length };
}
