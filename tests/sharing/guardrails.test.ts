// Guardrails on employees' edits: blocked phrases (case, accents, word boundaries) quoting the decálogo's
// rule, the required disclosure per network (kept, dropped, counted in X's length), reviewers' locks, and
// the word diff on re-review; through the models and through real form posts (no JavaScript).
import { beforeAll, describe, expect, it } from "vitest";
import { acknowledgeGuideline } from "~/models/guidelines/acknowledgements.server";
import { transitionContent, updateContentItem } from "~/models/content/items.server";
import { setTextLock } from "~/models/content/text-locks.server";
import { containsPhrase, foldText, guardrailProblem, withDisclosure } from "~/models/sharing/guardrail-match";
import { addBlockedPhrase, DECALOGUE_SLUG, listBlockedPhrases, setDisclosures } from "~/models/sharing/guardrails.server";
import * as feedItemRoute from "~/routes/feed.$id";
import * as reviewRoute from "~/routes/review.$id";
import * as adminRoute from "~/routes/admin.guardrails";
import { db } from "~/utils/db.server";
import { approvedItem, contentInput, createActor, type TestActor } from "../content/helpers";
import { createGuideline, textHashOf } from "../guidelines/helpers";
import { call, createTestDepartment, createTestUser, getRequest, jsonOf, postRequest, type TestUser } from "../support/http";

const HOUR = 3_600_000;
const NOW = Date.now();

let editor: TestActor;
let reviewer: TestActor;
let admin: TestUser;
let sales: string;
let guideline: { versionId: string };
let item: string;

async function onboarded(): Promise<TestUser> {
  const person = await createTestUser({ departmentId: sales });
  const result = await acknowledgeGuideline(db, {
    userId: person.id,
    versionId: guideline.versionId,
    language: "es",
    textHash: await textHashOf(guideline.versionId, "es"),
  });
  if (!result.ok) throw new Error(result.error);
  return person;
}

const counts = async (userId: string) => {
  const n = async (table: "shares" | "points_ledger" | "tracked_links") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("user_id", "=", userId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { shares: await n("shares"), points: await n("points_ledger"), links: await n("tracked_links") };
};

const openDialog = async (person: TestUser, network: string) =>
  jsonOf(await call(feedItemRoute.loader, getRequest(`/feed/${item}?network=${network}`, { cookie: person.cookie }), { id: item }));

const draftOf = (page: any, network: string) => page.share.drafts.find((d: { network: string }) => d.network === network);

const share = (person: TestUser, body: Record<string, string>) =>
  call(feedItemRoute.action, postRequest(`/feed/${item}`, { intent: "share", subject: "", ...body }, { cookie: person.cookie }), {
    id: item,
  });

beforeAll(async () => {
  editor = await createActor(["editor"]);
  reviewer = await createActor(["reviewer"]);
  admin = await createTestUser({ roles: ["admin"] });
  sales = await createTestDepartment("Ventas (límites)");
  guideline = await createGuideline({ slug: DECALOGUE_SLUG, required: true });
  item = await approvedItem(
    editor,
    reviewer,
    {
      title: "Fibra en Valencia",
      publishAt: NOW - HOUR,
      hashtags: ["#Fibra"],
      shareTexts: { linkedin: { text: "Más fibra para Valencia." }, x: { text: "Más fibra para Valencia" } },
    },
    NOW - 2 * HOUR,
  );
  const added = await addBlockedPhrase(db, admin.id, { phrase: "Éxito garantizado", ruleNumber: 3, ruleText: null });
  expect(added.ok).toBe(true);
  expect((await addBlockedPhrase(db, admin.id, { phrase: "opinión oficial", ruleNumber: null, ruleText: "Habla en tu nombre" })).ok).toBe(
    true,
  );
  expect((await setDisclosures(db, admin.id, { x: "#empleado", linkedin: "Trabajo en Telco" })).ok).toBe(true);
});

describe("matching", () => {
  it("ignores case and accents, and needs whole words at the phrase's letter ends", () => {
    expect(foldText("  ÉXITO   Garantizado ")).toBe("exito garantizado");
    const folded = (text: string) => foldText(text);
    expect(containsPhrase(folded("¡Un EXITO GARANTIZADO!"), "éxito garantizado")).toBe(true);
    expect(containsPhrase(folded("éxito\ngarantizado"), "Exito garantizado")).toBe(true);
    expect(containsPhrase(folded("un éxito garantizadísimo"), "éxito garantizado")).toBe(false);
    expect(containsPhrase(folded("gratis"), "grat")).toBe(false);
    expect(containsPhrase(folded("100% gratis"), "100%")).toBe(true);
    expect(containsPhrase(folded("es #empleado2"), "#empleado")).toBe(false);
    expect(containsPhrase(folded("Soy #Empleado."), "#empleado")).toBe(true);
  });

  it("adds the disclosure to a suggested text once, after a hashtag-like space or as its own paragraph", () => {
    expect(withDisclosure("Más fibra", "#empleado")).toBe("Más fibra #empleado");
    expect(withDisclosure("Más fibra #EMPLEADO", "#empleado")).toBe("Más fibra #EMPLEADO");
    expect(withDisclosure("Más fibra", "Trabajo en Telco")).toBe("Más fibra\n\nTrabajo en Telco");
    expect(withDisclosure("Más fibra", null)).toBe("Más fibra");
  });

  it("reports a changed locked text first, then a blocked phrase, then a dropped disclosure", () => {
    const phrases = [{ phrase: "gratis", rule: "2. No prometas" }];
    const url = "https://a.test/l/abcdEFGH";
    const base = { phrases, disclosure: "#empleado", lockedText: null };
    expect(guardrailProblem(`Hola #empleado\n\n${url}`, url, base)).toBeNull();
    expect(guardrailProblem("Hola GRATÍS #empleado", url, base)).toEqual({
      kind: "blockedPhrase",
      phrase: "gratis",
      rule: "2. No prometas",
    });
    expect(guardrailProblem("Hola", url, base)).toEqual({ kind: "disclosureMissing", disclosure: "#empleado" });
    const locked = { ...base, lockedText: "Hola #empleado" };
    expect(guardrailProblem(`Hola #empleado\r\n\r\n${url}`, url, locked)).toBeNull();
    expect(guardrailProblem("Hola amigos #empleado", url, locked)).toEqual({ kind: "locked" });
  });
});

describe("the admins' list", () => {
  it("quotes the decálogo rule by number in the reader's language, or the rule as written", async () => {
    const es = await listBlockedPhrases(db, "es");
    expect(es.map((p) => [p.phrase, p.rule])).toEqual([
      ["Éxito garantizado", "3. Regla 3"],
      ["opinión oficial", "Habla en tu nombre"],
    ]);
    expect((await listBlockedPhrases(db, "en"))[0].rule).toBe("3. Rule 3");
  });

  it("refuses a phrase already blocked (without case or accents) and a rule the decálogo does not have, writing nothing", async () => {
    const before = await db.selectFrom("share_blocked_phrases").select("id").execute();
    expect(await addBlockedPhrase(db, admin.id, { phrase: "EXITO garantizado", ruleNumber: null, ruleText: null })).toEqual({
      ok: false,
      errors: { phrase: "guardrails.errors.duplicatePhrase" },
    });
    expect(await addBlockedPhrase(db, admin.id, { phrase: "otra", ruleNumber: 11, ruleText: null })).toEqual({
      ok: false,
      errors: { ruleNumber: "guardrails.errors.unknownRule" },
    });
    expect(await db.selectFrom("share_blocked_phrases").select("id").execute()).toHaveLength(before.length);
  });

  it("is kept through the admin page's form posts", async () => {
    const post = (body: Record<string, string>) =>
      call(adminRoute.action, postRequest("/admin/guardrails", body, { cookie: admin.cookie }));
    expect((await post({ intent: "add", phrase: "  Sin   riesgo ", ruleNumber: "5", ruleText: "" })).status).toBe(302);
    const page = await jsonOf(await call(adminRoute.loader, getRequest("/admin/guardrails", { cookie: admin.cookie })));
    expect(page.phrases.map((p: { phrase: string }) => p.phrase)).toContain("Sin riesgo");
    expect(page.rules).toHaveLength(10);
    const refused = await post({ intent: "add", phrase: "", ruleNumber: "", ruleText: "" });
    expect(refused.status).toBe(400);
    expect((await jsonOf(refused)).errors.phrase).toBe("validation.required");
    const id = page.phrases.find((p: { phrase: string }) => p.phrase === "Sin riesgo").id;
    expect((await post({ intent: "remove", id })).status).toBe(302);
    expect(await db.selectFrom("share_blocked_phrases").select("id").where("id", "=", id).executeTakeFirst()).toBeUndefined();
  });
});

describe("the share action (form posts, no JavaScript)", () => {
  it("starts each network's text with its disclosure, counted in X's length", async () => {
    const person = await onboarded();
    const page = await openDialog(person, "x");
    const x = draftOf(page, "x");
    expect(x.text).toBe(`Más fibra para Valencia #empleado\n\n#Fibra\n\n${x.trackedUrl}`);
    expect(draftOf(page, "linkedin").text).toContain("Más fibra para Valencia.\n\nTrabajo en Telco");
    expect(page.share.guardrails.x).toMatchObject({ disclosure: "#empleado", lockedText: null });
    // 250 characters fit X with the link (250 + 2 + 23), but not with the disclosure as well.
    const long = "a".repeat(250);
    const before = await counts(person.id);
    const refused = await share(person, { network: "x", text: `${long} #empleado`, link: x.trackedUrl });
    expect(refused.status).toBe(400);
    expect((await jsonOf(refused)).errors.text).toBe("sharing.errors.textTooLong");
    expect(await counts(person.id)).toEqual(before);
  });

  it("refuses a text that dropped the disclosure or holds a blocked phrase, quoting the rule, and records nothing", async () => {
    const person = await onboarded();
    const x = draftOf(await openDialog(person, "x"), "x");
    const before = await counts(person.id);
    const dropped = await share(person, { network: "x", text: `Más fibra para Valencia\n\n${x.trackedUrl}`, link: x.trackedUrl });
    expect(dropped.status).toBe(400);
    expect(await jsonOf(dropped)).toMatchObject({
      errors: { text: "guardrails.errors.disclosureMissing" },
      guardrail: { kind: "disclosureMissing", disclosure: "#empleado" },
    });
    const blocked = await share(person, { network: "x", text: `Un ÉXITO garantizado, #empleado ${x.trackedUrl}`, link: x.trackedUrl });
    expect(await jsonOf(blocked)).toMatchObject({
      errors: { text: "guardrails.errors.blockedPhrase" },
      guardrail: { kind: "blockedPhrase", phrase: "Éxito garantizado", rule: "3. Regla 3" },
    });
    expect(await counts(person.id)).toEqual(before);
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", person.id).execute();
    const english = await share(person, { network: "x", text: `exito garantizado #empleado`, link: x.trackedUrl });
    expect((await jsonOf(english)).guardrail.rule).toBe("3. Rule 3");
    const kept = await share(person, { network: "x", text: x.text, link: x.trackedUrl });
    expect(kept.status).toBe(302);
    expect((await counts(person.id)).shares).toBe(before.shares + 1);
  });

  it("refuses a changed text on a locked network and takes the text as locked", async () => {
    const person = await onboarded();
    expect(await setTextLock(db, { actorId: reviewer.id, itemId: item, network: "linkedin", locked: true })).toBe(true);
    try {
      const page = await openDialog(person, "linkedin");
      const linkedin = draftOf(page, "linkedin");
      expect(page.share.guardrails.linkedin.lockedText).toBe("Más fibra para Valencia.\n\nTrabajo en Telco\n\n#Fibra");
      const before = await counts(person.id);
      const changed = await share(person, {
        network: "linkedin",
        text: linkedin.text.replace("Más fibra", "Muchísima fibra"),
        link: linkedin.trackedUrl,
      });
      expect(await jsonOf(changed)).toMatchObject({ errors: { text: "guardrails.errors.locked" }, guardrail: { kind: "locked" } });
      expect(await counts(person.id)).toEqual(before);
      expect((await share(person, { network: "linkedin", text: linkedin.text, link: linkedin.trackedUrl })).status).toBe(302);
    } finally {
      await setTextLock(db, { actorId: reviewer.id, itemId: item, network: "linkedin", locked: false });
    }
  });
});

describe("reviewers", () => {
  it("lock and unlock a network's text from the review page", async () => {
    const person = await createActor(["reviewer"]);
    const post = (intent: string, network: string) =>
      call(reviewRoute.action, postRequest(`/review/${item}`, { intent, network }, { cookie: person.cookie }), { id: item });
    expect((await post("lock", "x")).status).toBe(302);
    const page = await jsonOf(await call(reviewRoute.loader, getRequest(`/review/${item}`, { cookie: person.cookie }), { id: item }));
    expect(page.locked).toEqual(["x"]);
    expect((await post("lock", "myspace")).status).toBe(400);
    expect((await post("unlock", "x")).status).toBe(302);
    expect(await db.selectFrom("content_text_locks").selectAll().where("item_id", "=", item).execute()).toEqual([]);
  });

  it("see a word diff of the share texts and the commentary against the last approved version on re-review", async () => {
    const id = await approvedItem(editor, reviewer, { title: "Diff", publishAt: NOW + 24 * HOUR }, NOW - HOUR);
    const edited = contentInput({
      title: "Diff",
      publishAt: NOW + 24 * HOUR,
      commentary: "Llegamos a **30 000 hogares** más.",
      shareTexts: { linkedin: { text: "Más fibra para Valencia." }, x: { text: "Más fibra para toda Valencia" } },
    });
    const updated = await updateContentItem(db, editor, id, edited);
    if (!updated.ok) throw new Error(updated.error);
    expect((await transitionContent(db, editor, id, "submit")).ok).toBe(true);
    const person = await createActor(["reviewer"]);
    const page = await jsonOf(await call(reviewRoute.loader, getRequest(`/review/${id}`, { cookie: person.cookie }), { id }));
    expect(page.edits.networks.map((n: { network: string }) => n.network)).toEqual(["x"]);
    const x = page.edits.networks[0].text;
    expect(x.filter((s: { kind: string }) => s.kind === "added").map((s: { text: string }) => s.text.trim())).toEqual(["toda"]);
    expect(x.filter((s: { kind: string }) => s.kind === "removed")).toEqual([]);
    expect(page.edits.commentary).toContainEqual({ kind: "removed", text: "20" });
    expect(page.edits.commentary).toContainEqual({ kind: "added", text: "30" });
    // Approving again makes this the version later edits are compared with.
    expect((await transitionContent(db, person, id, "approve")).ok).toBe(true);
    const row = await db.selectFrom("content_approved_versions").selectAll().where("item_id", "=", id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.share_texts_json).x.text).toBe("Más fibra para toda Valencia");
  });

  it("see no diff on a first review", async () => {
    const person = await createActor(["reviewer"]);
    const page = await jsonOf(await call(reviewRoute.loader, getRequest(`/review/${item}`, { cookie: person.cookie }), { id: item }));
    expect(page.edits).toBeNull();
  });
});
