/**
 * The library: guidelines and workshops kept as files under content/, loaded into the database by
 * `npm run sync:library` (also `sync:content`) and by the demo set-up. ("Content" alone means the brand
 * content items employees share.) Each kind of library file is one entry in LIBRARY_SYNCERS: a folder
 * under content/ and a function that syncs it and describes what happened.
 */
import fs from "node:fs";
import path from "node:path";
import type { DB } from "~/utils/db.server";
import { describeGuidelineSync, syncGuidelines } from "~/models/guidelines/sync.server";
import { describeWorkshopSync, syncWorkshops } from "~/models/workshops/sync.server";

export interface LibrarySyncer {
  /** Shown in the report. */
  name: string;
  /** Folder under the content root. */
  folder: string;
  sync(db: DB, dir: string): Promise<{ ok: boolean; lines: string[] }>;
}

export const LIBRARY_SYNCERS: LibrarySyncer[] = [
  {
    name: "guidelines",
    folder: "guidelines",
    async sync(db, dir) {
      const report = await syncGuidelines(db, dir);
      return { ok: report.ok, lines: describeGuidelineSync(report) };
    },
  },
  {
    name: "workshops",
    folder: "workshops",
    async sync(db, dir) {
      const report = await syncWorkshops(db, dir);
      return { ok: report.ok, lines: describeWorkshopSync(report) };
    },
  },
];

export const DEFAULT_LIBRARY_ROOT = "content";

/** Runs every syncer whose folder exists under `root`; ok is false when any of them found problems. */
export async function syncLibrary(db: DB, root = DEFAULT_LIBRARY_ROOT, only?: string[]): Promise<{ ok: boolean; lines: string[] }> {
  let ok = true;
  const lines: string[] = [];
  for (const syncer of LIBRARY_SYNCERS) {
    if (only && only.length && !only.includes(syncer.name)) continue;
    const dir = path.resolve(root, syncer.folder);
    if (!fs.existsSync(dir)) {
      lines.push(`${syncer.name}: no folder ${path.relative(process.cwd(), dir) || dir}, nothing to sync`);
      continue;
    }
    const result = await syncer.sync(db, dir);
    ok &&= result.ok;
    lines.push(...result.lines);
  }
  return { ok, lines };
}
