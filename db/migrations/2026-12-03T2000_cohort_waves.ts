import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // Graduation criteria of a wave: onboarding finished (1/0), at least so many shares and unique clicks in its weeks.
  await db.schema
    .alterTable("cohorts")
    .addColumn("graduation_onboarded", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("cohorts").addColumn("graduation_shares", "integer").execute();
  await db.schema.alterTable("cohorts").addColumn("graduation_unique_clicks", "integer").execute();
  // A wave is opened once, from one pilot; both keys unique, so a second click or instance cannot invite again.
  await db.schema
    .createTable("cohort_wave_openings")
    .addColumn("cohort_id", "text", (c) => c.primaryKey().references("cohorts.id").onDelete("cascade"))
    .addColumn("pilot_cohort_id", "text", (c) => c.notNull().unique().references("cohorts.id").onDelete("cascade"))
    .addColumn("opened_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("opened_at", "bigint", (c) => c.notNull())
    .addColumn("invited", "integer", (c) => c.notNull())
    .addColumn("champions", "integer", (c) => c.notNull())
    .execute();
  // A champion of exactly one cohort or one department.
  await db.schema
    .createTable("champions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("cohort_id", "text", (c) => c.references("cohorts.id").onDelete("cascade"))
    .addColumn("department_id", "text", (c) => c.references("departments.id").onDelete("cascade"))
    .addColumn("granted_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("granted_at", "bigint", (c) => c.notNull())
    .addCheckConstraint("champions_one_scope", sql`(cohort_id is null) <> (department_id is null)`)
    .execute();
  await db.schema.createIndex("champions_user_cohort_idx").unique().on("champions").columns(["user_id", "cohort_id"]).execute();
  await db.schema.createIndex("champions_user_department_idx").unique().on("champions").columns(["user_id", "department_id"]).execute();
  await db.schema.createIndex("champions_cohort_idx").on("champions").column("cohort_id").execute();
  await db.schema.createIndex("champions_department_idx").on("champions").column("department_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("champions").execute();
  await db.schema.dropTable("cohort_wave_openings").execute();
  for (const column of ["graduation_unique_clicks", "graduation_shares", "graduation_onboarded"]) {
    await db.schema.alterTable("cohorts").dropColumn(column).execute();
  }
}
