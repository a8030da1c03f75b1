// Recording a share: who may, what is posted, the share URL per network, scoring once per 24 h,
// the reach snapshot, and the share action through real Requests.
import { beforeAll, describe, expect, it } from "vitest";
import { setFollowerCounts } from "~/models/sharing/amplification.server";
import { acknowledgeGuideline } from "~/models/guidelines/acknowledgements.server";
import { processClicks } from "~/models/sharing/clicks.server";
import { totalPoints } from "~/models/scoring/points.server";
import { recomputeBuckets } from "~/models/scoring/buckets.server";
import { networkShareUrl } from "~/models/sharing/share-text";
import { recordShare, RESHARE_WINDOW_MS } from "~/models/sharing/shares.server";
import { sharedLinkMetrics } from "~/models/sharing/share-metrics.server";
import * as feedItemRoute from "~/routes/feed.$id";
import * as sharesRoute from "~/routes/shares";
import { db } from "~/utils/db.server";
import { approvedItem, createActor, type TestActor } from "../content/helpers";
import { createGuideline, textHashOf } from "../guidelines/helpers";
import { call, createTestDepartment, createTestUser, getRequest, jsonOf, ORIGIN, postRequest, type TestUser } from "../support/http";
import { expectTranslated } from "../support/i18n";

const HOUR = 3_600_000;
const NOW = Date.now();
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

let editor: TestActor;
let reviewer: TestActor;
let ambassador: TestUser;
let newcomer: TestUser;
let sales: string;
let legal: string;
let guideline: { versionId: string; documentId: string };
let open: string; // for everyone, visible now
let forLegal: string; // targeted at another department
let expiring: string; // expires in two hours
let future: string; // published tomorrow

async function onboard(userId: string) {
  const result = await acknowledgeGuideline(db, {
    userId,
    versionId: guideline.versionId,
    language: "es",
    textHash: await textHashOf(guideline.versionId, "es"),
  });
  if (!result.ok) throw new Error(result.error);
}

const countRows = async (table: "shares" | "points_ledger" | "tracked_links", userId: string) =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow()
    ).n,
  );

const sharesOf = (userId: string) =>
  db
    .selectFrom("shares")
    .select(["network", "text", "link_id", "reach", "scored", "created_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();

beforeAll(async () => {
  editor = await createActor(["editor"]);
  reviewer = await createActor(["reviewer"]);
  sales = await createTestDepartment("Ventas (compartir)");
  legal = await createTestDepartment("Legal (compartir)");
  guideline = await createGuideline({ required: true });
  ambassador = await createTestUser({ departmentId: sales, name: "Ana Embajadora" });
  newcomer = await createTestUser({ departmentId: sales, name: "Nuevo" });
  await onboard(ambassador.id);
  const past = NOW - 2 * HOUR;
  open = await approvedItem(
    editor,
    reviewer,
    {
      title: "Fibra en Valencia",
      publishAt: NOW - HOUR,
      hashtags: ["#Fibra"],
      shareTexts: {
        linkedin: { text: "Más fibra para Valencia." },
        x: { text: "Más fibra para Valencia" },
        email: { text: "Mira esto.", subject: "Fibra en Valencia" },
      },
    },
    past,
  );
  forLegal = await approvedItem(editor, reviewer, { title: "Solo legal", publishAt: NOW - HOUR, departmentIds: [legal] }, past);
  expiring = await approvedItem(editor, reviewer, { title: "Caduca pronto", publishAt: NOW - HOUR, expireAt: NOW + 2 * HOUR }, past);
  future = await approvedItem(editor, reviewer, { title: "Mañana", publishAt: NOW + 24 * HOUR }, past);
  await setFollowerCounts(db, ambassador.id, { linkedin: 800, x: 120, facebook: 0, whatsapp: 30, email: 12 });
});

describe("share URLs", () => {
  it("point at each network's share page with the tracked link, encoded", () => {
    const input = {
      finalText: "Más fibra & más empleo\n\nhttps://a.test/l/abcdEFGH",
      trackedUrl: "https://a.test/l/abcdEFGH",
      subject: "Fibra: ¿sabías?",
    };
    expect(networkShareUrl("linkedin", input)).toBe(
      "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fa.test%2Fl%2FabcdEFGH",
    );
    expect(networkShareUrl("facebook", input)).toBe("https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fa.test%2Fl%2FabcdEFGH");
    const x = new URL(networkShareUrl("x", input));
    expect(x.origin + x.pathname).toBe("https://twitter.com/intent/tweet");
    expect(x.searchParams.get("text")).toBe(input.finalText);
    expect(new URL(networkShareUrl("whatsapp", input)).searchParams.get("text")).toBe(input.finalText);
    const mail = networkShareUrl("email", input);
    expect(mail).toBe(`mailto:?subject=${encodeURIComponent(input.subject)}&body=${encodeURIComponent(input.finalText)}`);
    expect(mail).not.toContain("+");
  });
});

describe("recordShare", () => {
  it("records the share with the final text, its tracked link and reach, scores it and returns the network's URL", async () => {
    const before = await totalPoints(db, ambassador.id);
    const result = await recordShare(db, {
      userId: ambassador.id,
      itemId: open,
      network: "x",
      text: "Más fibra para Valencia #Fibra",
      origin: ORIGIN,
      now: NOW,
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.trackedUrl).toBe(`${ORIGIN}/l/${result.code}`);
    expect(result.finalText).toBe(`Más fibra para Valencia #Fibra\n\n${result.trackedUrl}`);
    expect(new URL(result.shareUrl).searchParams.get("text")).toBe(result.finalText);
    expect(result).toMatchObject({ scored: true, points: 10 });
    const link = await db.selectFrom("tracked_links").selectAll().where("code", "=", result.code).executeTakeFirstOrThrow();
    expect(link).toMatchObject({ user_id: ambassador.id, item_id: open, network: "x", share_scored_at: NOW });
    expect(new URL(link.destination_url).searchParams.get("utm_source")).toBe("x");
    const [share] = (await sharesOf(ambassador.id)).filter((s) => s.network === "x");
    expect(share).toMatchObject({ text: result.finalText, link_id: link.id, reach: 120, scored: 1 });
    expect(await totalPoints(db, ambassador.id)).toBe(before + 10);
    const ledger = await db.selectFrom("points_ledger").selectAll().where("reference_id", "=", result.shareId).execute();
    expect(ledger).toMatchObject([{ user_id: ambassador.id, action: "share", points: 10, reference_type: "share" }]);
  });

  it("keeps the link where the person put it, and reuses the same link on every share", async () => {
    const first = await recordShare(db, {
      userId: ambassador.id,
      itemId: open,
      network: "linkedin",
      text: "Hola",
      origin: ORIGIN,
      now: NOW,
    });
    if (!first.ok) throw new Error(first.reason);
    const text = `Mirad ${first.trackedUrl} qué bien`;
    const second = await recordShare(db, {
      userId: ambassador.id,
      itemId: open,
      network: "linkedin",
      text,
      origin: ORIGIN,
      now: NOW + 1000,
    });
    if (!second.ok) throw new Error(second.reason);
    expect(second.code).toBe(first.code);
    expect(second.finalText).toBe(text);
    expect(second.shareUrl).toBe(`https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(first.trackedUrl)}`);
  });

  it("scores a re-share of the same item on the same network once per 24 hours, recording every share", async () => {
    const person = await createTestUser({ departmentId: sales });
    await onboard(person.id);
    const base = await totalPoints(db, person.id);
    const at = (ms: number) =>
      recordShare(db, { userId: person.id, itemId: open, network: "whatsapp", text: "Mirad", origin: ORIGIN, now: NOW + ms });
    const results = [
      await at(0),
      await at(HOUR),
      await at(RESHARE_WINDOW_MS - 1),
      await at(RESHARE_WINDOW_MS),
      await at(RESHARE_WINDOW_MS + HOUR),
    ];
    expect(results.map((r) => r.ok && r.scored)).toEqual([true, false, false, true, false]);
    // Another network is another share.
    const email = await recordShare(db, {
      userId: person.id,
      itemId: open,
      network: "email",
      text: "Mira esto.",
      origin: ORIGIN,
      now: NOW + HOUR,
    });
    expect(email.ok && email.scored).toBe(true);
    expect((await sharesOf(person.id)).filter((s) => s.network === "whatsapp").map((s) => s.scored)).toEqual([1, 0, 0, 1, 0]);
    expect(await countRows("points_ledger", person.id)).toBe(3 + 1); // 3 shares + the guideline
    expect(await totalPoints(db, person.id)).toBe(base + 30);
    const bucket = await db
      .selectFrom("score_buckets")
      .select("shares")
      .where("user_id", "=", person.id)
      .where("period_kind", "=", "all")
      .executeTakeFirstOrThrow();
    expect(bucket.shares).toBe(3);
  });

  it("lets only one of several simultaneous shares score", async () => {
    const person = await createTestUser({ departmentId: sales });
    await onboard(person.id);
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        recordShare(db, { userId: person.id, itemId: open, network: "facebook", text: "¡Vamos!", origin: ORIGIN, now: NOW }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.scored)).toHaveLength(1);
    expect(await countRows("shares", person.id)).toBe(4);
    expect(await countRows("tracked_links", person.id)).toBe(1);
  });

  it("refuses, with a reason and without writing anything, what may not be shared", async () => {
    const cases: [Parameters<typeof recordShare>[1], string][] = [
      [{ userId: newcomer.id, itemId: open, network: "linkedin", text: "Hola", origin: ORIGIN }, "notOnboarded"],
      [{ userId: ambassador.id, itemId: forLegal, network: "linkedin", text: "Hola", origin: ORIGIN }, "notVisible"],
      [{ userId: ambassador.id, itemId: future, network: "linkedin", text: "Hola", origin: ORIGIN }, "notVisible"],
      [{ userId: ambassador.id, itemId: expiring, network: "linkedin", text: "Hola", origin: ORIGIN, now: NOW + 3 * HOUR }, "notVisible"],
      [{ userId: ambassador.id, itemId: "no-such-item", network: "linkedin", text: "Hola", origin: ORIGIN }, "notVisible"],
      [{ userId: ambassador.id, itemId: open, network: "myspace", text: "Hola", origin: ORIGIN }, "badNetwork"],
      [{ userId: ambassador.id, itemId: expiring, network: "x", text: "   \n ", origin: ORIGIN }, "emptyText"],
      [{ userId: ambassador.id, itemId: expiring, network: "x", text: "a".repeat(256), origin: ORIGIN }, "textTooLong"],
      [{ userId: ambassador.id, itemId: expiring, network: "linkedin", text: "é".repeat(2980), origin: ORIGIN }, "textTooLong"],
      [
        { userId: ambassador.id, itemId: expiring, network: "email", text: "Hola", subject: "s".repeat(121), origin: ORIGIN },
        "subjectTooLong",
      ],
    ];
    const before = {
      shares: await countRows("shares", ambassador.id),
      ledger: await countRows("points_ledger", ambassador.id),
      links: await countRows("tracked_links", ambassador.id),
    };
    for (const [input, reason] of cases) {
      expect(await recordShare(db, input), reason).toEqual({ ok: false, reason });
      expectTranslated(`sharing.errors.${reason}`);
    }
    expect({
      shares: await countRows("shares", ambassador.id),
      ledger: await countRows("points_ledger", ambassador.id),
      links: await countRows("tracked_links", ambassador.id),
    }).toEqual(before);
    expect(await countRows("shares", newcomer.id)).toBe(0);
  });

  it("counts X posts the way X does: any link is 23 characters", async () => {
    // 230 characters + a 200-character URL + the tracked link: fine on X (230 + 2 + 23 + 2 + 23 = 280).
    const text = `${"a".repeat(230)}\n\nhttps://example.com/${"p".repeat(180)}`;
    const ok = await recordShare(db, { userId: ambassador.id, itemId: expiring, network: "x", text, origin: ORIGIN, now: NOW });
    expect(ok.ok).toBe(true);
    const tooLong = await recordShare(db, {
      userId: ambassador.id,
      itemId: expiring,
      network: "x",
      text: `a${text}`,
      origin: ORIGIN,
      now: NOW,
    });
    expect(tooLong).toEqual({ ok: false, reason: "textTooLong" });
  });
});

describe("a share's results", () => {
  it("add up clicks (not the sharer's own), unique clicks, reach at share time, CTR, EMV and points per link", async () => {
    const person = await createTestUser({ departmentId: sales });
    await onboard(person.id);
    await setFollowerCounts(db, person.id, { linkedin: 1000, x: 0, facebook: 0, whatsapp: 0, email: 0 });
    const first = await recordShare(db, { userId: person.id, itemId: open, network: "linkedin", text: "Uno", origin: ORIGIN, now: NOW });
    if (!first.ok) throw new Error(first.reason);
    await recordShare(db, { userId: person.id, itemId: open, network: "linkedin", text: "Dos", origin: ORIGIN, now: NOW + HOUR }); // does not score: no reach
    await setFollowerCounts(db, person.id, { linkedin: 5000, x: 0, facebook: 0, whatsapp: 0, email: 0 }); // later: not the share's reach
    const link = await db.selectFrom("tracked_links").select("id").where("code", "=", first.code).executeTakeFirstOrThrow();
    const visit = (ip: string, at: number) => ({ linkId: link.id, at, ip, userAgent: BROWSER, sessionId: null });
    await processClicks(db, [visit("203.0.113.1", NOW + 10), visit("203.0.113.1", NOW + 20), visit("203.0.113.2", NOW + 30)]);
    const { rows, total } = await sharedLinkMetrics(db, person.id);
    expect(total).toBe(1);
    expect(rows).toEqual([
      expect.objectContaining({
        network: "linkedin",
        itemId: open,
        itemTitle: "Fibra en Valencia",
        shares: 2,
        scoredShares: 1,
        lastText: `Dos\n\n${first.trackedUrl}`,
        clicks: 3,
        uniqueClicks: 2,
        reach: 1000,
        ctr: 3 / 1000,
        // 2 unique clicks × 3.50 + 1000 / 1000 × 8 (the default LinkedIn rates)
        emv: 15,
        points: 10 + 2,
      }),
    ]);
    const incremental = await db
      .selectFrom("score_buckets")
      .selectAll()
      .where("user_id", "=", person.id)
      .orderBy("period_kind")
      .orderBy("period_key")
      .execute();
    await recomputeBuckets(db);
    expect(
      await db
        .selectFrom("score_buckets")
        .selectAll()
        .where("user_id", "=", person.id)
        .orderBy("period_kind")
        .orderBy("period_key")
        .execute(),
    ).toEqual(incremental);
  });
});

describe("the share action on /feed/:id", () => {
  const post = (user: TestUser, itemId: string, body: Record<string, string>, options: { origin?: string | null } = {}) =>
    call(feedItemRoute.action, postRequest(`/feed/${itemId}`, body, { cookie: user.cookie, ...options }), { id: itemId });

  it("records the share and sends the browser to the network with the person's tracked link", async () => {
    const person = await createTestUser({ departmentId: sales });
    await onboard(person.id);
    const page = await jsonOf(
      await call(feedItemRoute.loader, getRequest(`/feed/${open}?network=x`, { cookie: person.cookie }), { id: open }),
    );
    expect(page.share.canShare).toBe(true);
    expect(page.share.network).toBe("x");
    const draft = page.share.drafts.find((d: { network: string }) => d.network === "x");
    expect(draft.text).toBe(`Más fibra para Valencia\n\n#Fibra\n\n${draft.trackedUrl}`);
    expect(draft.trackedUrl).toMatch(new RegExp(`^${ORIGIN}/l/[A-Za-z0-9]{8}$`));
    const response = await post(person, open, { intent: "share", network: "x", text: draft.text, subject: "", link: draft.trackedUrl });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("Location")!);
    expect(location.origin + location.pathname).toBe("https://twitter.com/intent/tweet");
    expect(location.searchParams.get("text")).toBe(draft.text);
    expect(await sharesOf(person.id)).toMatchObject([{ network: "x", text: draft.text, scored: 1 }]);
    // The page now lists the share with its results; /shares too.
    const after = await jsonOf(await call(feedItemRoute.loader, getRequest(`/feed/${open}`, { cookie: person.cookie }), { id: open }));
    expect(after.item.sharedByMe).toBe(true);
    expect(after.share.recentlyScored).toEqual(["x"]);
    expect(after.mine).toMatchObject([{ network: "x", shares: "1", clicks: "0", points: "10" }]);
    const mine = await jsonOf(await call(sharesRoute.loader, getRequest("/shares", { cookie: person.cookie })));
    expect(mine.rows).toMatchObject([{ itemTitle: "Fibra en Valencia", network: "x", shares: "1" }]);
  });

  it("copies instead: records the share on the chosen network and answers the final text", async () => {
    const person = await createTestUser({ departmentId: sales });
    await onboard(person.id);
    const response = await post(person, open, { intent: "copy", network: "whatsapp", text: "Echadle un ojo", subject: "", link: "" });
    expect(response.status).toBe(200);
    const data = await jsonOf(response);
    expect(data).toMatchObject({ ok: true, intent: "copy", network: "whatsapp", scored: true, points: 10 });
    expect(data.text).toMatch(new RegExp(`^Echadle un ojo\\n\\n${ORIGIN}/l/[A-Za-z0-9]{8}$`));
    expect(await sharesOf(person.id)).toMatchObject([{ network: "whatsapp", scored: 1 }]);
  });

  it("answers bad input with translated errors and writes nothing", async () => {
    const person = await createTestUser({ departmentId: sales });
    await onboard(person.id);
    const cases: [Record<string, string>, string, string][] = [
      [{ intent: "share", network: "myspace", text: "Hola" }, "network", "sharing.errors.badNetwork"],
      [{ intent: "share", network: "x", text: "" }, "text", "sharing.errors.emptyText"],
      [{ intent: "share", network: "x", text: "b".repeat(400) }, "text", "sharing.errors.textTooLong"],
      [{ intent: "share", network: "email", text: "Hola", subject: "s".repeat(200) }, "subject", "sharing.errors.subjectTooLong"],
      [{ intent: "delete", network: "x", text: "Hola" }, "", "sharing.errors.badIntent"],
      [{ network: "x", text: "Hola" }, "", "sharing.errors.badIntent"],
    ];
    for (const [body, field, message] of cases) {
      const response = await post(person, open, body);
      expect(response.status, message).toBe(400);
      const data = await jsonOf(response);
      expect(data.errors[field], message).toBe(message);
      expectTranslated(message);
    }
    expect(await countRows("shares", person.id)).toBe(0);
  });

  it("refuses someone not onboarded (403, with the reason) and shows them what is missing", async () => {
    const response = await post(newcomer, open, { intent: "share", network: "linkedin", text: "Hola" });
    expect(response.status).toBe(403);
    expect(await jsonOf(response)).toMatchObject({ ok: false, errors: { "": "sharing.errors.notOnboarded" } });
    const page = await jsonOf(await call(feedItemRoute.loader, getRequest(`/feed/${open}`, { cookie: newcomer.cookie }), { id: open }));
    expect(page.share).toMatchObject({ canShare: false, drafts: [] });
    expect(page.share.pendingGuidelines).toHaveLength(1);
    expect(await countRows("shares", newcomer.id)).toBe(0);
    expect(await countRows("tracked_links", newcomer.id)).toBe(0);
  });

  it("refuses items the person cannot see and requests from another origin", async () => {
    const hidden = await post(ambassador, forLegal, { intent: "share", network: "linkedin", text: "Hola" });
    expect(hidden.status).toBe(404);
    const foreign = await post(
      ambassador,
      open,
      { intent: "share", network: "linkedin", text: "Hola" },
      { origin: "https://evil.example" },
    );
    expect(foreign.status).toBe(403);
    const none = await post(ambassador, open, { intent: "share", network: "linkedin", text: "Hola" }, { origin: null });
    expect(none.status).toBe(403);
    const shares = await db
      .selectFrom("shares")
      .select("item_id")
      .where("user_id", "=", ambassador.id)
      .where("item_id", "=", forLegal)
      .execute();
    expect(shares).toEqual([]);
  });
});
