import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
// Who a required guideline or workshop is required of: no rows means everyone; otherwise the people of
// these departments and of these cohorts.
const TABLES = [
  {
    table: "guideline_required_departments",
    key: "document_id",
    parent: "guideline_documents.id",
    target: "department_id",
    of: "departments.id",
  },
  { table: "guideline_required_cohorts", key: "document_id", parent: "guideline_documents.id", target: "cohort_id", of: "cohorts.id" },
  { table: "workshop_required_departments", key: "workshop_id", parent: "workshops.id", target: "department_id", of: "departments.id" },
  { table: "workshop_required_cohorts", key: "workshop_id", parent: "workshops.id", target: "cohort_id", of: "cohorts.id" },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const t of TABLES) {
    await db.schema
      .createTable(t.table)
      .addColumn(t.key, "text", (c) => c.notNull().references(t.parent).onDelete("cascade"))
      .addColumn(t.target, "text", (c) => c.notNull().references(t.of).onDelete("cascade"))
      .addPrimaryKeyConstraint(`${t.table}_pk`, [t.key, t.target])
      .execute();
    await db.schema.createIndex(`${t.table}_target_idx`).on(t.table).column(t.target).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [...TABLES].reverse()) await db.schema.dropTable(t.table).execute();
}
