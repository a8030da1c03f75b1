// Tracked links and the click pipeline: one link per (ambassador, item, network), only stored
// destinations, bots and the sharer's own clicks left out, unique visitors per local day, the
// per-share cap, expired items that redirect but earn nothing, and no click lost on shutdown.
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { processClicks, type PendingClick } from "~/models/sharing/clicks.server";
import { localDayLabeller } from "~/models/core/periods";
import { ClickInbox } from "~/runtime/click-inbox.server";
import { ClickWriter } from "~/runtime/click-writer.server";
import { sha256 } from "~/utils/crypto.server";
import { formatLocalDate, localDate } from "~/models/core/periods";
import { getPointScheme, totalPoints, updatePointScheme } from "~/models/scoring/points.server";
import { recomputeBuckets } from "~/models/scoring/buckets.server";
import { findTrackedLink, getOrCreateTrackedLink } from "~/models/sharing/tracked-links.server";
import * as linkRoute from "~/routes/l.$code";
import { lucia } from "~/utils/auth.server";
import { db, getDb } from "~/utils/db.server";
import { clickOf, flushClicks, forgetCachedLinks, handleTrackedLinkRequest } from "~/runtime/tracked-link-redirect.server";
import { call, createTestUser, getRequest, sessionCookie, type TestUser } from "../support/http";

const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
/** What a browser sends on a navigation; requests without these count as bots. */
const NAVIGATION = { "User-Agent": BROWSER, Accept: "text/html,*/*;q=0.8", "Accept-Language": "es-ES,es;q=0.9" };
const DAY = 86_400_000;
// 2026-03-10 12:00 in Madrid (UTC+1)
const NOON = Date.UTC(2026, 2, 10, 11);

let owner: TestUser;
let itemCounter = 0;

async function item(options: { expireAt?: number | null; url?: string } = {}): Promise<{ id: string; url: string }> {
  const id = `item-${++itemCounter}`;
  const url = options.url ?? `https://example.com/news/${id}?ref=home`;
  await db
    .insertInto("content_items")
    .values({
      id,
      title: id,
      destination_url: url,
      language: "es",
      status: "published",
      publish_at: 0,
      expire_at: options.expireAt ?? null,
      created_at: 0,
      updated_at: 0,
    })
    .execute();
  return { id, url };
}

async function linkFor(userId: string, options: { expireAt?: number | null } = {}) {
  const it = await item(options);
  return getOrCreateTrackedLink(db, { userId, itemId: it.id, network: "linkedin", destinationUrl: it.url });
}

const click = (linkId: string, at: number, visitor = "203.0.113.1", extra: Partial<PendingClick> = {}): PendingClick => ({
  linkId,
  at,
  ip: visitor,
  userAgent: BROWSER,
  sessionId: null,
  ...extra,
});

async function clicksOf(linkId: string) {
  return db
    .selectFrom("link_clicks")
    .select(["is_unique", "is_self", "counted", "points", "day", "visitor_hash"])
    .where("link_id", "=", linkId)
    .orderBy("id")
    .execute();
}

/** A minimal Node request/response pair for the hot path. */
function fakeHttp(url: string, headers: Record<string, string> = {}) {
  const req = {
    url,
    method: "GET",
    headers: { "user-agent": BROWSER, accept: "text/html", "accept-language": "es", ...headers },
    socket: { remoteAddress: "198.51.100.9" },
  } as unknown as IncomingMessage;
  const sent: { status?: number; headers?: Record<string, string>; ended: boolean } = { ended: false };
  const res = {
    writeHead(status: number, h: Record<string, string> | string[]) {
      sent.status = status;
      // Node takes headers as an object or as a flat [name, value, name, value…] list.
      sent.headers = Array.isArray(h) ? Object.fromEntries(Array.from({ length: h.length / 2 }, (_, i) => [h[2 * i], h[2 * i + 1]])) : h;
      return this;
    },
    end() {
      sent.ended = true;
    },
  } as unknown as ServerResponse;
  return { req, res, sent };
}

beforeAll(async () => {
  owner = await createTestUser({ name: "Owner" });
});

afterEach(async () => {
  // Leave nothing queued in the process-wide recorder for the next test.
  await flushClicks();
  forgetCachedLinks();
});

describe("tracked links", () => {
  it("are unique per (ambassador, item, network), even when created concurrently", async () => {
    const other = await createTestUser();
    const it1 = await item();
    const input = { userId: owner.id, itemId: it1.id, network: "linkedin" as const, destinationUrl: it1.url };
    const [a, b, c] = await Promise.all([
      getOrCreateTrackedLink(db, input),
      getOrCreateTrackedLink(db, input),
      getOrCreateTrackedLink(db, input),
    ]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    const onX = await getOrCreateTrackedLink(db, { ...input, network: "x" });
    const someoneElse = await getOrCreateTrackedLink(db, { ...input, userId: other.id });
    expect(new Set([a.code, onX.code, someoneElse.code]).size).toBe(3);
    const rows = await db.selectFrom("tracked_links").select("id").where("item_id", "=", it1.id).execute();
    expect(rows).toHaveLength(3);
  });

  it("store the destination with UTM parameters, fixed when the link is made", async () => {
    const it1 = await item({ url: "https://example.com/a?utm_source=newsletter#top" });
    const link = await getOrCreateTrackedLink(db, {
      userId: owner.id,
      itemId: it1.id,
      network: "x",
      destinationUrl: it1.url,
      campaignName: "Fibra 2026",
    });
    const target = await findTrackedLink(db, link.code);
    const url = new URL(target!.destination);
    expect(url.searchParams.get("utm_source")).toBe("x");
    expect(url.searchParams.get("utm_medium")).toBe("employee_advocacy");
    expect(url.searchParams.get("utm_campaign")).toBe("fibra-2026");
    expect(url.searchParams.get("utm_content")).toBe(link.code);
    expect(url.hash).toBe("#top");
  });

  it("refuse an item whose destination is not http(s)", async () => {
    await expect(
      getOrCreateTrackedLink(db, { userId: owner.id, itemId: "bad", network: "x", destinationUrl: "javascript:alert(1)" }),
    ).rejects.toThrow();
  });
});

describe("the redirect", () => {
  it("answers 302 to the stored destination, whatever the query string asks", async () => {
    const link = await linkFor(owner.id);
    const stored = (await findTrackedLink(db, link.code))!.destination;
    const response = await call(
      linkRoute.loader,
      getRequest(`/l/${link.code}?url=https://evil.example/&next=//evil.example`, { headers: NAVIGATION }),
      { code: link.code },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(stored);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");

    const { req, res, sent } = fakeHttp(`/l/${link.code}/?redirect=https://evil.example`);
    expect(await handleTrackedLinkRequest(req, res)).toBe(true);
    // Answered once the click is in the inbox (the next turn of the event loop).
    await flushClicks();
    expect(sent).toMatchObject({ status: 302, ended: true });
    expect(sent.headers).toEqual({
      Location: stored,
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
      "Referrer-Policy": "no-referrer",
      "X-Content-Type-Options": "nosniff",
    });
  });

  it("answers a cached link synchronously, and still only after its click is committed", async () => {
    const link = await linkFor(owner.id);
    const first = fakeHttp(`/l/${link.code}`);
    // The first request looks the link up: a promise.
    const looked = handleTrackedLinkRequest(first.req, first.res);
    expect(looked).toBeInstanceOf(Promise);
    expect(await looked).toBe(true);
    await flushClicks();
    const second = fakeHttp(`/l/${link.code}`);
    expect(handleTrackedLinkRequest(second.req, second.res)).toBe(true);
    expect(second.sent.status).toBeUndefined();
    await flushClicks();
    expect(second.sent).toMatchObject({ status: 302, ended: true });
    expect(await clicksOf(link.id)).toHaveLength(2);
  });

  it("never redirects for crafted or unknown codes: the fast path declines and the route answers 404", async () => {
    const crafted = [
      "//evil.example",
      "%2F%2Fevil.example",
      "..%2F..%2Fadmin",
      "https:%2F%2Fevil.example",
      "%E0%A4%A",
      "abc",
      "zzzzzzzz",
      "ZZZZZZZZ",
      "abcdefg0",
      "javascript:alert(1)",
      "%61bcdefgh",
    ];
    for (const code of crafted) {
      const { req, res, sent } = fakeHttp(`/l/${code}`);
      expect(await handleTrackedLinkRequest(req, res), code).toBe(false);
      expect(sent.status, code).toBeUndefined();
      let decoded: string;
      try {
        decoded = decodeURIComponent(code);
      } catch {
        decoded = code;
      }
      const response = await call(linkRoute.loader, getRequest(`/l/${encodeURIComponent(decoded)}`), { code: decoded });
      expect(response.status, code).toBe(404);
      expect(response.headers.get("Location"), code).toBeNull();
      expect(response.headers.get("Content-Type"), code).toContain("text/html");
    }
  });

  it("keeps redirecting for expired items (links in the wild must not break) but those clicks earn nothing", async () => {
    const link = await linkFor(owner.id, { expireAt: NOON - DAY });
    const response = await call(linkRoute.loader, getRequest(`/l/${link.code}`, { headers: NAVIGATION }), { code: link.code });
    expect(response.status).toBe(302);
    const before = await totalPoints(db, owner.id);
    const summary = await processClicks(db, [click(link.id, NOON, "203.0.113.50"), click(link.id, NOON, "203.0.113.51")]);
    expect(summary).toMatchObject({ clicks: 2, unique: 2, points: 0 });
    expect((await clicksOf(link.id)).map((c) => [c.is_unique, c.counted, c.points])).toEqual([
      [1, 0, 0],
      [1, 0, 0],
    ]);
    expect(await totalPoints(db, owner.id)).toBe(before);
  });

  it("leaves bots (by user agent, or lacking the headers every browser sends) out entirely", async () => {
    const link = await linkFor(owner.id);
    const target = (await findTrackedLink(db, link.code))!;
    const browser = { ip: "192.0.2.4", userAgent: BROWSER, accept: "text/html", acceptLanguage: "en-GB", cookieHeader: null };
    for (const userAgent of [
      "Googlebot/2.1 (+http://www.google.com/bot.html)",
      "LinkedInBot/1.0 (compatible; Mozilla/5.0)",
      "facebookexternalhit/1.1",
      "curl/8.5.0",
      "",
    ]) {
      expect(clickOf(target, { ...browser, userAgent })).toBeNull();
    }
    expect(clickOf(target, { ...browser, accept: undefined })).toBeNull();
    expect(clickOf(target, { ...browser, acceptLanguage: undefined })).toBeNull();
    expect(clickOf(target, browser)).toMatchObject({ linkId: link.id, ip: "192.0.2.4", sessionId: null });
    // Through the hot path: a bare script's request is redirected but not counted.
    const scripted = fakeHttp(`/l/${link.code}`, { accept: "", "accept-language": "" });
    expect(await handleTrackedLinkRequest(scripted.req, scripted.res)).toBe(true);
    expect(scripted.sent).toMatchObject({ status: 302, ended: true });
    const real = fakeHttp(`/l/${link.code}`);
    await handleTrackedLinkRequest(real.req, real.res);
    await flushClicks();
    expect(real.sent).toMatchObject({ status: 302, ended: true });
    expect(await clicksOf(link.id)).toHaveLength(1);
  });
});

describe("clicks", () => {
  it("flag the sharer's own clicks (by session) and give them nothing", async () => {
    const link = await linkFor(owner.id);
    const other = await createTestUser();
    const ownToken = lucia.readSessionCookie(await sessionCookie(owner.id))!;
    const otherToken = lucia.readSessionCookie(await sessionCookie(other.id))!;
    const before = await totalPoints(db, owner.id);
    const summary = await processClicks(db, [
      click(link.id, NOON, "203.0.113.1", { sessionId: sha256(ownToken) }),
      click(link.id, NOON + 1000, "203.0.113.1", { sessionId: sha256(ownToken) }),
      click(link.id, NOON + 2000, "203.0.113.2", { sessionId: sha256(otherToken) }),
    ]);
    expect(summary).toMatchObject({ clicks: 3, self: 2, unique: 1, points: 1 });
    expect((await clicksOf(link.id)).map((c) => [c.is_self, c.is_unique, c.points])).toEqual([
      [1, 0, 0],
      [1, 0, 0],
      [0, 1, 1],
    ]);
    expect(await totalPoints(db, owner.id)).toBe(before + 1);
    // The owner's click through the real redirect is spotted from their cookie.
    const response = await call(
      linkRoute.loader,
      getRequest(`/l/${link.code}`, { cookie: await sessionCookie(owner.id), headers: NAVIGATION }),
      { code: link.code },
    );
    expect(response.status).toBe(302);
    await flushClicks();
    expect((await clicksOf(link.id)).at(-1)).toMatchObject({ is_self: 1, points: 0 });
  });

  it("count a visitor once per link and local day, again on the next day, and never store the address", async () => {
    const link = await linkFor(owner.id);
    // 23:30 and 23:59 on 10 March in Madrid, then 00:10 on 11 March.
    const late = Date.UTC(2026, 2, 10, 22, 30);
    const batch1 = await processClicks(db, [
      click(link.id, late),
      click(link.id, late + 29 * 60_000),
      click(link.id, late, "203.0.113.99"),
    ]);
    expect(batch1).toMatchObject({ clicks: 3, unique: 2 });
    // A later batch on the same day still knows the visitor.
    expect(await processClicks(db, [click(link.id, late + 20 * 60_000)])).toMatchObject({ unique: 0 });
    const afterMidnight = Date.UTC(2026, 2, 10, 23, 10);
    expect(await processClicks(db, [click(link.id, afterMidnight)])).toMatchObject({ unique: 1 });
    const rows = await clicksOf(link.id);
    expect(rows.map((r) => [r.day, r.is_unique])).toEqual([
      ["2026-03-10", 1],
      ["2026-03-10", 0],
      ["2026-03-10", 1],
      ["2026-03-10", 0],
      ["2026-03-11", 1],
    ]);
    // Same visitor, different day: different hashes (the salt rotates), and no address anywhere.
    expect(rows[0].visitor_hash).not.toBe(rows[4].visitor_hash);
    for (const r of rows) expect(r.visitor_hash).toMatch(/^[0-9a-f]{64}$/);
    const visitors = await db.selectFrom("link_visitors").select("visitor_hash").where("link_id", "=", link.id).execute();
    expect(JSON.stringify(visitors)).not.toContain("203.0.113");
  });

  it("count at most a few unique visitors per network address (IPv6: per /64) and link a day", async () => {
    const link = await linkFor(owner.id);
    const rotating = Array.from({ length: 10 }, (_, i) =>
      click(link.id, NOON + i, "203.0.113.7", { userAgent: `${BROWSER} Variant/${i}` }),
    );
    const sixes = Array.from({ length: 6 }, (_, i) => click(link.id, NOON + 100 + i, `2001:db8:1:2::${(i + 1).toString(16)}`));
    const otherNetwork = click(link.id, NOON + 200, "2001:db8:1:3::1");
    const summary = await processClicks(db, [...rotating.slice(0, 5), ...sixes.slice(0, 2)], { perNetwork: 3 });
    const later = await processClicks(db, [...rotating.slice(5), ...sixes.slice(2), otherNetwork], { perNetwork: 3 });
    expect(summary.unique + later.unique).toBe(3 + 3 + 1);
    expect(summary.clicks + later.clicks).toBe(17);
    const bucket = await db.selectFrom("link_networks").select(["unique_clicks", "network_hash"]).where("link_id", "=", link.id).execute();
    expect(bucket.map((b) => b.unique_clicks).sort()).toEqual([1, 3, 3]);
    expect(JSON.stringify(bucket)).not.toContain("2001:db8");
  });

  it("stop earning points at the cap per share, and a scheme change applies from then on", async () => {
    const admin = await createTestUser({ roles: ["admin"] });
    const scheme = await getPointScheme(db);
    await updatePointScheme(db, { ...scheme, unique_click: { points: 2, cap: 5 } }, admin.id, NOON - 1000);
    const link = await linkFor(owner.id);
    const before = await totalPoints(db, owner.id);
    const visitors = Array.from({ length: 6 }, (_, i) => click(link.id, NOON + i, `198.51.100.${i + 1}`));
    const first = await processClicks(db, visitors.slice(0, 2));
    const rest = await processClicks(db, visitors.slice(2));
    expect(first.points + rest.points).toBe(5);
    expect((await clicksOf(link.id)).map((c) => c.points)).toEqual([2, 2, 1, 0, 0, 0]);
    expect(
      (await db.selectFrom("tracked_links").select("click_points").where("id", "=", link.id).executeTakeFirstOrThrow()).click_points,
    ).toBe(5);
    expect(await totalPoints(db, owner.id)).toBe(before + 5);
    // Every unique click is still counted, points or not.
    const bucket = await db
      .selectFrom("score_buckets")
      .select("unique_clicks")
      .where("user_id", "=", owner.id)
      .where("period_kind", "=", "all")
      .executeTakeFirstOrThrow();
    expect(bucket.unique_clicks).toBeGreaterThanOrEqual(6);
    await updatePointScheme(db, scheme, admin.id, NOON + DAY);
  });

  it("keep the ledger and the running totals in step (a full recomputation agrees)", async () => {
    const snapshot = () =>
      db
        .selectFrom("score_buckets")
        .select(["period_kind", "period_key", "user_id", "points", "shares", "unique_clicks"])
        .orderBy("period_kind")
        .orderBy("period_key")
        .orderBy("user_id")
        .execute();
    const incremental = await snapshot();
    await recomputeBuckets(db);
    expect(await snapshot()).toEqual(incremental);
    const ledger = await db
      .selectFrom("points_ledger")
      .select((eb) => eb.fn.sum<number>("points").as("p"))
      .where("user_id", "=", owner.id)
      .executeTakeFirstOrThrow();
    expect(Number(ledger.p)).toBe(await totalPoints(db, owner.id));
  });
});

describe("local days of clicks", () => {
  it("agree with the calendar, across midnight and daylight-saving changes, in any order", () => {
    for (const zone of ["Europe/Madrid", "America/New_York", "Asia/Tokyo", "UTC"]) {
      const dayOf = localDayLabeller(zone);
      // Around the spring and autumn changes of 2026, every 7 minutes for four days, shuffled.
      const instants = [Date.UTC(2026, 2, 27), Date.UTC(2026, 9, 23)].flatMap((start) =>
        Array.from({ length: 4 * 24 * 9 }, (_, i) => start + i * 7 * 60_000),
      );
      instants.sort((a, b) => ((a * 7919) % 1000) - ((b * 7919) % 1000));
      for (const at of instants) expect(dayOf(at), `${zone} ${new Date(at).toISOString()}`).toBe(formatLocalDate(localDate(at, zone)));
    }
  });
});

describe("the click inbox and the batch writer", () => {
  const inboxCount = async () =>
    Number(
      (
        await db
          .selectFrom("click_inbox")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("answer a click only once it is stored, and write the inbox in batches, deleting what they wrote", async () => {
    const link = await linkFor(owner.id);
    const writer = new ClickWriter(getDb, { intervalMs: 60_000, maxBatch: 20, pollMs: 60_000 });
    const inbox = new ClickInbox(getDb);
    const storedWhenAnswered: number[] = [];
    await Promise.all(
      Array.from(
        { length: 45 },
        (_, i) =>
          new Promise<void>((resolve) =>
            inbox.append(click(link.id, NOON + i, `192.0.2.${i}`), () => {
              void inboxCount().then((n) => {
                storedWhenAnswered.push(n);
                resolve();
              });
            }),
          ),
      ),
    );
    // Every answer came after its click was in the inbox; nothing was counted yet.
    expect(Math.min(...storedWhenAnswered)).toBeGreaterThanOrEqual(1);
    expect(await inboxCount()).toBe(45);
    expect(await clicksOf(link.id)).toHaveLength(0);
    await writer.stop();
    expect(await inboxCount()).toBe(0);
    expect(await clicksOf(link.id)).toHaveLength(45);
  });

  it("leave a failed batch in the inbox and write it once the database answers again", async () => {
    const link = await linkFor(owner.id);
    let broken = true;
    const writer = new ClickWriter(() => (broken ? (null as never) : getDb()), { intervalMs: 10, maxBatch: 100, pollMs: 60_000 });
    await new ClickInbox(getDb).store(click(link.id, NOON));
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      await writer.drain();
      expect(errors.length).toBeGreaterThan(0);
      expect(await inboxCount()).toBe(1);
      broken = false;
      await writer.stop();
    } finally {
      console.error = original;
    }
    expect(await inboxCount()).toBe(0);
    expect(await clicksOf(link.id)).toHaveLength(1);
  });

  it("write clicks handed over from memory once, also when a table pass covered some of them", async () => {
    const link = await linkFor(owner.id);
    const writer = new ClickWriter(getDb, { intervalMs: 60_000, maxBatch: 7, pollMs: 60_000 });
    const inbox = new ClickInbox(getDb, (stored) => writer.hand(stored));
    await Promise.all(Array.from({ length: 10 }, (_, i) => inbox.store(click(link.id, NOON + i, `192.0.2.${i}`))));
    // A table pass writes all ten (the held copies are then dropped); the next ten go from memory only.
    await writer.drain();
    await Promise.all(Array.from({ length: 10 }, (_, i) => inbox.store(click(link.id, NOON + 100 + i, `198.51.100.${i}`))));
    await writer.stop();
    expect(await inboxCount()).toBe(0);
    expect(await clicksOf(link.id)).toHaveLength(20);
  });
});
