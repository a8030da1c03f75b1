import { LOCALES } from "#db/schema";
import { inTransaction, type DB } from "~/utils/db.server";
import { getFixedT } from "~/utils/i18n";
import { getVersionWithStatus, getWorkshopBySlug, loadTexts } from "~/models/workshops/workshops.server";
import { saveDraftText } from "~/models/workshops/versions.server";
import { MAX_CASE_STUDIES, type CaseOutcome } from "~/models/workshops/schema";
import { recordEvent } from "./events.server";
import { anonymise } from "./kinds";

/** The workshop that receives case studies unless another is chosen. */
export const CASE_STUDY_WORKSHOP = "customer-conversations";

/** Plain quoted text for the case's markdown: anonymised, no markup of its own. */
const quote = (text: string | null) =>
  text
    ? anonymise(text)
        .replace(/[<>`*_[\]#|]/g, "")
        .replace(/\s+/g, " ")
        .trim()
    : "";

export async function listCaseStudyWorkshops(db: DB) {
  return db.selectFrom("workshops").select(["id", "slug"]).orderBy("slug").execute();
}

export async function defaultCaseStudyWorkshop(db: DB) {
  return (await getWorkshopBySlug(db, CASE_STUDY_WORKSHOP))?.id ?? null;
}

export type CaseStudyResult = { ok: true; slug: string } | { ok: false; error: string };

function findReport(trx: DB, reportId: string) {
  return trx.selectFrom("conversation_reports").selectAll().where("id", "=", reportId).executeTakeFirst();
}

type Report = NonNullable<Awaited<ReturnType<typeof findReport>>>;

/** The draft's texts (or the published ones when there is no draft), by language. */
async function workshopTexts(trx: DB, workshopId: string) {
  const version = (await getVersionWithStatus(trx, workshopId, "draft")) ?? (await getVersionWithStatus(trx, workshopId, "published"));
  return version ? ((await loadTexts(trx, [version.id])).get(version.id) ?? {}) : {};
}

function reporterNotes(trx: DB, reportId: string) {
  return trx.selectFrom("conversation_reporters").select("note").where("report_id", "=", reportId).orderBy("created_at").execute();
}

function writeCaseStudy(report: Report, notes: { note: string | null }[], language: (typeof LOCALES)[number], outcome: CaseOutcome) {
  const t = getFixedT(language);
  const values = {
    kind: t(`conversations.kinds.${report.kind}`),
    network: t(`conversations.networks.${report.network}`),
    firstResponse: report.first_response_minutes ?? "—",
    target: report.target_minutes,
    resolution: report.resolution_minutes ?? "—",
    reporters: report.reporters_count,
  };
  const paragraphs = [
    t("conversations.caseStudy.situation", values),
    ...notes
      .map((n) => quote(n.note))
      .filter(Boolean)
      .map((note) => t("conversations.caseStudy.reported", { note })),
    ...(report.reply_note ? [t("conversations.caseStudy.reply", { note: quote(report.reply_note) })] : []),
    t(`conversations.caseStudy.${report.within_target === 1 ? "inTarget" : "outOfTarget"}`, values),
    t("conversations.caseStudy.questions"),
  ];
  return { title: t("conversations.caseStudy.title", values), outcome, body: paragraphs.join("\n\n") };
}

/**
 * Turns a resolved report into a case study appended to the workshop's draft, in every language the
 * workshop has, with nothing that names the customer or the reporter (no link, handle, name or number).
 * Editors then review and publish the draft like any workshop change. Once per report.
 */
export async function caseStudyFromReport(
  db: DB,
  input: { reportId: string; workshopId: string; outcome: CaseOutcome; actorId: string },
  now = Date.now(),
): Promise<CaseStudyResult> {
  return inTransaction(db, async (trx) => {
    const report = await findReport(trx, input.reportId);
    if (!report) return { ok: false, error: "errors.notFound" };
    if (report.status !== "resolved") return { ok: false, error: "conversations.errors.notResolved" };
    const workshop = await trx.selectFrom("workshops").select(["id", "slug"]).where("id", "=", input.workshopId).executeTakeFirst();
    if (!workshop) return { ok: false, error: "conversations.errors.noWorkshop" };
    const texts = await workshopTexts(trx, workshop.id);
    const languages = LOCALES.filter((l) => texts[l]);
    if (languages.length === 0) return { ok: false, error: "conversations.errors.noWorkshop" };
    if (languages.some((l) => (texts[l]?.caseStudies.length ?? 0) >= MAX_CASE_STUDIES))
      return { ok: false, error: "conversations.errors.tooManyCases" };
    const marked = await trx
      .updateTable("conversation_reports")
      .set({ case_study_at: now })
      .where("id", "=", report.id)
      .where("case_study_at", "is", null)
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) === 0) return { ok: false, error: "conversations.errors.caseStudyExists" };
    const notes = await reporterNotes(trx, report.id);
    for (const language of languages) {
      const text = texts[language]!;
      const caseStudy = writeCaseStudy(report, notes, language, input.outcome);
      const saved = await saveDraftText(trx, {
        workshopId: workshop.id,
        language,
        text: { ...text, caseStudies: [...text.caseStudies, caseStudy] },
        actorId: input.actorId,
        now,
      });
      if (!saved.ok) throw new Error(`case study for ${report.id} did not fit the workshop text: ${JSON.stringify(saved.errors)}`);
    }
    await recordEvent(trx, { reportId: report.id, actorId: input.actorId, kind: "case_study", detail: workshop.slug, at: now });
    return { ok: true, slug: workshop.slug };
  });
}
