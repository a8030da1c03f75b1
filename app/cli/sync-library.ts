/**
 * Loads the library in content/ (guidelines, workshops) into the database. Safe to run again: unchanged files change nothing,
 * and a changed guideline becomes a new draft for an editor to publish.
 *   npm run sync:library                       every kind of library file under ./content
 *   npm run sync:library -- --root other/dir   another library folder
 *   npm run sync:library -- --only guidelines  one kind
 * (`npm run sync:content` is the same command under its older name.)
 * Exits 1 when a file has problems (nothing is written then), 2 on bad arguments.
 */
import { parseArgs } from "node:util";
import { LIBRARY_SYNCERS, DEFAULT_LIBRARY_ROOT, syncLibrary } from "~/models/library-sync.server";
import { closeDb, getDb, migrateToLatest } from "~/utils/db.server";

let values: { root?: string; only?: string[] };
try {
  ({ values } = parseArgs({ options: { root: { type: "string" }, only: { type: "string", multiple: true } } }));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error("Usage: npm run sync:library -- [--root <library folder>] [--only <kind>]…");
  process.exit(2);
}
const unknown = (values.only ?? []).filter((name) => !LIBRARY_SYNCERS.some((s) => s.name === name));
if (unknown.length) {
  console.error(`Unknown content kind: ${unknown.join(", ")} (known: ${LIBRARY_SYNCERS.map((s) => s.name).join(", ")})`);
  process.exit(2);
}

const db = getDb();
await migrateToLatest(db);
const result = await syncLibrary(db, values.root ?? DEFAULT_LIBRARY_ROOT, values.only);
await closeDb();
for (const line of result.lines) (result.ok ? console.log : console.error)(line);
process.exit(result.ok ? 0 : 1);
