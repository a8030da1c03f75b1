import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // JSON array of the languages whose text the publisher declared needs no change in this version.
  await db.schema.alterTable("guideline_versions").addColumn("unchanged_languages", "text").execute();
  // Set when an acknowledgement of the previous version was carried over because its language did not change.
  await db.schema.alterTable("guideline_acknowledgements").addColumn("carried_from_version_id", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("guideline_acknowledgements").dropColumn("carried_from_version_id").execute();
  await db.schema.alterTable("guideline_versions").dropColumn("unchanged_languages").execute();
}
