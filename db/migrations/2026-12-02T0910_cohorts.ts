import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // A wave of the programme: dated, with goals; its people are the listed people plus everyone in its departments.
  await db.schema
    .createTable("cohorts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("starts_at", "bigint", (c) => c.notNull())
    .addColumn("ends_at", "bigint", (c) => c.notNull())
    .addColumn("goal_participation", "integer")
    .addColumn("goal_shares", "integer")
    .addColumn("goal_unique_clicks", "integer")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("cohort_departments")
    .addColumn("cohort_id", "text", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addColumn("department_id", "text", (c) => c.notNull().references("departments.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("cohort_departments_pk", ["cohort_id", "department_id"])
    .execute();
  await db.schema.createIndex("cohort_departments_department_idx").on("cohort_departments").column("department_id").execute();
  await db.schema
    .createTable("cohort_people")
    .addColumn("cohort_id", "text", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("cohort_people_pk", ["cohort_id", "user_id"])
    .execute();
  await db.schema.createIndex("cohort_people_user_idx").on("cohort_people").column("user_id").execute();
  await db.schema
    .createTable("content_cohort_targets")
    .addColumn("item_id", "text", (c) => c.notNull().references("content_items.id").onDelete("cascade"))
    .addColumn("cohort_id", "text", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("content_cohort_targets_pk", ["item_id", "cohort_id"])
    .execute();
  await db.schema.createIndex("content_cohort_targets_cohort_idx").on("content_cohort_targets").column("cohort_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["content_cohort_targets", "cohort_people", "cohort_departments", "cohorts"]) {
    await db.schema.dropTable(table).execute();
  }
}
