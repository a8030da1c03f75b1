import type { DB } from "~/utils/db.server";
import type { Locale } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import { dropHeldMail, releaseHeldMail } from "~/utils/mail.server";
import { createDepartment, listDepartments } from "./departments.server";
import { createInvitation, sendInvitationMail } from "./invitations.server";
import type { ImportRow, RowError } from "./import-csv.server";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "./import-limits";

export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS };
export { parsePeopleCsv, type ImportRow, type ParseCsvResult, type RowError } from "./import-csv.server";
export { validateRows } from "./import-rows.server";
/** Rows per chunk transaction: on SQLite's one connection, the longest another request waits for it. */
const CHUNK = 25;
/**
 * The pause after each chunk: as long as the chunk took, so other requests get at least half the
 * time. A request needs several turns of the event loop (read, guarded, routed, its loader run) before
 * it asks for the connection; one setImmediate between chunks gave it a single turn per chunk, and
 * /healthz waited out several chunks (seconds) during a 10,000-row import.
 */
const MIN_PAUSE_MS = 5;

/**
 * How far a running import is, read by the import page while it polls. Kept on the import's row (each
 * chunk writes its count with the heartbeat), so any instance can answer, not only the one running it.
 * The rows to write are those not rejected: the file's rows less the rejected ones.
 */
export function importProgress(row: { status: string; imported_rows: number; total_rows: number; rowErrors: RowError[] }) {
  if (row.status !== "running") return null;
  return { phase: "importing" as const, done: row.imported_rows, total: row.total_rows - row.rowErrors.length };
}

/** Lets other requests (and the redirect's click inbox) use the database between chunks. */
const yieldToOthers = (workedMs: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(MIN_PAUSE_MS, workedMs)));

export async function startPeopleImport(
  db: DB,
  input: { createdBy: string; filename: string; totalRows: number; rowErrors: RowError[] },
): Promise<string> {
  const id = newId();
  await db
    .insertInto("people_imports")
    .values({
      id,
      created_by: input.createdBy,
      filename: input.filename.slice(0, 200),
      status: "running",
      total_rows: input.totalRows,
      imported_rows: 0,
      error_report: JSON.stringify(input.rowErrors),
      created_at: Date.now(),
      finished_at: null,
    })
    .execute();
  return id;
}

interface ImportOptions {
  invitedBy: string;
  createDepartments: boolean;
  origin: string;
  locale: Locale;
}

async function importRows(
  trx: DB,
  importId: string,
  rows: ImportRow[],
  departments: Map<string, string>,
  options: ImportOptions,
  doneAfter: number,
): Promise<void> {
  // Still ours to write: an import given up for dead (see failInterruptedImports) is never resumed.
  const alive = await trx
    .updateTable("people_imports")
    .set({ heartbeat_at: Date.now(), imported_rows: doneAfter })
    .where("id", "=", importId)
    .where("status", "=", "running")
    .executeTakeFirst();
  if (Number(alive.numUpdatedRows) !== 1) throw new Error("The import was given up meanwhile");
  for (const row of rows) {
    let departmentId: string | null = null;
    if (row.departmentName) {
      departmentId = departments.get(row.departmentName.toLowerCase()) ?? null;
      if (!departmentId && options.createDepartments) {
        const created = await createDepartment(trx, row.departmentName);
        if (created.ok) {
          departmentId = created.id;
          await trx.updateTable("departments").set({ import_id: importId }).where("id", "=", created.id).execute();
        }
        departments.set(row.departmentName.toLowerCase(), departmentId ?? "");
      }
    }
    const result = await createInvitation(trx, {
      email: row.email,
      name: row.name,
      departmentId,
      roles: row.roles,
      invitedBy: options.invitedBy,
      importId,
    });
    if (!result.ok) throw new Error(`Row ${row.line}: ${row.email} is already a member`);
    // The mail is written with the invitation and held until the whole import is in.
    await sendInvitationMail(trx, {
      email: row.email,
      name: row.name,
      token: result.token,
      origin: options.origin,
      locale: options.locale,
      holdFor: importId,
    });
  }
}

/**
 * Writes the valid rows so that, to the people involved, it happens all at once or not at all:
 * new people in chunks of CHUNK rows (a short transaction each, so other requests are answered
 * meanwhile, on SQLite's single connection too), each with its invitation mail held in the outbox;
 * then one transaction refreshes the people already invited, releases every held mail and marks
 * the import done. If anything fails (or the process dies, see `failInterruptedImports`), what the
 * chunks wrote is removed and no mail goes out.
 */
export async function runPeopleImport(db: DB, importId: string, rows: ImportRow[], options: ImportOptions): Promise<void> {
  try {
    const departments = new Map((await listDepartments(db)).map((d) => [d.name.toLowerCase(), d.id]));
    const known = new Set<string>();
    for (let i = 0; i < rows.length; i += 500) {
      const found = await db
        .selectFrom("users")
        .select("email")
        .where(
          "email",
          "in",
          rows.slice(i, i + 500).map((r) => r.email),
        )
        .execute();
      for (const f of found) known.add(f.email);
    }
    const fresh = rows.filter((r) => !known.has(r.email));
    for (let i = 0; i < fresh.length; i += CHUNK) {
      const done = Math.min(i + CHUNK, fresh.length);
      const started = performance.now();
      await db.transaction().execute((trx) => importRows(trx, importId, fresh.slice(i, i + CHUNK), departments, options, done));
      await yieldToOthers(performance.now() - started);
    }
    await db.transaction().execute(async (trx) => {
      await importRows(
        trx,
        importId,
        rows.filter((r) => known.has(r.email)),
        departments,
        options,
        rows.length,
      );
      // Nothing was undone meanwhile: every new person the chunks wrote is still there.
      const written = await trx
        .selectFrom("users")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("import_id", "=", importId)
        .executeTakeFirstOrThrow();
      if (Number(written.n) !== fresh.length) throw new Error("The import's people changed while it ran");
      await releaseHeldMail(trx, importId);
      await trx.updateTable("users").set({ import_id: null }).where("import_id", "=", importId).execute();
      await trx.updateTable("departments").set({ import_id: null }).where("import_id", "=", importId).execute();
      await trx
        .updateTable("people_imports")
        .set({ status: "done", imported_rows: rows.length, finished_at: Date.now() })
        .where("id", "=", importId)
        .execute();
    });
  } catch (cause) {
    console.error("People import failed", cause);
    await discardImport(db, importId, "people.import.errors.failed");
  }
}

/** Removes what a failed import wrote (its new people and departments, their invitations and held mail) and marks it failed. */
export async function discardImport(db: DB, importId: string, failure: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await dropHeldMail(trx, importId);
    await trx.deleteFrom("users").where("import_id", "=", importId).where("status", "=", "invited").execute();
    await trx
      .deleteFrom("departments")
      .where("import_id", "=", importId)
      .where((eb) => eb.not(eb.exists(eb.selectFrom("users").select("users.id").whereRef("users.department_id", "=", "departments.id"))))
      .execute();
    await trx
      .updateTable("people_imports")
      .set({ status: "failed", imported_rows: 0, failure, finished_at: Date.now() })
      .where("id", "=", importId)
      .execute();
  });
}

/**
 * Imports still "running" whose process died (a restart, a crash): undone and marked failed with
 * that reason. An import writes a heartbeat with every chunk; with several instances only imports
 * silent for `silentForMs` are touched, so another instance's running import is left alone.
 */
export async function failInterruptedImports(db: DB, silentForMs = 0): Promise<number> {
  const since = Date.now() - silentForMs;
  const stale = await db
    .selectFrom("people_imports")
    .select("id")
    .where("status", "=", "running")
    .where((eb) => eb.or([eb("heartbeat_at", "<=", since), eb.and([eb("heartbeat_at", "is", null), eb("created_at", "<=", since)])]))
    .execute();
  for (const row of stale) await discardImport(db, row.id, "people.import.errors.interrupted");
  return stale.length;
}

export async function getPeopleImport(db: DB, id: string) {
  const row = await db.selectFrom("people_imports").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  return { ...row, rowErrors: JSON.parse(row.error_report) as RowError[] };
}

export async function listPeopleImports(db: DB, limit = 10) {
  return db
    .selectFrom("people_imports")
    .select(["id", "filename", "status", "total_rows", "imported_rows", "created_at"])
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}
