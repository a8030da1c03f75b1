/**
 * Loads content/ (guidelines, …) into the database. Safe to run again: unchanged files change nothing,
 * and a changed guideline becomes a new draft for an editor to publish.
 *   npm run sync:content                       every kind of content under ./content
 *   npm run sync:content -- --root other/dir   another content folder
 *   npm run sync:content -- --only guidelines  one kind
 * Exits 1 when a file has problems (nothing is written then), 2 on bad arguments.
 */
import { parseArgs } from "node:util";
import { CONTENT_SYNCERS, DEFAULT_CONTENT_ROOT, syncContent } from "~/models/library-sync.server";
import { closeDb, getDb, migrateToLatest } from "~/utils/db.server";

let values: { root?: string; only?: string[] };
try {
  ({ values } = parseArgs({ options: { root: { type: "string" }, only: { type: "string", multiple: true } } }));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error("Usage: npm run sync:content -- [--root <content folder>] [--only <kind>]…");
  process.exit(2);
}
const unknown = (values.only ?? []).filter((name) => !CONTENT_SYNCERS.some((s) => s.name === name));
if (unknown.length) {
  console.error(`Unknown content kind: ${unknown.join(", ")} (known: ${CONTENT_SYNCERS.map((s) => s.name).join(", ")})`);
  process.exit(2);
}

const db = getDb();
await migrateToLatest(db);
const result = await syncContent(db, values.root ?? DEFAULT_CONTENT_ROOT, values.only);
await closeDb();
for (const line of result.lines) (result.ok ? console.log : console.error)(line);
process.exit(result.ok ? 0 : 1);
