import type { DB } from "~/utils/db.server";
import type { Locale, Role, UserStatus } from "#db/schema";
import { sha256 } from "~/utils/crypto.server";
import { sortRoles } from "~/utils/session-user.server";
import { getNumberSetting } from "~/models/core/settings.server";
import type { ImportRow, ParseCsvResult, RowError } from "./import-csv.server";
import { canAssign } from "./permissions";

export const MAX_DEACTIVATION_PERCENT_KEY = "people.sync.maxDeactivationPercent";
export const DEFAULT_MAX_DEACTIVATION_PERCENT = 10;

interface Details {
  name: string;
  departmentName: string | null;
  roles: Role[];
  locale: Locale | null;
}

export interface SyncPlan {
  filename: string;
  wholeCompany: boolean;
  createDepartments: boolean;
  totalRows: number;
  creates: (Details & { line: number; email: string })[];
  updates: { line: number; userId: string; email: string; before: Details; after: Details }[];
  reactivations: { line: number; userId: string; email: string; name: string }[];
  deactivations: { userId: string; email: string; name: string }[];
  /** People missing from a whole-company file who are kept: administrators, the importer, people holding roles the importer cannot grant. */
  kept: { userId: string; email: string; name: string; reason: "admin" | "self" | "protected" }[];
  departmentsToCreate: string[];
  unchanged: number;
  rowErrors: RowError[];
  /** People not deactivated when the preview was made; the guard's share is of these. */
  currentPeople: number;
  maxDeactivationPercent: number;
}

interface Person {
  id: string;
  email: string;
  name: string;
  status: UserStatus;
  locale: Locale | null;
  departmentId: string | null;
  roles: Role[];
}

export interface Directory {
  people: Person[];
  departments: { id: string; name: string }[];
  hash: string;
}

/** Everyone and every department, with a hash that changes whenever any of what a sync reads or writes changes. */
export async function readDirectory(db: DB): Promise<Directory> {
  const users = await db.selectFrom("users").select(["id", "email", "name", "status", "locale", "department_id"]).orderBy("id").execute();
  const roleRows = await db.selectFrom("user_roles").select(["user_id", "role"]).execute();
  const roles = new Map<string, Role[]>();
  for (const row of roleRows) roles.set(row.user_id, [...(roles.get(row.user_id) ?? []), row.role]);
  const departments = await db.selectFrom("departments").select(["id", "name"]).orderBy("id").execute();
  const people = users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    status: u.status,
    locale: u.locale,
    departmentId: u.department_id,
    roles: sortRoles(roles.get(u.id) ?? []),
  }));
  return { people, departments, hash: sha256(JSON.stringify([people, departments])) };
}

interface PlanOptions {
  filename: string;
  importer: { id: string; roles: Role[] };
  wholeCompany: boolean;
  createDepartments: boolean;
}

type Csv = Extract<ParseCsvResult, { ok: true }>;

/** What the file says about one existing person (a blank department, roles or language cell keeps what is there). */
function wanted(row: ImportRow, person: Person, departmentName: string | null): Details {
  return {
    name: row.name,
    departmentName: row.departmentName ? row.departmentName : departmentName,
    roles: row.rolesGiven ? sortRoles(row.roles) : person.roles,
    locale: row.locale ? row.locale : person.locale,
  };
}

const sameDetails = (a: Details, b: Details) =>
  a.name === b.name &&
  (a.departmentName ?? "").toLowerCase() === (b.departmentName ?? "").toLowerCase() &&
  a.roles.join() === b.roles.join() &&
  a.locale === b.locale;

function emptyPlan(csv: Csv, options: PlanOptions, currentPeople: number, maxDeactivationPercent: number): SyncPlan {
  return {
    filename: options.filename.slice(0, 200),
    wholeCompany: options.wholeCompany,
    createDepartments: options.createDepartments,
    totalRows: csv.totalRows,
    creates: [],
    updates: [],
    reactivations: [],
    deactivations: [],
    kept: [],
    departmentsToCreate: [],
    unchanged: 0,
    rowErrors: [...csv.rowErrors],
    currentPeople,
    maxDeactivationPercent,
  };
}

/** Sorts each valid row into created, updated, reactivated or unchanged, or rejects it with its reasons. */
function planRows(plan: SyncPlan, csv: Csv, directory: Directory, options: PlanOptions): void {
  const byEmail = new Map(directory.people.map((p) => [p.email, p]));
  const departmentNames = new Map(directory.departments.map((d) => [d.id, d.name]));
  const known = new Set(directory.departments.map((d) => d.name.toLowerCase()));
  const toCreate = new Map<string, string>();
  for (const row of csv.rows) {
    const person = byEmail.get(row.email);
    const departmentName = person?.departmentId ? (departmentNames.get(person.departmentId) ?? null) : null;
    const before: Details | null = person ? { name: person.name, departmentName, roles: person.roles, locale: person.locale } : null;
    const after: Details = person
      ? wanted(row, person, departmentName)
      : { name: row.name, departmentName: row.departmentName || null, roles: sortRoles(row.roles), locale: row.locale };
    const errors: string[] = [];
    const newDepartment = after.departmentName && !known.has(after.departmentName.toLowerCase()) ? after.departmentName : null;
    if (newDepartment && !options.createDepartments) errors.push("people.import.errors.unknownDepartment");
    const rolesChange = !before || before.roles.join() !== after.roles.join();
    const mayChange = rolesChange
      ? canAssign(options.importer.roles, after.roles) && canAssign(options.importer.roles, before?.roles ?? [])
      : // HR may not change what an administrator holds, as on the person's page.
        !before?.roles.includes("admin") || options.importer.roles.includes("admin") || sameDetails(before, after);
    if (!mayChange) errors.push("people.import.errors.roleNotAllowed");
    if (errors.length) {
      plan.rowErrors.push({ line: row.line, email: row.email, errors });
      continue;
    }
    if (newDepartment) toCreate.set(newDepartment.toLowerCase(), newDepartment);
    if (!person || !before) {
      plan.creates.push({ line: row.line, email: row.email, ...after });
      continue;
    }
    if (person.status === "deactivated")
      plan.reactivations.push({ line: row.line, userId: person.id, email: person.email, name: after.name });
    if (!sameDetails(before, after)) plan.updates.push({ line: row.line, userId: person.id, email: person.email, before, after });
    else if (person.status !== "deactivated") plan.unchanged += 1;
  }
  plan.departmentsToCreate = [...toCreate.values()];
}

/** With a whole-company file: everyone not deactivated and absent from it is deactivated, except those kept. */
function planLeavers(plan: SyncPlan, csv: Csv, directory: Directory, importer: PlanOptions["importer"]): void {
  const inFile = new Set([...csv.rows.map((r) => r.email), ...csv.rowErrors.map((r) => r.email)]);
  for (const person of directory.people) {
    if (person.status === "deactivated" || inFile.has(person.email)) continue;
    const who = { userId: person.id, email: person.email, name: person.name };
    if (person.roles.includes("admin")) plan.kept.push({ ...who, reason: "admin" });
    else if (person.id === importer.id) plan.kept.push({ ...who, reason: "self" });
    else if (!canAssign(importer.roles, person.roles)) plan.kept.push({ ...who, reason: "protected" });
    else plan.deactivations.push(who);
  }
}

/** The preview of syncing the directory with the file; nothing is written. */
export async function planPeopleSync(db: DB, csv: Csv, options: PlanOptions): Promise<{ plan: SyncPlan; hash: string }> {
  const directory = await readDirectory(db);
  const current = directory.people.filter((p) => p.status !== "deactivated").length;
  const maxPercent = await getNumberSetting(db, MAX_DEACTIVATION_PERCENT_KEY, DEFAULT_MAX_DEACTIVATION_PERCENT);
  const plan = emptyPlan(csv, options, current, maxPercent);
  planRows(plan, csv, directory, options);
  if (options.wholeCompany) planLeavers(plan, csv, directory, options.importer);
  plan.rowErrors.sort((a, b) => a.line - b.line);
  return { plan, hash: directory.hash };
}

/** Whether the plan deactivates more than the allowed share of people, so applying it needs the extra confirmation. */
export const needsMassConfirmation = (plan: SyncPlan) =>
  plan.deactivations.length > 0 && plan.deactivations.length * 100 > plan.currentPeople * plan.maxDeactivationPercent;
