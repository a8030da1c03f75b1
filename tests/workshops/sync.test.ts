import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getWorkshopBySlug, listVersions, loadTexts } from "~/models/workshops/workshops.server";
import { saveDraftText } from "~/models/workshops/versions.server";
import { parseWorkshopFile, readWorkshopFiles, syncWorkshops } from "~/models/workshops/sync.server";
import { db } from "~/utils/db.server";
import { sampleText, uniqueSlug } from "./helpers";

const root = path.resolve(import.meta.dirname, "../..");
const tmpDirs: string[] = [];
afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "altavoz-workshops-"));
  tmpDirs.push(dir);
  return dir;
}

/** A workshop file with its frontmatter written as JSON (valid YAML). */
function writeFile(dir: string, slug: string, language: "es" | "en", overrides: Record<string, unknown> = {}) {
  const text = sampleText(language);
  const data = {
    slug,
    language,
    title: text.title,
    summary: text.summary,
    durationMinutes: 30,
    required: true,
    dueDays: 30,
    passMark: 70,
    maxAttempts: 3,
    lessons: text.lessons,
    caseStudies: text.caseStudies,
    quiz: text.quiz,
    ...overrides,
  };
  fs.writeFileSync(path.join(dir, `${slug}.${language}.md`), `---\n${JSON.stringify(data, null, 2)}\n---\n${text.introduction}\n`);
}

async function versionsOf(slug: string) {
  const w = await getWorkshopBySlug(db, slug);
  return w ? (await listVersions(db, w.id)).map((v) => ({ version: v.version, status: v.status, source: v.source })).reverse() : null;
}

describe("syncing content/workshops", () => {
  it("accepts the shipped workshops", async () => {
    const { slugs, problems } = await readWorkshopFiles(path.join(root, "content/workshops"));
    expect(problems).toEqual([]);
    expect(slugs.map((s) => s.slug).sort()).toEqual(["customer-conversations", "how-social-networks-work"]);
    for (const s of slugs) {
      expect(Object.keys(s.texts).sort()).toEqual(["en", "es"]);
      expect(s.texts.es!.caseStudies.map((c) => c.outcome).sort()).toEqual(["failure", "success"]);
      expect(s.texts.es!.quiz.some((q) => q.kind === "multiple")).toBe(true);
    }
  });

  it("creates and publishes, changes nothing when run again, and turns a changed file into a draft", async () => {
    const dir = tempDir();
    const slug = uniqueSlug();
    writeFile(dir, slug, "es");
    writeFile(dir, slug, "en");
    expect(await syncWorkshops(db, dir)).toEqual({
      ok: true,
      problems: [],
      entries: [{ slug, action: "created", version: 1, published: true, notes: [] }],
    });
    const snapshot = await db.selectFrom("workshop_version_texts").selectAll().orderBy("version_id").orderBy("language").execute();
    const again = await syncWorkshops(db, dir);
    expect(again.entries).toEqual([{ slug, action: "unchanged", version: 1, published: true, notes: [] }]);
    expect(await db.selectFrom("workshop_version_texts").selectAll().orderBy("version_id").orderBy("language").execute()).toEqual(snapshot);
    expect(await versionsOf(slug)).toEqual([{ version: 1, status: "published", source: "sync" }]);

    // A setting changed in both files: a new draft; the published version keeps its settings and text.
    writeFile(dir, slug, "es", { passMark: 80, title: "Nuevo título" });
    writeFile(dir, slug, "en", { passMark: 80 });
    expect((await syncWorkshops(db, dir)).entries[0]).toMatchObject({ action: "new-draft", version: 2 });
    expect((await syncWorkshops(db, dir)).entries[0]).toMatchObject({ action: "unchanged", version: 2 });
    expect(await versionsOf(slug)).toEqual([
      { version: 1, status: "published", source: "sync" },
      { version: 2, status: "draft", source: "sync" },
    ]);
    const published = await db
      .selectFrom("workshop_versions")
      .selectAll()
      .where("status", "=", "published")
      .where("workshop_id", "=", (await getWorkshopBySlug(db, slug))!.id)
      .executeTakeFirstOrThrow();
    expect(published.pass_mark).toBe(70);
    expect((await loadTexts(db, [published.id])).get(published.id)?.es?.title).toBe("Taller de prueba");

    // An editor's draft is never overwritten by the files.
    const w = (await getWorkshopBySlug(db, slug))!;
    expect(
      (await saveDraftText(db, { workshopId: w.id, language: "es", text: sampleText("es", { title: "Del editor" }), actorId: null })).ok,
    ).toBe(true);
    writeFile(dir, slug, "es", { passMark: 90 });
    writeFile(dir, slug, "en", { passMark: 90 });
    expect((await syncWorkshops(db, dir)).entries[0]).toMatchObject({ action: "conflict", version: 2 });
  });

  it("reports bad frontmatter with the file and field, and writes nothing", async () => {
    const dir = tempDir();
    const good = uniqueSlug();
    const bad = uniqueSlug();
    writeFile(dir, good, "es");
    writeFile(dir, bad, "es", {
      passMark: 120,
      quiz: [
        {
          question: "¿?",
          kind: "single",
          options: [
            { text: "a", correct: true },
            { text: "b", correct: true },
          ],
        },
      ],
    });
    const report = await syncWorkshops(db, dir);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({
      file: path.join(dir, `${bad}.es.md`),
      field: "passMark",
      message: "passMark must be between 0 and 100",
    });
    expect(await getWorkshopBySlug(db, good)).toBeUndefined();

    const unknownField = fs
      .readFileSync(path.join(dir, `${good}.es.md`), "utf8")
      .replace(`"passMark": 70`, `"passMark": 70, "pasMark": 80`);
    expect(parseWorkshopFile(path.join(dir, `${good}.es.md`), unknownField)).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringContaining("pasMark") }],
    });
    expect(parseWorkshopFile("x/broken.es.md", "---\ntitle: [unclosed\n---\nHola")).toMatchObject({
      ok: false,
      problems: [{ file: "x/broken.es.md", line: expect.any(Number) }],
    });
    expect(parseWorkshopFile("x/Bad Name.md", "---\n---\n")).toMatchObject({ ok: false });
  });

  it("refuses translations with a different structure or a wrong single-choice question", async () => {
    const dir = tempDir();
    const slug = uniqueSlug();
    writeFile(dir, slug, "es");
    writeFile(dir, slug, "en", { lessons: [{ title: "Only one", body: "Text." }] });
    const report = await syncWorkshops(db, dir);
    expect(report.ok).toBe(false);
    expect(report.problems[0].message).toContain("differ in structure");

    const dir2 = tempDir();
    const slug2 = uniqueSlug();
    writeFile(dir2, slug2, "es", {
      quiz: [
        {
          question: "¿?",
          kind: "single",
          options: [
            { text: "a", correct: true },
            { text: "b", correct: true },
          ],
        },
      ],
    });
    const report2 = await syncWorkshops(db, dir2);
    expect(report2.problems).toEqual([
      {
        file: path.join(dir2, `${slug2}.es.md`),
        field: "question 1",
        message: "a single-choice question needs exactly one correct option",
      },
    ]);
  });
});
