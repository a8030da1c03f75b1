import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getDocumentBySlug, listVersions, loadTexts } from "~/models/guidelines/documents.server";
import { saveDraftText } from "~/models/guidelines/versions.server";
import type { GuidelineRule } from "~/models/guidelines/schema";
import { describeGuidelineSync, parseGuidelineFile, readGuidelineFiles, syncGuidelines } from "~/models/guidelines/sync.server";
import { db } from "~/utils/db.server";
import { rules, uniqueSlug } from "./helpers";

const root = path.resolve(import.meta.dirname, "../..");
const tmpDirs: string[] = [];
afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "altavoz-guidelines-"));
  tmpDirs.push(dir);
  return dir;
}

interface FileSpec {
  title?: string;
  required?: boolean;
  rules?: GuidelineRule[];
  intro?: string;
}

/** A guideline file with its frontmatter written as JSON (which is valid YAML). */
function writeFile(dir: string, slug: string, language: string, spec: FileSpec = {}) {
  const data = {
    slug,
    language,
    title: spec.title ?? (language === "es" ? "Decálogo" : "Decalogue"),
    required: spec.required ?? true,
    rules: spec.rules ?? rules(10, language === "es" ? "Regla" : "Rule"),
  };
  fs.writeFileSync(
    path.join(dir, `${slug}.${language}.md`),
    `---\n${JSON.stringify(data, null, 2)}\n---\n${spec.intro ?? (language === "es" ? "Introducción." : "Introduction.")}\n`,
  );
}

async function versionsOf(slug: string) {
  const document = await getDocumentBySlug(db, slug);
  return document
    ? (await listVersions(db, document.id))
        .map((v) => ({ version: v.version, status: v.status, source: v.source, languages: v.languages }))
        .reverse()
    : null;
}

describe("syncing content/guidelines", () => {
  it("creates and publishes a new document, then changes nothing while the files are unchanged", async () => {
    const dir = tempDir();
    const slug = uniqueSlug("decalogo");
    writeFile(dir, slug, "es");
    writeFile(dir, slug, "en");
    const first = await syncGuidelines(db, dir);
    expect(first).toEqual({ ok: true, problems: [], entries: [{ slug, action: "created", version: 1, published: true, notes: [] }] });
    const document = await getDocumentBySlug(db, slug);
    expect(document?.required).toBe(1);
    expect(await versionsOf(slug)).toEqual([{ version: 1, status: "published", source: "sync", languages: ["es", "en"] }]);
    const snapshot = await db.selectFrom("guideline_versions").selectAll().where("document_id", "=", document!.id).execute();

    const second = await syncGuidelines(db, dir);
    expect(second.entries).toEqual([{ slug, action: "unchanged", version: 1, published: true, notes: [] }]);
    expect(await db.selectFrom("guideline_versions").selectAll().where("document_id", "=", document!.id).execute()).toEqual(snapshot);
    expect(describeGuidelineSync(second)).toEqual([`guidelines: ${slug}: unchanged (version 1)`]);
  });

  it("turns a changed file into a new draft, never touching the published version; later syncs update or discard that draft", async () => {
    const dir = tempDir();
    const slug = uniqueSlug("decalogo");
    writeFile(dir, slug, "es");
    writeFile(dir, slug, "en");
    await syncGuidelines(db, dir);
    const document = (await getDocumentBySlug(db, slug))!;
    const v1 = (await db.selectFrom("guideline_versions").select("id").where("document_id", "=", document.id).executeTakeFirstOrThrow()).id;
    const published = await loadTexts(db, [v1]);

    writeFile(dir, slug, "es", { title: "Decálogo revisado" });
    const changed = await syncGuidelines(db, dir);
    expect(changed.entries).toEqual([
      { slug, action: "new-draft", version: 2, published: false, notes: ["an editor publishes it from Manage → Guidelines"] },
    ]);
    expect(await versionsOf(slug)).toEqual([
      { version: 1, status: "published", source: "sync", languages: ["es", "en"] },
      { version: 2, status: "draft", source: "sync", languages: ["es", "en"] },
    ]);
    expect(await loadTexts(db, [v1])).toEqual(published);

    expect((await syncGuidelines(db, dir)).entries[0]).toMatchObject({ action: "unchanged", version: 2 });

    writeFile(dir, slug, "es", { title: "Decálogo revisado otra vez" });
    expect((await syncGuidelines(db, dir)).entries[0]).toMatchObject({ action: "draft-updated", version: 2 });
    const draft = (
      await db
        .selectFrom("guideline_versions")
        .select("id")
        .where("document_id", "=", document.id)
        .where("status", "=", "draft")
        .executeTakeFirstOrThrow()
    ).id;
    expect((await loadTexts(db, [draft])).get(draft)?.es?.title).toBe("Decálogo revisado otra vez");

    // Back to the published text: the draft has nothing left to say.
    writeFile(dir, slug, "es");
    expect((await syncGuidelines(db, dir)).entries[0]).toMatchObject({ action: "draft-discarded", version: 1 });
    expect(await versionsOf(slug)).toEqual([{ version: 1, status: "published", source: "sync", languages: ["es", "en"] }]);
    expect(await loadTexts(db, [v1])).toEqual(published);
  });

  it("leaves a draft edited in the app alone and keeps the app's required flag", async () => {
    const dir = tempDir();
    const slug = uniqueSlug("guia");
    writeFile(dir, slug, "es", { required: false });
    await syncGuidelines(db, dir);
    const document = (await getDocumentBySlug(db, slug))!;
    const edited = { title: "Editado en la app", introduction: "Intro.", rules: rules(10) };
    expect(await saveDraftText(db, { documentId: document.id, language: "es", text: edited, actorId: null })).toMatchObject({
      ok: true,
      version: 2,
    });

    writeFile(dir, slug, "es", { required: true, title: "Cambiado en el archivo" });
    const report = await syncGuidelines(db, dir);
    expect(report.entries).toEqual([
      {
        slug,
        action: "conflict",
        version: 2,
        published: false,
        notes: [
          "the files say required: true, the app says false; the app's setting was kept",
          "draft version 2 was edited in the app, so the files' changes were not imported; publish or discard that draft and sync again",
        ],
      },
    ]);
    const draft = (
      await db
        .selectFrom("guideline_versions")
        .select("id")
        .where("document_id", "=", document.id)
        .where("status", "=", "draft")
        .executeTakeFirstOrThrow()
    ).id;
    expect((await loadTexts(db, [draft])).get(draft)?.es?.title).toBe("Editado en la app");
    expect((await getDocumentBySlug(db, slug))?.required).toBe(0);
  });

  it("keeps a document with no Spanish text as an unpublished draft", async () => {
    const dir = tempDir();
    const slug = uniqueSlug("english-only");
    writeFile(dir, slug, "en");
    const report = await syncGuidelines(db, dir);
    expect(report.entries).toEqual([
      { slug, action: "created", version: 1, published: false, notes: ["not published: it has no es text"] },
    ]);
    expect(await versionsOf(slug)).toEqual([{ version: 1, status: "draft", source: "sync", languages: ["en"] }]);
  });
});

describe("problems in guideline files", () => {
  const problemsOf = (name: string, source: string) => {
    const result = parseGuidelineFile(`content/guidelines/${name}`, source);
    return result.ok
      ? []
      : result.problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ""}: ${p.field ? `${p.field}: ` : ""}${p.message}`);
  };
  const ruleYaml = (n: number) =>
    Array.from(
      { length: n },
      (_, i) => `  - title: "Regla ${i + 1}"\n    body: |\n      Texto ${i + 1}.\n    do: ["Sí"]\n    dont: ["No"]`,
    ).join("\n");
  const file = (frontmatter: string, intro = "Introducción.") => `---\n${frontmatter}\n---\n${intro}\n`;
  const good = `slug: guia\nlanguage: es\ntitle: "Guía"\nrequired: true\nrules:\n${ruleYaml(3)}`;

  it("accepts a well-formed file written the way the content files are", () => {
    const result = parseGuidelineFile("content/guidelines/guia.es.md", file(good, "Una **introducción**."));
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.parsed.text).toMatchObject({
        title: "Guía",
        introduction: "Una **introducción**.",
        rules: [{ title: "Regla 1", body: "Texto 1.", do: ["Sí"], dont: ["No"] }, {}, {}],
      });
  });

  it("names the file and the line of a YAML syntax error", () => {
    const broken = `slug: guia\nlanguage: es\ntitle: "Guía\nrequired: true\nrules:\n${ruleYaml(3)}`;
    const [problem] = problemsOf("guia.es.md", file(broken));
    expect(problem).toMatch(/^content\/guidelines\/guia\.es\.md:\d+: YAML syntax error in the frontmatter: /);
    const indented = `slug: guia\nlanguage: es\ntitle: Guía\n  required: true\nrules: []`;
    // Line 5 of the file: "---" is line 1.
    expect(problemsOf("guia.es.md", file(indented))).toEqual([
      "content/guidelines/guia.es.md:5: YAML syntax error in the frontmatter: bad indentation of a mapping entry",
    ]);
  });

  it("names the file and the field of every other problem", () => {
    expect(problemsOf("guia.es.md", "Sin frontmatter.")).toEqual([
      "content/guidelines/guia.es.md:1: no frontmatter: the file must start with a line containing only ---",
    ]);
    expect(problemsOf("guia.es.md", file(good.replace('title: "Guía"\n', "")))).toEqual([
      "content/guidelines/guia.es.md: title: title is missing",
    ]);
    expect(problemsOf("guia.es.md", file(good.replace(ruleYaml(3), ruleYaml(2))))).toEqual([
      "content/guidelines/guia.es.md: rules: needs between 3 and 20 rules",
    ]);
    expect(problemsOf("guia.es.md", file(good.replace(ruleYaml(3), ruleYaml(21))))).toEqual([
      "content/guidelines/guia.es.md: rules: needs between 3 and 20 rules",
    ]);
    expect(problemsOf("guia.es.md", file(good.replace("    body: |\n      Texto 2.\n", "")))).toEqual([
      "content/guidelines/guia.es.md: rule 2 › body: body is missing",
    ]);
    expect(problemsOf("guia.es.md", file(good.replace('    dont: ["No"]', '    dont: ["No"]\n    donts: ["typo"]')))).toEqual([
      "content/guidelines/guia.es.md: rule 1: unknown field(s) donts (expected title, body, do, dont)",
    ]);
    expect(problemsOf("guia.es.md", file(good.replace("required: true", "required: si")))).toEqual([
      "content/guidelines/guia.es.md: required: required must be true or false",
    ]);
    expect(problemsOf("guia.es.md", file(good.replace("language: es", "language: fr")))).toEqual([
      "content/guidelines/guia.es.md: language: language must be one of es, en",
    ]);
    expect(problemsOf("guia.es.md", file(good, "   "))).toEqual([
      "content/guidelines/guia.es.md: introduction: the introduction (the markdown after the frontmatter) is empty",
    ]);
    expect(problemsOf("guia.en.md", file(good))).toEqual([
      'content/guidelines/guia.en.md: language: "es" does not match the file name (expected "en")',
    ]);
    expect(problemsOf("otra.es.md", file(good))).toEqual([
      'content/guidelines/otra.es.md: slug: "guia" does not match the file name (expected "otra")',
    ]);
    expect(problemsOf("guia.md", file(good))).toEqual([
      "content/guidelines/guia.md: file name must be <slug>.<language>.md, with language es or en (e.g. social-media-decalogue.es.md)",
    ]);
  });

  it("reports markdown that would be stripped: raw HTML, javascript: links, images", () => {
    const bad = good
      .replace("      Texto 1.", "      Texto <script>alert(1)</script>")
      .replace('do: ["Sí"]', 'do: ["[clic](javascript:alert(1))"]');
    expect(problemsOf("guia.es.md", file(bad, "Intro ![x](https://example.com/x.png)"))).toEqual([
      "content/guidelines/guia.es.md: introduction: images are not allowed in guideline texts",
      "content/guidelines/guia.es.md: rule 1 › body: raw HTML is not allowed in markdown (it would be removed); use markdown instead",
      "content/guidelines/guia.es.md: rule 1 › do: links must start with http://, https://, mailto: or /",
    ]);
  });

  it("checks the languages of a slug against each other, and writes nothing when any file has a problem", async () => {
    const dir = tempDir();
    const slug = uniqueSlug("pareja");
    writeFile(dir, slug, "es", { rules: rules(10) });
    writeFile(dir, slug, "en", { rules: rules(9, "Rule"), required: false });
    const fine = uniqueSlug("correcta");
    writeFile(dir, fine, "es");
    fs.writeFileSync(path.join(dir, "README.md"), "# Not a guideline");
    const report = await syncGuidelines(db, dir);
    expect(report.ok).toBe(false);
    expect(report.entries).toEqual([]);
    expect(report.problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      `required: the languages of "${slug}" disagree on required`,
      `rules: the languages of "${slug}" have different numbers of rules (en: 9, es: 10); translations must have the same rules`,
    ]);
    expect(await getDocumentBySlug(db, fine)).toBeUndefined();
    expect(describeGuidelineSync(report)[0]).toBe("guidelines: nothing was changed; fix these problems first:");
  });
});

describe("the shipped content/guidelines files", () => {
  it("are valid: the social media decálogo is required, with ten rules in Spanish and English", async () => {
    const { slugs, problems } = await readGuidelineFiles(path.join(root, "content/guidelines"));
    expect(problems).toEqual([]);
    const decalogue = slugs.find((s) => s.slug === "social-media-decalogue");
    expect(decalogue?.required).toBe(true);
    expect(decalogue?.texts.es?.rules).toHaveLength(10);
    expect(decalogue?.texts.en?.rules).toHaveLength(10);
    const spanish = JSON.stringify(decalogue?.texts.es).toLowerCase();
    for (const topic of ["trabajas aquí", "confidencial", "atención al cliente", "respeto"]) expect(spanish).toContain(topic);
  });
});

describe("npm run sync:content", () => {
  const run = (args: string[]) =>
    spawnSync("npx", ["tsx", "app/cli/sync-library.ts", ...args], { cwd: root, env: process.env, encoding: "utf8", timeout: 60_000 });

  it("syncs a content folder, prints what happened and exits 1 on a bad file without writing anything", async () => {
    const contentRoot = tempDir();
    const dir = path.join(contentRoot, "guidelines");
    fs.mkdirSync(dir);
    const slug = uniqueSlug("cli");
    writeFile(dir, slug, "es");
    const ok = run(["--root", contentRoot]);
    expect(ok.stderr).not.toMatch(/Error/);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`guidelines: ${slug}: created, version 1 published`);
    expect(await versionsOf(slug)).toEqual([{ version: 1, status: "published", source: "sync", languages: ["es"] }]);

    fs.writeFileSync(path.join(dir, `${slug}.en.md`), "---\ntitle: Intro\n  slug: mal\n---\nIntro\n");
    const bad = run(["--root", contentRoot]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`${slug}.en.md:3: YAML syntax error in the frontmatter: bad indentation of a mapping entry`);
    expect(await versionsOf(slug)).toHaveLength(1);

    const unknown = run(["--only", "recipes"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown content kind: recipes");
  }, 120_000);
});
