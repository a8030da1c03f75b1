/**
 * Who has acknowledged a guideline version: by department, the pending people, a CSV export, and
 * reminders to the pending people (at most once per configurable interval per document).
 *
 * "Everyone" is every active person holding the employee role.
 */
import Papa from "papaparse";
import type { TFunction } from "i18next";
import type { Locale } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import { serializableTransaction, type DB } from "~/utils/db.server";
import { DEFAULT_LOCALE, getFixedT, isLocale } from "~/utils/i18n";
import { escapeHtml, sendMail } from "~/utils/mail.server";
import { toLocalDateTimeInput } from "~/models/core/dates";
import { getNumberSetting, setSetting } from "~/models/core/settings.server";
import { loadTexts } from "./documents.server";
import { DEFAULT_REMINDER_DAYS, MAX_REMINDER_DAYS, MIN_REMINDER_DAYS } from "./schema";
import { pickLanguage } from "~/models/core/locale";

export const REMINDER_INTERVAL_KEY = "guideline.reminderIntervalDays";
const DAY = 24 * 60 * 60 * 1000;

/** Percentage with one decimal, or null when there is nobody to count. */
export const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10);

export async function getReminderIntervalDays(db: DB): Promise<number> {
  const days = await getNumberSetting(db, REMINDER_INTERVAL_KEY, DEFAULT_REMINDER_DAYS);
  return Number.isInteger(days) && days >= MIN_REMINDER_DAYS && days <= MAX_REMINDER_DAYS ? days : DEFAULT_REMINDER_DAYS;
}

export async function setReminderIntervalDays(db: DB, days: number): Promise<void> {
  if (!Number.isInteger(days) || days < MIN_REMINDER_DAYS || days > MAX_REMINDER_DAYS)
    throw new Error(`reminder interval out of range: ${days}`);
  await setSetting(db, REMINDER_INTERVAL_KEY, String(days));
}

/** Active employees joined to their acknowledgement of `versionId` (if any), with their history for the document. */
function employeesWithAcknowledgement(db: DB, documentId: string, versionId: string) {
  return db
    .selectFrom("users as u")
    .innerJoin("user_roles as r", (join) => join.onRef("r.user_id", "=", "u.id").on("r.role", "=", "employee"))
    .leftJoin("departments as dep", "dep.id", "u.department_id")
    .leftJoin("guideline_acknowledgements as a", (join) => join.onRef("a.user_id", "=", "u.id").on("a.version_id", "=", versionId))
    .where("u.status", "=", "active")
    .select((eb) => [
      "u.id",
      "u.name",
      "u.email",
      "u.locale",
      "u.department_id as departmentId",
      "dep.name as department",
      "a.acknowledged_at as acknowledgedAt",
      "a.language",
      eb
        .selectFrom("guideline_acknowledgements as e")
        .innerJoin("guideline_versions as ev", "ev.id", "e.version_id")
        .select((x) => x.fn.max("ev.version").as("v"))
        .whereRef("e.user_id", "=", "u.id")
        .where("e.document_id", "=", documentId)
        .as("lastVersion"),
      eb
        .selectFrom("guideline_reminders as rm")
        .select((x) => x.fn.max("rm.sent_at").as("t"))
        .whereRef("rm.user_id", "=", "u.id")
        .where("rm.document_id", "=", documentId)
        .as("lastRemindedAt"),
    ]);
}

export interface DepartmentCoverage {
  departmentId: string | null;
  /** null: people without a department. */
  name: string | null;
  total: number;
  acknowledged: number;
  percent: number | null;
}

/** How many employees acknowledged the version, overall and per department (departments by name, "no department" last). */
export async function coverageByDepartment(db: DB, versionId: string) {
  const rows = await db
    .selectFrom("users as u")
    .innerJoin("user_roles as r", (join) => join.onRef("r.user_id", "=", "u.id").on("r.role", "=", "employee"))
    .leftJoin("departments as dep", "dep.id", "u.department_id")
    .leftJoin("guideline_acknowledgements as a", (join) => join.onRef("a.user_id", "=", "u.id").on("a.version_id", "=", versionId))
    .where("u.status", "=", "active")
    .select((eb) => ["u.department_id", "dep.name", eb.fn.countAll<number>().as("total"), eb.fn.count<number>("a.id").as("acknowledged")])
    .groupBy(["u.department_id", "dep.name"])
    .execute();
  const departments: DepartmentCoverage[] = rows
    .map((row) => ({
      departmentId: row.department_id,
      name: row.name,
      total: Number(row.total),
      acknowledged: Number(row.acknowledged),
      percent: percent(Number(row.acknowledged), Number(row.total)),
    }))
    .sort((a, b) => (a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name, "es")));
  const total = departments.reduce((sum, d) => sum + d.total, 0);
  const acknowledged = departments.reduce((sum, d) => sum + d.acknowledged, 0);
  return { total, acknowledged, pending: total - acknowledged, percent: percent(acknowledged, total), departments };
}

/** Names in Spanish alphabetical order ("Álvaro" with the A's), the same on both dialects. */
const byName = new Intl.Collator("es", { sensitivity: "base" });
const sortByName = <T extends { name: string; id: string }>(rows: T[]) =>
  rows.sort((a, b) => byName.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));

/** The people who have not acknowledged the version, by name; `departmentId` "none" means without a department. */
export async function pendingPeople(
  db: DB,
  input: { documentId: string; versionId: string; departmentId?: string | null; limit?: number },
) {
  let query = employeesWithAcknowledgement(db, input.documentId, input.versionId).where("a.id", "is", null);
  if (input.departmentId === "none") query = query.where("u.department_id", "is", null);
  else if (input.departmentId) query = query.where("u.department_id", "=", input.departmentId);
  const people = sortByName(await query.execute()).slice(0, input.limit ?? 200);
  return people.map((p) => ({
    id: p.id,
    name: p.name,
    email: p.email,
    department: p.department,
    lastVersion: p.lastVersion === null ? null : Number(p.lastVersion),
    lastRemindedAt: p.lastRemindedAt === null ? null : Number(p.lastRemindedAt),
  }));
}

/** Every employee and whether they acknowledged the version, for the CSV export. */
export async function coverageRows(db: DB, documentId: string, versionId: string) {
  const rows = sortByName(await employeesWithAcknowledgement(db, documentId, versionId).execute());
  return rows.map((r) => ({
    name: r.name,
    email: r.email,
    department: r.department,
    acknowledgedAt: r.acknowledgedAt,
    language: r.language,
    lastVersion: r.lastVersion === null ? null : Number(r.lastVersion),
    lastRemindedAt: r.lastRemindedAt === null ? null : Number(r.lastRemindedAt),
  }));
}

export type CoverageRow = Awaited<ReturnType<typeof coverageRows>>[number];

/**
 * The export as CSV, headers in the reader's language, times in the organisation's zone. Cells that a
 * spreadsheet would run as a formula (starting with = + - @, tab or carriage return) get a leading '.
 */
export function coverageCsv(rows: CoverageRow[], t: TFunction, timeZone: string, version: number): string {
  const when = (at: number | null) => (at === null ? "" : toLocalDateTimeInput(at, timeZone).replace("T", " "));
  const header = ["name", "email", "department", "status", "acknowledgedAt", "language", "lastVersion", "lastRemindedAt"].map((key) =>
    t(`guidelines.csv.${key}`),
  );
  const data = rows.map((r) => [
    r.name,
    r.email,
    r.department ?? "",
    t(r.acknowledgedAt !== null ? "guidelines.csv.acknowledged" : "guidelines.csv.pending", { version }),
    when(r.acknowledgedAt),
    r.language ?? "",
    r.lastVersion === null ? "" : String(r.lastVersion),
    when(r.lastRemindedAt),
  ]);
  return Papa.unparse({ fields: header, data }, { escapeFormulae: true });
}

// ---------------------------------------------------------------------------------------------
// Reminders

export async function reminderState(db: DB, documentId: string, now = Date.now()) {
  const [intervalDays, last] = await Promise.all([
    getReminderIntervalDays(db),
    db
      .selectFrom("guideline_reminders")
      .select((eb) => eb.fn.max("sent_at").as("at"))
      .where("document_id", "=", documentId)
      .executeTakeFirst(),
  ]);
  const lastSentAt = last?.at === null || last?.at === undefined ? null : Number(last.at);
  const nextAllowedAt = lastSentAt === null ? null : lastSentAt + intervalDays * DAY;
  return { intervalDays, lastSentAt, nextAllowedAt: nextAllowedAt !== null && nextAllowedAt > now ? nextAllowedAt : null };
}

export type ReminderResult =
  | { ok: true; sent: number }
  | { ok: false; error: "guidelines.errors.reminderTooSoon"; nextAllowedAt: number }
  | { ok: false; error: "guidelines.errors.noPublishedVersion" };

interface Recipient {
  id: string;
  name: string;
  email: string;
  locale: Locale;
}

/**
 * Mails every pending employee a link to the current version, in their language. Refused while the
 * document's last reminder is more recent than the interval; the check and the record of who was
 * reminded share one serializable transaction, so two people pressing the button get one round of mail.
 */
export async function sendGuidelineReminders(
  db: DB,
  input: { documentId: string; actorId: string | null; origin: string; now?: number },
): Promise<ReminderResult> {
  const now = input.now ?? Date.now();
  const claimed = await serializableTransaction(db, async (trx) => {
    const version = await trx
      .selectFrom("guideline_versions as v")
      .innerJoin("guideline_documents as d", "d.id", "v.document_id")
      .select(["v.id", "v.version", "d.slug", "d.required"])
      .where("v.document_id", "=", input.documentId)
      .where("v.status", "=", "published")
      .executeTakeFirst();
    if (!version) return { ok: false, error: "guidelines.errors.noPublishedVersion" } as const;
    const state = await reminderState(trx, input.documentId, now);
    if (state.nextAllowedAt !== null)
      return { ok: false, error: "guidelines.errors.reminderTooSoon", nextAllowedAt: state.nextAllowedAt } as const;
    const pending = await employeesWithAcknowledgement(trx, input.documentId, version.id)
      .where("a.id", "is", null)
      .orderBy("u.name")
      .orderBy("u.id")
      .execute();
    const recipients: Recipient[] = pending.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      locale: isLocale(p.locale) ? p.locale : DEFAULT_LOCALE,
    }));
    for (let i = 0; i < recipients.length; i += 500) {
      await trx
        .insertInto("guideline_reminders")
        .values(
          recipients.slice(i, i + 500).map((r) => ({
            id: newId(),
            document_id: input.documentId,
            version_id: version.id,
            user_id: r.id,
            sent_by: input.actorId,
            sent_at: now,
          })),
        )
        .execute();
    }
    return { ok: true, version, recipients } as const;
  });
  if (!claimed.ok) return claimed;
  const { version, recipients } = claimed;
  const texts = (await loadTexts(db, [version.id])).get(version.id) ?? {};
  const link = `${input.origin}/guidelines/${version.slug}`;
  for (const to of recipients) {
    const t = getFixedT(to.locale);
    const title = pickLanguage(texts, to.locale)?.text.title ?? version.slug;
    const lines = [
      t("guidelines.mail.greeting", { name: to.name }),
      t(version.required === 1 ? "guidelines.mail.bodyRequired" : "guidelines.mail.body", { title, version: version.version }),
    ];
    const cta = t("guidelines.mail.cta");
    await sendMail(db, {
      to: to.email,
      subject: t("guidelines.mail.subject", { title }),
      text: `${lines.join("\n\n")}\n\n${cta}: ${link}`,
      html: `${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("")}<p><a href="${escapeHtml(link)}">${escapeHtml(cta)}</a></p>`,
    });
  }
  return { ok: true, sent: recipients.length };
}

// ---------------------------------------------------------------------------------------------
// Overview

/** Every document with its current version, its draft and how many employees acknowledged the current version. */
export async function documentsOverview(db: DB, language: Locale) {
  const documents = await db
    .selectFrom("guideline_documents")
    .select(["id", "slug", "required", "created_at"])
    .orderBy("required", "desc")
    .orderBy("created_at")
    .orderBy("slug")
    .execute();
  const versions = documents.length
    ? await db
        .selectFrom("guideline_versions")
        .select(["id", "document_id", "version", "status", "published_at", "updated_at"])
        .where(
          "document_id",
          "in",
          documents.map((d) => d.id),
        )
        .where("status", "in", ["draft", "published"])
        .execute()
    : [];
  const published = versions.filter((v) => v.status === "published");
  const [texts, employees, counts] = await Promise.all([
    loadTexts(
      db,
      versions.map((v) => v.id),
    ),
    db
      .selectFrom("users as u")
      .innerJoin("user_roles as r", (join) => join.onRef("r.user_id", "=", "u.id").on("r.role", "=", "employee"))
      .where("u.status", "=", "active")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    published.length
      ? db
          .selectFrom("guideline_acknowledgements as a")
          .innerJoin("users as u", "u.id", "a.user_id")
          .innerJoin("user_roles as r", (join) => join.onRef("r.user_id", "=", "u.id").on("r.role", "=", "employee"))
          .where("u.status", "=", "active")
          .where(
            "a.version_id",
            "in",
            published.map((v) => v.id),
          )
          .select((eb) => ["a.version_id", eb.fn.countAll<number>().as("n")])
          .groupBy("a.version_id")
          .execute()
      : [],
  ]);
  const total = Number(employees.n);
  return documents.map((d) => {
    const current = published.find((v) => v.document_id === d.id) ?? null;
    const draft = versions.find((v) => v.document_id === d.id && v.status === "draft") ?? null;
    const shown = current ?? draft;
    const title = shown ? (pickLanguage(texts.get(shown.id) ?? {}, language)?.text.title ?? d.slug) : d.slug;
    const acknowledged = current ? Number(counts.find((c) => c.version_id === current.id)?.n ?? 0) : 0;
    return {
      id: d.id,
      slug: d.slug,
      title,
      required: d.required === 1,
      current: current ? { version: current.version, publishedAt: current.published_at } : null,
      draft: draft ? { version: draft.version, updatedAt: draft.updated_at } : null,
      coverage: current ? { acknowledged, total, percent: percent(acknowledged, total) } : null,
    };
  });
}
