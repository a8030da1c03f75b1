// Approved variants in the share dialog: the least-used one first (from the kept counter), the
// exact-text warning per local day, and the counter under simultaneous shares (real concurrency on PostgreSQL).
import { beforeAll, describe, expect, it } from "vitest";
import { POPULAR_TEXT_THRESHOLD } from "~/models/content/share-variants";
import { getFeedItem } from "~/models/content/feed.server";
import { recordShare, shareDrafts } from "~/models/sharing/shares.server";
import { variantChoices } from "~/models/sharing/share-variants.server";
import { setDisclosures } from "~/models/sharing/guardrails.server";
import * as feedItemRoute from "~/routes/feed.$id";
import { db } from "~/utils/db.server";
import { approvedItem, createActor, type TestActor } from "../content/helpers";
import { call, createTestUser, getRequest, jsonOf, ORIGIN, postRequest, type TestUser } from "../support/http";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TEXTS = ["Más fibra para Valencia.", "20 000 hogares más con fibra en Valencia.", "Valencia, más conectada que nunca."];

let editor: TestActor;
let reviewer: TestActor;

beforeAll(async () => {
  editor = await createActor(["editor"]);
  reviewer = await createActor(["reviewer"]);
});

const variantItem = () =>
  approvedItem(
    editor,
    reviewer,
    {
      publishAt: Date.now() - HOUR,
      shareTexts: { linkedin: { text: TEXTS[0] }, x: { text: "Solo una versión" } },
      shareVariants: { linkedin: TEXTS.slice(1) },
    },
    Date.now() - 2 * HOUR,
  );

/** One person's share of the draft the dialog offered them for that variant, unedited unless `edit` is given. */
async function shareVariant(itemId: string, variant: number, options: { person?: TestUser; edit?: string; now?: number } = {}) {
  const person = options.person ?? (await createTestUser());
  const item = await getFeedItem(db, { id: person.id, departmentId: null }, itemId, Date.now());
  const draft = (await shareDrafts(db, person.id, item!, ORIGIN)).find((d) => d.network === "linkedin")!;
  const text = options.edit ?? `${TEXTS[variant - 1]}\n\n#Fibra\n\n${draft.trackedUrl}`;
  const result = await recordShare(db, { userId: person.id, itemId, network: "linkedin", text, origin: ORIGIN, variant, now: options.now });
  expect(result.ok).toBe(true);
  return person;
}

async function choices(itemId: string, now = Date.now()) {
  const item = await getFeedItem(db, { id: editor.id, departmentId: null }, itemId, Date.now());
  return variantChoices(db, item!, "linkedin", now);
}

describe("the least-used variant comes first", () => {
  it("orders by the kept counter, ties by number, and keeps one text for a network without variants", async () => {
    const itemId = await variantItem();
    expect((await choices(itemId)).map((c) => [c.variant, c.uses])).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
    ]);
    await shareVariant(itemId, 1);
    await shareVariant(itemId, 1);
    await shareVariant(itemId, 3);
    expect((await choices(itemId)).map((c) => [c.variant, c.uses])).toEqual([
      [2, 0],
      [3, 1],
      [1, 2],
    ]);
    const item = await getFeedItem(db, { id: editor.id, departmentId: null }, itemId, Date.now());
    expect(await variantChoices(db, item!, "x")).toEqual([{ variant: 1, text: "Solo una versión", uses: 0, today: 0 }]);
  });

  it("counts from share_variant_uses, not from the shares table", async () => {
    const itemId = await variantItem();
    await shareVariant(itemId, 2);
    await db.deleteFrom("shares").where("item_id", "=", itemId).execute();
    expect((await choices(itemId)).find((c) => c.variant === 2)?.uses).toBe(1);
  });

  it("counts an unknown variant number as the main text", async () => {
    const itemId = await variantItem();
    await shareVariant(itemId, 1, { edit: "Mi propio texto", person: await createTestUser() });
    const person = await createTestUser();
    expect((await recordShare(db, { userId: person.id, itemId, network: "linkedin", text: "Otro", origin: ORIGIN, variant: 7 })).ok).toBe(
      true,
    );
    expect((await choices(itemId)).find((c) => c.variant === 1)?.uses).toBe(2);
  });
});

describe("the dialog", () => {
  const page = async (person: TestUser, itemId: string, query: string) =>
    jsonOf(await call(feedItemRoute.loader, getRequest(`/feed/${itemId}?${query}`, { cookie: person.cookie }), { id: itemId }));

  it("starts from the least-used variant, lets the person pick another, and records the one posted", async () => {
    const itemId = await variantItem();
    await shareVariant(itemId, 1);
    const person = await createTestUser();
    const first = await page(person, itemId, "network=linkedin");
    expect(first.share.variants).toMatchObject({ network: "linkedin", chosen: 2, popular: false });
    expect(first.share.variants.options.map((o: { variant: number }) => o.variant)).toEqual([2, 3, 1]);
    const draft = first.share.drafts.find((d: { network: string }) => d.network === "linkedin");
    expect(draft.text).toBe(`${TEXTS[1]}\n\n#Fibra\n\n${draft.trackedUrl}`);

    const picked = await page(person, itemId, "network=linkedin&variant=3");
    expect(picked.share.variants.chosen).toBe(3);
    const pickedDraft = picked.share.drafts.find((d: { network: string }) => d.network === "linkedin");
    expect(pickedDraft.text.startsWith(TEXTS[2])).toBe(true);

    // The form posts the variant with the text, as the browser does without JavaScript.
    const response = await call(
      feedItemRoute.action,
      postRequest(
        `/feed/${itemId}?network=linkedin`,
        { intent: "copy", network: "linkedin", text: pickedDraft.text, subject: "", link: pickedDraft.trackedUrl, variant: "3" },
        { cookie: person.cookie },
      ),
      { id: itemId },
    );
    expect(response.status).toBe(200);
    expect((await choices(itemId)).map((c) => [c.variant, c.uses, c.today])).toEqual([
      [2, 0, 0],
      [1, 1, 1],
      [3, 1, 1],
    ]);
  });

  it(`warns once ${POPULAR_TEXT_THRESHOLD} colleagues posted that exact text today, counted per local day`, async () => {
    const itemId = await variantItem();
    for (let i = 0; i < POPULAR_TEXT_THRESHOLD - 1; i++) await shareVariant(itemId, 2);
    // An edited post started from variant 2 counts as a use but not as the exact text.
    await shareVariant(itemId, 2, { edit: "Lo digo a mi manera" });
    const person = await createTestUser();
    const before = await page(person, itemId, "network=linkedin&variant=2");
    expect(before.share.variants).toMatchObject({ chosen: 2, popular: false, today: POPULAR_TEXT_THRESHOLD - 1 });
    await shareVariant(itemId, 2);
    const after = await page(person, itemId, "network=linkedin&variant=2");
    expect(after.share.variants).toMatchObject({ chosen: 2, popular: true, today: POPULAR_TEXT_THRESHOLD });
    expect(after.share.variants.options.find((o: { variant: number }) => o.variant === 2)).toMatchObject({
      uses: POPULAR_TEXT_THRESHOLD + 1,
      popular: true,
    });
    // Tomorrow the count starts again; the all-time uses stay.
    const tomorrow = (await choices(itemId, Date.now() + DAY)).find((c) => c.variant === 2);
    expect(tomorrow).toMatchObject({ uses: POPULAR_TEXT_THRESHOLD + 1, today: 0 });
  });
});

describe("the exact text with the network's disclosure", () => {
  const linkedinDraft = async (person: TestUser, itemId: string) => {
    const response = await call(feedItemRoute.loader, getRequest(`/feed/${itemId}?network=linkedin&variant=2`, { cookie: person.cookie }), {
      id: itemId,
    });
    return (await jsonOf(response)).share.drafts.find((d: { network: string }) => d.network === "linkedin") as { text: string };
  };
  const today = async (itemId: string) => (await choices(itemId)).find((c) => c.variant === 2)?.today;

  it("counts with the disclosures the caller read, or reads them before the share's transaction", async () => {
    const itemId = await variantItem();
    await setDisclosures(db, editor.id, { linkedin: "#Publicidad" });
    try {
      const [first, second, third] = await Promise.all([createTestUser(), createTestUser(), createTestUser()]);
      // The dialog's form: the action reads the disclosures once for its guardrail check and the share.
      const draft = await linkedinDraft(first, itemId);
      expect(draft.text).toContain(`${TEXTS[1]} #Publicidad`);
      const posted = await call(
        feedItemRoute.action,
        postRequest(
          `/feed/${itemId}?network=linkedin`,
          { intent: "copy", network: "linkedin", text: draft.text, subject: "", variant: "2" },
          { cookie: first.cookie },
        ),
        { id: itemId },
      );
      expect(posted.status).toBe(200);
      expect(await today(itemId)).toBe(1);
      // Without them recordShare reads them itself.
      const own = await linkedinDraft(second, itemId);
      const share = { itemId, network: "linkedin", origin: ORIGIN, variant: 2 };
      expect(await recordShare(db, { ...share, userId: second.id, text: own.text })).toMatchObject({ ok: true });
      expect(await today(itemId)).toBe(2);
      // The caller's disclosures are the ones compared with (here: none, so the draft with one is not exact).
      const other = await linkedinDraft(third, itemId);
      expect(await recordShare(db, { ...share, userId: third.id, text: other.text, disclosures: {} })).toMatchObject({ ok: true });
      expect(await today(itemId)).toBe(2);
    } finally {
      await setDisclosures(db, editor.id, {});
    }
  });
});

describe("simultaneous shares", () => {
  it("lose no count (one atomic upsert per share, in its transaction)", async () => {
    const itemId = await variantItem();
    const people = await Promise.all(Array.from({ length: 12 }, () => createTestUser()));
    await Promise.all(people.map((person) => shareVariant(itemId, 3, { person })));
    const row = (await choices(itemId)).find((c) => c.variant === 3);
    expect(row).toMatchObject({ uses: 12, today: 12 });
    const stored = await db
      .selectFrom("share_variant_uses")
      .select("shares")
      .where("item_id", "=", itemId)
      .where("variant", "=", 3)
      .executeTakeFirstOrThrow();
    expect(Number(stored.shares)).toBe(12);
  });
});
