/**
 * Who has acknowledged a guideline version: by department, the pending people and a CSV export. Reminders
 * to the pending people are in reminders.server.ts, the list of every document in overview.server.ts.
 *
 * "Everyone" is every active person holding the employee role; while the document is required, only those
 * of them it is required of (its audience, decision 74) are counted, reminded and exported.
 */
import Papa from "papaparse";
import type { TFunction } from "i18next";
import type { DB } from "~/utils/db.server";
import { toLocalDateTimeInput } from "~/models/core/dates";
import { audiencesOf, inAudienceSql, personRefs, type Audience } from "~/models/onboarding/audience.server";

/** Percentage with one decimal, or null when there is nobody to count. */
export const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10);

/**
 * Whom the document's coverage counts: its audience while it is required (decision 74), else null for
 * every employee (an optional document counts everyone, whatever audience it kept).
 */
export async function countedAudience(db: DB, documentId: string): Promise<Audience | null> {
  const document = await db.selectFrom("guideline_documents").select("required").where("id", "=", documentId).executeTakeFirst();
  if (document?.required !== 1) return null;
  return (await audiencesOf(db, "guideline", [documentId])).get(documentId) ?? null;
}

/** Active employees, only those in `audience` unless it is null. */
function activeEmployees(db: DB, audience: Audience | null) {
  const query = db
    .selectFrom("users as u")
    .innerJoin("user_roles as r", (join) => join.onRef("r.user_id", "=", "u.id").on("r.role", "=", "employee"))
    .where("u.status", "=", "active");
  return audience ? query.where(inAudienceSql(audience, personRefs("u.id", "u.department_id"))) : query;
}

/** How many of the active employees in `audience` there are and how many of them acknowledged the version. */
export async function audienceCoverage(db: DB, versionId: string, audience: Audience) {
  const row = await activeEmployees(db, audience)
    .leftJoin("guideline_acknowledgements as a", (join) => join.onRef("a.user_id", "=", "u.id").on("a.version_id", "=", versionId))
    .select((eb) => [eb.fn.countAll<number>().as("total"), eb.fn.count<number>("a.id").as("acknowledged")])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), acknowledged: Number(row.acknowledged) };
}

/**
 * Active employees counted for the document (`audience`, from `countedAudience`) joined to their
 * acknowledgement of `versionId` (if any), with their history for the document.
 */
export function employeesWithAcknowledgement(db: DB, documentId: string, versionId: string, audience: Audience | null) {
  return activeEmployees(db, audience)
    .leftJoin("departments as dep", "dep.id", "u.department_id")
    .leftJoin("guideline_acknowledgements as a", (join) => join.onRef("a.user_id", "=", "u.id").on("a.version_id", "=", versionId))
    .select((eb) => [
      "u.id",
      "u.name",
      "u.email",
      "u.locale",
      "u.department_id as departmentId",
      "dep.name as department",
      "a.acknowledged_at as acknowledgedAt",
      "a.language",
      eb
        .selectFrom("guideline_acknowledgements as e")
        .innerJoin("guideline_versions as ev", "ev.id", "e.version_id")
        .select((x) => x.fn.max("ev.version").as("v"))
        .whereRef("e.user_id", "=", "u.id")
        .where("e.document_id", "=", documentId)
        .as("lastVersion"),
      eb
        .selectFrom("guideline_reminders as rm")
        .select((x) => x.fn.max("rm.sent_at").as("t"))
        .whereRef("rm.user_id", "=", "u.id")
        .where("rm.document_id", "=", documentId)
        .as("lastRemindedAt"),
    ]);
}

export interface DepartmentCoverage {
  departmentId: string | null;
  /** null: people without a department. */
  name: string | null;
  total: number;
  acknowledged: number;
  percent: number | null;
}

/**
 * How many of the employees counted for the document acknowledged the version, overall and per department
 * (departments by name, "no department" last).
 */
export async function coverageByDepartment(db: DB, documentId: string, versionId: string) {
  const rows = await activeEmployees(db, await countedAudience(db, documentId))
    .leftJoin("departments as dep", "dep.id", "u.department_id")
    .leftJoin("guideline_acknowledgements as a", (join) => join.onRef("a.user_id", "=", "u.id").on("a.version_id", "=", versionId))
    .select((eb) => ["u.department_id", "dep.name", eb.fn.countAll<number>().as("total"), eb.fn.count<number>("a.id").as("acknowledged")])
    .groupBy(["u.department_id", "dep.name"])
    .execute();
  const departments: DepartmentCoverage[] = rows
    .map((row) => ({
      departmentId: row.department_id,
      name: row.name,
      total: Number(row.total),
      acknowledged: Number(row.acknowledged),
      percent: percent(Number(row.acknowledged), Number(row.total)),
    }))
    .sort((a, b) => (a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name, "es")));
  const total = departments.reduce((sum, d) => sum + d.total, 0);
  const acknowledged = departments.reduce((sum, d) => sum + d.acknowledged, 0);
  return { total, acknowledged, pending: total - acknowledged, percent: percent(acknowledged, total), departments };
}

/** Names in Spanish alphabetical order ("Álvaro" with the A's), the same on both dialects. */
const byName = new Intl.Collator("es", { sensitivity: "base" });
const sortByName = <T extends { name: string; id: string }>(rows: T[]) =>
  rows.sort((a, b) => byName.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));

/** The people who have not acknowledged the version, by name; `departmentId` "none" means without a department. */
export async function pendingPeople(
  db: DB,
  input: { documentId: string; versionId: string; departmentId?: string | null; limit?: number },
) {
  const audience = await countedAudience(db, input.documentId);
  let query = employeesWithAcknowledgement(db, input.documentId, input.versionId, audience).where("a.id", "is", null);
  if (input.departmentId === "none") query = query.where("u.department_id", "is", null);
  else if (input.departmentId) query = query.where("u.department_id", "=", input.departmentId);
  const people = sortByName(await query.execute()).slice(0, input.limit ?? 200);
  return people.map((p) => ({
    id: p.id,
    name: p.name,
    email: p.email,
    department: p.department,
    lastVersion: p.lastVersion === null ? null : Number(p.lastVersion),
    lastRemindedAt: p.lastRemindedAt === null ? null : Number(p.lastRemindedAt),
  }));
}

/** Every employee and whether they acknowledged the version, for the CSV export. */
export async function coverageRows(db: DB, documentId: string, versionId: string) {
  const audience = await countedAudience(db, documentId);
  const rows = sortByName(await employeesWithAcknowledgement(db, documentId, versionId, audience).execute());
  return rows.map((r) => ({
    name: r.name,
    email: r.email,
    department: r.department,
    acknowledgedAt: r.acknowledgedAt,
    language: r.language,
    lastVersion: r.lastVersion === null ? null : Number(r.lastVersion),
    lastRemindedAt: r.lastRemindedAt === null ? null : Number(r.lastRemindedAt),
  }));
}

export type CoverageRow = Awaited<ReturnType<typeof coverageRows>>[number];

/**
 * The export as CSV, headers in the reader's language, times in the organisation's zone. Cells that a
 * spreadsheet would run as a formula (starting with = + - @, tab or carriage return) get a leading '.
 */
export function coverageCsv(rows: CoverageRow[], t: TFunction, timeZone: string, version: number): string {
  const when = (at: number | null) => (at === null ? "" : toLocalDateTimeInput(at, timeZone).replace("T", " "));
  const header = ["name", "email", "department", "status", "acknowledgedAt", "language", "lastVersion", "lastRemindedAt"].map((key) =>
    t(`guidelines.csv.${key}`),
  );
  const data = rows.map((r) => [
    r.name,
    r.email,
    r.department ?? "",
    t(r.acknowledgedAt !== null ? "guidelines.csv.acknowledged" : "guidelines.csv.pending", { version }),
    when(r.acknowledgedAt),
    r.language ?? "",
    r.lastVersion === null ? "" : String(r.lastVersion),
    when(r.lastRemindedAt),
  ]);
  return Papa.unparse({ fields: header, data }, { escapeFormulae: true });
}
