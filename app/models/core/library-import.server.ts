/**
 * What the library sync of guidelines and workshops has in common once a folder's files are checked and
 * grouped by slug: everything is written in one transaction, or nothing when a file has problems; a new
 * slug publishes version 1 when it has the default language's text; then, per slug, the files either
 * match a version (unchanged), update a draft the sync wrote, discard it (the files match the published
 * version again), become a new draft, or are refused because an editor changed the draft in the app.
 */
import { inTransaction, type DB } from "~/utils/db.server";
import { DEFAULT_LOCALE } from "~/utils/i18n";
import type { SyncProblem } from "./library-files.server";
import { deleteDraftVersion, type VersionedTable } from "./versions.server";

export type LibrarySyncAction = "created" | "new-draft" | "draft-updated" | "draft-discarded" | "unchanged" | "conflict";

export interface LibrarySyncEntry {
  slug: string;
  action: LibrarySyncAction;
  /** The version created, updated or compared with. */
  version: number | null;
  published: boolean;
  notes: string[];
}

export interface LibrarySyncReport {
  ok: boolean;
  problems: SyncProblem[];
  entries: LibrarySyncEntry[];
}

/** Syncs every slug in one transaction, or nothing when the files had problems. */
export async function importSlugs<S>(
  db: DB,
  read: { slugs: S[]; problems: SyncProblem[] },
  syncOne: (trx: DB, files: S) => Promise<LibrarySyncEntry>,
): Promise<LibrarySyncReport> {
  if (read.problems.length) return { ok: false, problems: read.problems, entries: [] };
  const entries = await inTransaction(db, async (trx) => {
    const done: LibrarySyncEntry[] = [];
    for (const files of read.slugs) done.push(await syncOne(trx, files));
    return done;
  });
  return { ok: true, problems: [], entries };
}

const entry = (slug: string, action: LibrarySyncAction, version: number | null, published = false, notes: string[] = []) => ({
  slug,
  action,
  version,
  published,
  notes,
});

/** A slug seen for the first time: `create` makes its owner and version 1, published when the default language is there. */
export async function importNewSlug(
  slug: string,
  texts: Partial<Record<string, unknown>>,
  create: (status: "draft" | "published") => Promise<{ version: number }>,
): Promise<LibrarySyncEntry> {
  const publish = Boolean(texts[DEFAULT_LOCALE]);
  const version = await create(publish ? "published" : "draft");
  return entry(slug, "created", version.version, publish, publish ? [] : [`not published: it has no ${DEFAULT_LOCALE} text`]);
}

interface StoredVersion {
  id: string;
  version: number;
  content_hash: string;
  source: "sync" | "editor";
}

/** A known slug: what its files do to its draft and published version (see the top of this file). */
export async function importKnownSlug(
  trx: DB,
  versions: VersionedTable,
  item: {
    slug: string;
    fileHash: string;
    draft: StoredVersion | undefined;
    published: StoredVersion | undefined;
    /** Said of the slug whatever happens. */
    notes: string[];
    /** Where an editor publishes a new draft, e.g. "Manage → Guidelines". */
    publishedFrom: string;
    updateDraft: (draftId: string) => Promise<void>;
    insertDraft: () => Promise<{ version: number }>;
  },
): Promise<LibrarySyncEntry> {
  const { slug, fileHash, draft, published, notes } = item;
  if (draft) {
    if (draft.content_hash === fileHash)
      return entry(slug, "unchanged", draft.version, false, [...notes, `draft version ${draft.version} is waiting to be published`]);
    if (draft.source === "editor") {
      return entry(slug, "conflict", draft.version, false, [
        ...notes,
        `draft version ${draft.version} was edited in the app, so the files' changes were not imported; publish or discard that draft and sync again`,
      ]);
    }
    if (published && published.content_hash === fileHash) {
      await deleteDraftVersion(trx, versions, draft.id);
      return entry(slug, "draft-discarded", published.version, true, [
        ...notes,
        `the files match published version ${published.version} again`,
      ]);
    }
    await item.updateDraft(draft.id);
    return entry(slug, "draft-updated", draft.version, false, notes);
  }
  if (published && published.content_hash === fileHash) return entry(slug, "unchanged", published.version, true, notes);
  const created = await item.insertDraft();
  return entry(slug, "new-draft", created.version, false, [...notes, `an editor publishes it from ${item.publishedFrom}`]);
}

/** The report as lines for a terminal, each starting with the kind ("guidelines: …"). */
export function describeLibrarySync(kind: { plural: string; singular: string }, report: LibrarySyncReport): string[] {
  if (!report.ok) {
    return [
      `${kind.plural}: nothing was changed; fix these problems first:`,
      ...report.problems.map((p) => `  ${p.file}${p.line ? `:${p.line}` : ""}: ${p.field ? `${p.field}: ` : ""}${p.message}`),
    ];
  }
  if (report.entries.length === 0) return [`${kind.plural}: no ${kind.singular} files found`];
  const verb: Record<LibrarySyncAction, (e: LibrarySyncEntry) => string> = {
    created: (e) => `created, version ${e.version} ${e.published ? "published" : "saved as a draft"}`,
    "new-draft": (e) => `changed: new draft version ${e.version}`,
    "draft-updated": (e) => `changed: draft version ${e.version} updated`,
    "draft-discarded": () => "draft discarded",
    unchanged: (e) => `unchanged (version ${e.version})`,
    conflict: () => "not imported",
  };
  return report.entries.map((e) => `${kind.plural}: ${e.slug}: ${verb[e.action](e)}${e.notes.length ? ` (${e.notes.join("; ")})` : ""}`);
}
