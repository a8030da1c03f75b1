/**
 * The version rows guidelines and workshops share: at most one draft and one published version per
 * owner (a guideline document or a workshop), numbered 1, 2, 3…; publishing supersedes the previous
 * published version. What a version holds (texts, settings, language decisions) stays in each feature.
 */
import type { Kysely } from "kysely";
import { inTransaction, isUniqueViolation, serializableTransaction, type DB } from "~/utils/db.server";

interface VersionColumns {
  id: string;
  version: number;
  status: "draft" | "published" | "superseded";
  superseded_at: number | null;
  document_id: string;
  workshop_id: string;
}

/** A versions table and the column naming its owner. */
export interface VersionedTable {
  table: "guideline_versions" | "workshop_versions";
  owner: "document_id" | "workshop_id";
}

export const GUIDELINE_VERSIONS = { table: "guideline_versions", owner: "document_id" } as const satisfies VersionedTable;
export const WORKSHOP_VERSIONS = { table: "workshop_versions", owner: "workshop_id" } as const satisfies VersionedTable;

// Both tables have these columns under the same names (only the owner column differs), so the queries
// are written once against that common shape.
const versionRows = (db: DB) => db as unknown as Kysely<Record<VersionedTable["table"], VersionColumns>>;

/** The number the owner's next version gets. */
export async function nextVersionNumber(trx: DB, versions: VersionedTable, ownerId: string): Promise<number> {
  const last = await versionRows(trx)
    .selectFrom(versions.table)
    .select((eb) => eb.fn.max("version").as("n"))
    .where(versions.owner, "=", ownerId)
    .executeTakeFirst();
  return Number(last?.n ?? 0) + 1;
}

/** The owner's published version (if any) becomes superseded; call just before another one is published. */
export async function supersedePublished(trx: DB, versions: VersionedTable, ownerId: string, now: number): Promise<void> {
  await versionRows(trx)
    .updateTable(versions.table)
    .set({ status: "superseded", superseded_at: now })
    .where(versions.owner, "=", ownerId)
    .where("status", "=", "published")
    .execute();
}

/** Deletes the owner's draft; false when there was none. */
export async function discardDraft(db: DB, versions: VersionedTable, ownerId: string): Promise<boolean> {
  const result = await versionRows(db)
    .deleteFrom(versions.table)
    .where(versions.owner, "=", ownerId)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Deletes one draft by its id (a published or superseded version is never deleted). */
export async function deleteDraftVersion(trx: DB, versions: VersionedTable, versionId: string): Promise<void> {
  await versionRows(trx).deleteFrom(versions.table).where("id", "=", versionId).where("status", "=", "draft").execute();
}

/**
 * Runs `work` in a transaction, again when a concurrent request broke a unique index first (two editors
 * starting a draft at the same moment: the second insert breaks the one-draft index, and running again
 * finds the first one's draft and saves into it).
 */
export async function retryingUnique<T>(db: DB, work: (trx: DB) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(db, work);
    } catch (error) {
      if (db.isTransaction || attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

/** Publishing runs serializable (two editors publishing at once get one new version), or in the caller's transaction. */
export function inPublishTransaction<T>(db: DB, work: (trx: DB) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : serializableTransaction(db, work);
}
