/** What the reading, version and diff pages show, assembled from the guideline model. */
import type { GuidelineVersionStatus, Locale } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { formatDateTime } from "~/models/core/dates";
import { acknowledgementsOf } from "~/models/guidelines/acknowledgements.server";
import { getDocumentBySlug, getVersionByNumber, getVersionWithStatus, listVersions, loadTexts } from "./documents.server";
import { commonLanguage, diffGuidelineTexts } from "./diff.server";
import { pickLanguage } from "~/models/core/locale";
import { presentText } from "./text.server";

interface ViewOptions {
  language: Locale;
  timeZone: string;
  userId: string;
  /** Editors may read drafts (a preview); everyone else sees published and superseded versions only. */
  canSeeDrafts: boolean;
}

const visible = (status: GuidelineVersionStatus, canSeeDrafts: boolean) => status !== "draft" || canSeeDrafts;

/** One version of a document ("current": the published one) in the reader's language, with their acknowledgements. */
export async function viewGuidelineVersion(db: DB, slug: string, which: number | "current", options: ViewOptions) {
  const document = await getDocumentBySlug(db, slug);
  if (!document) return null;
  const version =
    which === "current" ? await getVersionWithStatus(db, document.id, "published") : await getVersionByNumber(db, document.id, which);
  if (!version || !visible(version.status, options.canSeeDrafts)) return null;
  const [texts, versions, acknowledgements] = await Promise.all([
    loadTexts(db, [version.id]),
    listVersions(db, document.id),
    acknowledgementsOf(db, options.userId, document.id),
  ]);
  const picked = pickLanguage(texts.get(version.id) ?? {}, options.language);
  if (!picked) return null;
  const when = (at: number | null) => formatDateTime(at, options.language, options.timeZone);
  const current = versions.find((v) => v.status === "published") ?? null;
  const mine = acknowledgements.find((a) => a.version_id === version.id) ?? null;
  const latestMine = acknowledgements[0] ?? null;
  return {
    document: { id: document.id, slug: document.slug, required: document.required === 1 },
    version: {
      id: version.id,
      number: version.version,
      status: version.status,
      publishedAt: when(version.published_at),
      supersededAt: when(version.superseded_at),
      changeNote: version.change_note,
    },
    language: picked.language,
    fallback: picked.language !== options.language,
    textHash: picked.text.hash,
    text: presentText(picked.text),
    currentVersion: current?.version ?? null,
    versions: versions
      .filter((v) => visible(v.status, options.canSeeDrafts))
      .map((v) => ({ number: v.version, status: v.status, publishedAt: when(v.published_at) })),
    acknowledgement: mine ? { at: when(mine.acknowledged_at), language: mine.language } : null,
    /** The newest version the person acknowledged, when it is older than this one. */
    previouslyAcknowledged: latestMine && latestMine.version < version.version ? latestMine.version : null,
  };
}

/** What changed between two versions; numbers default to the previous and the current version. */
export async function viewGuidelineDiff(
  db: DB,
  slug: string,
  wanted: { from?: number; to?: number },
  options: Omit<ViewOptions, "userId">,
) {
  const document = await getDocumentBySlug(db, slug);
  if (!document) return null;
  const versions = (await listVersions(db, document.id)).filter((v) => visible(v.status, options.canSeeDrafts));
  const current = versions.find((v) => v.status === "published");
  const toNumber = wanted.to ?? current?.version;
  const to = versions.find((v) => v.version === toNumber);
  if (!to) return null;
  const from = versions.find((v) => v.version === (wanted.from ?? to.version - 1));
  const base = { slug: document.slug, versions: versions.map((v) => ({ number: v.version, status: v.status })), to: to.version };
  if (!from)
    return { ...base, from: null, title: to.titles[options.language] ?? Object.values(to.titles)[0] ?? slug, language: null, diff: null };
  const texts = await loadTexts(db, [from.id, to.id]);
  const fromTexts = texts.get(from.id) ?? {};
  const toTexts = texts.get(to.id) ?? {};
  const language = commonLanguage(fromTexts, toTexts, options.language);
  const title = pickLanguage(toTexts, options.language)?.text.title ?? slug;
  if (!language) return { ...base, from: from.version, title, language: null, diff: null };
  return { ...base, from: from.version, title, language, diff: diffGuidelineTexts(fromTexts[language]!, toTexts[language]!) };
}
