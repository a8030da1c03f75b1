import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // The group a champion proposed a content idea for: one cohort or one department, or neither.
  await db.schema
    .alterTable("ideas")
    .addColumn("for_cohort_id", "text", (c) => c.references("cohorts.id").onDelete("set null"))
    .execute();
  await db.schema
    .alterTable("ideas")
    .addColumn("for_department_id", "text", (c) => c.references("departments.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("ideas").dropColumn("for_department_id").execute();
  await db.schema.alterTable("ideas").dropColumn("for_cohort_id").execute();
}
