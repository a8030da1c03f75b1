// An import's rows checked against the database (the CSV itself is read by import-csv.server).
import type { DB } from "~/utils/db.server";
import type { Role } from "#db/schema";
import { listDepartments } from "./departments.server";
import { canAssign } from "./permissions";
import type { ImportRow, RowError } from "./import-csv.server";

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
