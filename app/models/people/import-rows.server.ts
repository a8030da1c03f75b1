// Reading an import: the CSV parsed and checked row by row, then against the database.
import Papa from "papaparse";
import { z } from "zod";
import type { DB } from "~/utils/db.server";
import { ROLES, type Role } from "#db/schema";
import { listDepartments } from "./departments.server";
import { MAX_IMPORT_ROWS } from "./import-limits";
import { canAssign } from "./permissions";
import { normaliseEmail } from "./users.server";

/** Accepted column names, English or Spanish, compared case-insensitively. */
const COLUMN_ALIASES: Record<"email" | "name" | "department" | "roles", string[]> = {
  email: ["email", "e-mail", "correo", "correo electrónico", "correo electronico"],
  name: ["name", "nombre", "full name", "nombre completo"],
  department: ["department", "departamento", "área", "area"],
  roles: ["roles", "role", "rol"],
};

export interface ImportRow {
  line: number;
  email: string;
  name: string;
  departmentName: string;
  roles: Role[];
}

export interface RowError {
  line: number;
  email: string;
  /** Translation keys. */
  errors: string[];
}

export type ParseCsvResult = { ok: true; rows: ImportRow[]; rowErrors: RowError[]; totalRows: number } | { ok: false; error: string };

const EmailSchema = z.email();

function columnIndex(header: string[]): Partial<Record<keyof typeof COLUMN_ALIASES, number>> {
  const normalised = header.map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/^\uFEFF/, ""),
  );
  const result: Partial<Record<keyof typeof COLUMN_ALIASES, number>> = {};
  for (const [column, aliases] of Object.entries(COLUMN_ALIASES) as [keyof typeof COLUMN_ALIASES, string[]][]) {
    const index = normalised.findIndex((h) => aliases.includes(h));
    if (index >= 0) result[column] = index;
  }
  return result;
}

/**
 * Reads the CSV and checks every row against the rules that need no database; the checks that
 * do (existing people, departments, what the importer may grant) happen in `validateRows`.
 */
export function parsePeopleCsv(text: string): ParseCsvResult {
  if (!text.trim()) return { ok: false, error: "people.import.errors.empty" };
  const source = text.replace(/^\uFEFF/, "");
  // The delimiter is guessed ignoring blank lines; the records are then read keeping them, so each
  // one knows its line in the file (blank lines and line breaks inside quoted cells included).
  const guess = Papa.parse<string[]>(source, { preview: 10, skipEmptyLines: "greedy" });
  const parsed = Papa.parse<string[]>(source, { delimiter: guess.meta.delimiter, skipEmptyLines: false });
  const records: { cells: string[]; line: number }[] = [];
  let nextLine = 1;
  for (const cells of parsed.data) {
    if (cells.some((c) => c.trim() !== "")) records.push({ cells, line: nextLine });
    nextLine += 1 + cells.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
  }
  const fatal = [...guess.errors, ...parsed.errors].find((e) => e.type === "Quotes" || e.code === "UndetectableDelimiter");
  if (fatal && records.length < 2) return { ok: false, error: "people.import.errors.unreadable" };
  const [headerRecord, ...body] = records;
  if (!headerRecord) return { ok: false, error: "people.import.errors.empty" };
  const header = headerRecord.cells;
  const columns = columnIndex(header);
  if (columns.email === undefined || columns.name === undefined) return { ok: false, error: "people.import.errors.missingColumns" };
  if (body.length === 0) return { ok: false, error: "people.import.errors.noRows" };
  if (body.length > MAX_IMPORT_ROWS) return { ok: false, error: "people.import.errors.tooManyRows" };

  const rows: ImportRow[] = [];
  const rowErrors: RowError[] = [];
  const seen = new Set<string>();
  body.forEach(({ cells, line }) => {
    const cell = (i: number | undefined) => (i === undefined ? "" : (cells[i] ?? "").trim());
    const email = normaliseEmail(cell(columns.email));
    const name = cell(columns.name);
    const departmentName = cell(columns.department);
    const roleCells = cell(columns.roles)
      .split(/[;|,]/)
      .map((r) => r.trim().toLowerCase())
      .filter(Boolean);
    const errors: string[] = [];
    if (!email) errors.push("people.import.errors.emailMissing");
    else if (!EmailSchema.safeParse(email).success || email.length > 254) errors.push("people.import.errors.emailInvalid");
    else if (seen.has(email)) errors.push("people.import.errors.emailRepeated");
    if (!name) errors.push("people.import.errors.nameMissing");
    else if (name.length > 120) errors.push("people.import.errors.nameTooLong");
    if (departmentName.length > 80) errors.push("people.import.errors.departmentTooLong");
    const unknownRoles = roleCells.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknownRoles.length) errors.push("people.import.errors.unknownRole");
    if (email) seen.add(email);
    if (errors.length) rowErrors.push({ line, email, errors });
    else rows.push({ line, email, name, departmentName, roles: roleCells.length ? (roleCells as Role[]) : ["employee"] });
  });
  return { ok: true, rows, rowErrors, totalRows: body.length };
}

/** The database-dependent checks; returns the rows that can be imported and the rest with reasons. */
export async function validateRows(
  db: DB,
  rows: ImportRow[],
  options: { importerRoles: Role[]; createDepartments: boolean },
): Promise<{ valid: ImportRow[]; rowErrors: RowError[] }> {
  const departments = new Map((await listDepartments(db)).map((d) => [d.name.toLowerCase(), d.id]));
  const existing = new Map<string, string>();
  /** Roles already held by people still invited (a re-import would replace them). */
  const pendingRoles = new Map<string, Role[]>();
  for (let i = 0; i < rows.length; i += 500) {
    const emails = rows.slice(i, i + 500).map((r) => r.email);
    const found = await db.selectFrom("users").select(["id", "email", "status"]).where("email", "in", emails).execute();
    for (const f of found) existing.set(f.email, f.status);
    const invited = found.filter((f) => f.status === "invited");
    if (invited.length) {
      const held = await db
        .selectFrom("user_roles")
        .select(["user_id", "role"])
        .where(
          "user_id",
          "in",
          invited.map((f) => f.id),
        )
        .execute();
      for (const f of invited)
        pendingRoles.set(
          f.email,
          held.filter((h) => h.user_id === f.id).map((h) => h.role),
        );
    }
  }
  const valid: ImportRow[] = [];
  const rowErrors: RowError[] = [];
  for (const row of rows) {
    const errors: string[] = [];
    const status = existing.get(row.email);
    if (status && status !== "invited") errors.push("people.import.errors.alreadyMember");
    if (row.departmentName && !departments.has(row.departmentName.toLowerCase()) && !options.createDepartments) {
      errors.push("people.import.errors.unknownDepartment");
    }
    if (!canAssign(options.importerRoles, row.roles) || !canAssign(options.importerRoles, pendingRoles.get(row.email) ?? [])) {
      errors.push("people.import.errors.roleNotAllowed");
    }
    if (errors.length) rowErrors.push({ line: row.line, email: row.email, errors });
    else valid.push(row);
  }
  return { valid, rowErrors };
}
