import { describe, expect, it } from "vitest";
import { commonLanguage, diffGuidelineTexts, diffRules, diffText } from "~/models/guidelines/diff.server";
import { saveDraftText } from "~/models/guidelines/versions.server";
import * as diffPage from "~/routes/guidelines.$slug.diff";
import { db } from "~/utils/db.server";
import { call, createTestUser, getRequest, jsonOf } from "../support/http";
import { createGuideline, publishNewVersion, rules, sampleText } from "./helpers";

const kinds = (changes: ReturnType<typeof diffRules>) => changes.map((c) => [c.kind, c.from, c.to]);

describe("diffing rules", () => {
  it("shows a rule inserted in the middle as one new rule, the later ones moved but unchanged", () => {
    const before = rules(4);
    const after = [before[0], { title: "Nueva", body: "Texto nuevo.", do: ["a"], dont: [] }, ...before.slice(1)];
    const changes = diffRules(before, after);
    expect(kinds(changes)).toEqual([
      ["unchanged", 1, 1],
      ["added", null, 2],
      ["unchanged", 2, 3],
      ["unchanged", 3, 4],
      ["unchanged", 4, 5],
    ]);
    expect(changes[1]).toMatchObject({ title: [{ kind: "added", text: "Nueva" }], do: [{ kind: "added", text: "a" }] });
  });

  it("shows removed rules and word-level changes inside a changed rule", () => {
    const before = rules(4);
    const after = [
      before[0],
      { ...before[2], body: "Explicación de la regla 3, ahora más clara.", dont: ["No hacer 3", "Tampoco esto"] },
      before[3],
    ];
    const changes = diffRules(before, after);
    expect(kinds(changes)).toEqual([
      ["unchanged", 1, 1],
      ["removed", 2, null],
      ["changed", 3, 2],
      ["unchanged", 4, 3],
    ]);
    const changed = changes[2];
    // The segments rebuild both texts exactly, and only the new words are marked as added.
    expect(
      changed.body
        .filter((s) => s.kind !== "added")
        .map((s) => s.text)
        .join(""),
    ).toBe(before[2].body);
    expect(
      changed.body
        .filter((s) => s.kind !== "removed")
        .map((s) => s.text)
        .join(""),
    ).toBe("Explicación de la regla 3, ahora más clara.");
    expect(
      changed.body
        .filter((s) => s.kind === "added")
        .map((s) => s.text)
        .join(""),
    ).toContain("ahora más clara");
    expect(changed.body.find((s) => s.kind === "same")?.text).toContain("Explicación de la regla");
    expect(changed.dont).toEqual([
      { kind: "same", text: "No hacer 3" },
      { kind: "added", text: "Tampoco esto" },
    ]);
  });

  it("pairs a reworded title with the rule it replaced", () => {
    const before = rules(3);
    const after = [before[0], { ...before[1], title: "Regla dos, con otro título" }, before[2]];
    const changes = diffRules(before, after);
    expect(kinds(changes)).toEqual([
      ["unchanged", 1, 1],
      ["changed", 2, 2],
      ["unchanged", 3, 3],
    ]);
    expect(changes[1].title.map((s) => s.kind)).toContain("added");
  });

  it("summarises title, introduction and rules", () => {
    const from = sampleText();
    const to = { ...from, introduction: "Otra introducción.", rules: from.rules.slice(1) };
    const diff = diffGuidelineTexts(from, to);
    expect(diff.titleChanged).toBe(false);
    expect(diff.introductionChanged).toBe(true);
    expect(diff.counts).toEqual({ added: 0, removed: 1, changed: 0, unchanged: 9 });
    expect(diffText("igual", "igual")).toEqual([{ kind: "same", text: "igual" }]);
  });

  it("compares in the reader's language when both versions have it, else in Spanish", () => {
    expect(commonLanguage({ es: 1, en: 1 }, { es: 1, en: 1 }, "en")).toBe("en");
    expect(commonLanguage({ es: 1 }, { es: 1, en: 1 }, "en")).toBe("es");
    expect(commonLanguage({ en: 1 }, { es: 1 }, "en")).toBeNull();
  });
});

describe("/guidelines/:slug/diff", () => {
  it("defaults to the previous and the current version, and shows drafts only to editors", async () => {
    const employee = await createTestUser();
    const editor = await createTestUser({ roles: ["editor", "employee"] });
    const g = await createGuideline();
    await publishNewVersion(g.documentId, sampleText({ rules: [...rules(9), { title: "Regla nueva", body: "Nueva.", do: [], dont: [] }] }));
    await saveDraftText(db, { documentId: g.documentId, language: "es", text: sampleText({ title: "Borrador" }), actorId: editor.id });

    const response = await call(diffPage.loader, getRequest(`/guidelines/${g.slug}/diff`, { cookie: employee.cookie }), { slug: g.slug });
    expect(response.status).toBe(200);
    const view = await jsonOf(response);
    expect([view.from, view.to, view.language]).toEqual([1, 2, "es"]);
    expect(view.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    // Rule 10 was replaced in place: shown as one changed rule.
    expect(view.diff.counts).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 9 });

    const draftForEmployee = await call(
      diffPage.loader,
      getRequest(`/guidelines/${g.slug}/diff?from=2&to=3`, { cookie: employee.cookie }),
      { slug: g.slug },
    );
    expect(draftForEmployee.status).toBe(404);
    const draftForEditor = await call(diffPage.loader, getRequest(`/guidelines/${g.slug}/diff?from=2&to=3`, { cookie: editor.cookie }), {
      slug: g.slug,
    });
    expect(draftForEditor.status).toBe(200);
    expect((await jsonOf(draftForEditor)).diff.titleChanged).toBe(true);

    const first = await jsonOf(
      await call(diffPage.loader, getRequest(`/guidelines/${g.slug}/diff?to=1`, { cookie: employee.cookie }), { slug: g.slug }),
    );
    expect([first.from, first.diff]).toEqual([null, null]);
  });
});
