import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per public conversation (normalised URL); later reports of the same URL join it.
  await db.schema
    .createTable("conversation_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("url_key", "text", (c) => c.notNull().unique())
    .addColumn("network", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("urgency", "integer", (c) => c.notNull())
    .addColumn("handle", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reporter_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reporters_count", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("department_id", "text", (c) => c.references("departments.id").onDelete("set null"))
    .addColumn("claimed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("claimed_at", "bigint")
    .addColumn("reply_note", "text")
    .addColumn("answer_url", "text")
    .addColumn("target_minutes", "integer", (c) => c.notNull())
    .addColumn("due_at", "bigint", (c) => c.notNull())
    .addColumn("first_response_at", "bigint")
    .addColumn("first_response_minutes", "integer")
    .addColumn("within_target", "integer")
    .addColumn("resolved_at", "bigint")
    .addColumn("resolution_minutes", "integer")
    .addColumn("breached_at", "bigint")
    .addColumn("week_key", "text", (c) => c.notNull())
    .addColumn("case_study_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("conversation_reports_queue_idx")
    .on("conversation_reports")
    .columns(["status", "urgency", "created_at"])
    .execute();
  await db.schema.createIndex("conversation_reports_due_idx").on("conversation_reports").columns(["status", "due_at"]).execute();
  await db.schema.createIndex("conversation_reports_created_idx").on("conversation_reports").columns(["created_at"]).execute();

  await db.schema
    .createTable("conversation_reporters")
    .addColumn("report_id", "text", (c) => c.notNull().references("conversation_reports.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("note", "text")
    .addColumn("answered_publicly", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("conversation_reporters_pk", ["report_id", "user_id"])
    .execute();
  await db.schema.createIndex("conversation_reporters_user_idx").on("conversation_reporters").columns(["user_id", "created_at"]).execute();

  await db.schema
    .createTable("conversation_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("report_id", "text", (c) => c.notNull().references("conversation_reports.id").onDelete("cascade"))
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("detail", "text")
    .addColumn("department_id", "text", (c) => c.references("departments.id").onDelete("set null"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("conversation_events_report_idx").on("conversation_events").columns(["report_id", "created_at"]).execute();

  await db.schema
    .createTable("department_responders")
    .addColumn("department_id", "text", (c) => c.notNull().references("departments.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("department_responders_pk", ["department_id", "user_id"])
    .execute();

  // Actionable-report points per person and local day: the daily cap is a conditional upsert here.
  await db.schema
    .createTable("conversation_point_days")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("day_key", "text", (c) => c.notNull())
    .addColumn("awarded", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("conversation_point_days_pk", ["user_id", "day_key"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "conversation_point_days",
    "department_responders",
    "conversation_events",
    "conversation_reporters",
    "conversation_reports",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
