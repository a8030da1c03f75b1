// Two full app instances (the built server, twice) on one PostgreSQL database, the test's own: what
// one instance promises holds for the other. Clicks split over both are counted exactly and the link's
// point cap holds; shares of one item from both score once; failures on A throttle the login on B;
// the scheduler's publish/expire transitions are recorded once with both schedulers running.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPointScheme, totalPoints, updatePointScheme } from "~/models/scoring/points.server";
import { getOrCreateTrackedLink } from "~/models/sharing/tracked-links.server";
import { getDb } from "~/utils/db.server";
import { BROWSER_HEADERS } from "../bench/support";
import { createTestUser, ORIGIN, TEST_PASSWORD, type TestUser } from "../support/http";
import { startInstance, waitUntil, type AppInstance } from "./support";

const postgres = process.env.TEST_DIALECT === "postgres";
const CAP = 20;
const VISITORS = 60;
/** Visitors who come back through the other instance the same day: clicks, not new unique visitors. */
const RETURNING = 10;
const DUE_ITEMS = 40;

const count = async (query: Promise<{ n: unknown } | undefined>) => Number((await query)?.n ?? 0);

describe.skipIf(!postgres)("two app instances on one PostgreSQL database", () => {
  let a: AppInstance;
  let b: AppInstance;
  let owner: TestUser;
  let sharer: TestUser;
  let linkId: string;
  let linkCode: string;
  const now = Date.now();

  beforeAll(async () => {
    const db = getDb();
    const admin = await createTestUser({ roles: ["admin"] });
    owner = await createTestUser();
    sharer = await createTestUser();
    const scheme = await getPointScheme(db);
    await updatePointScheme(db, { ...scheme, unique_click: { points: 1, cap: CAP } }, admin.id, now - 60_000);
    const item = (id: string, status: "published" | "approved", at: { publish_at: number; expire_at: number | null }) => ({
      id,
      title: id,
      destination_url: "https://example.com/",
      language: "es" as const,
      status,
      ...at,
      approved_at: now - 120_000,
      created_at: now - 120_000,
      updated_at: now - 120_000,
    });
    await db
      .insertInto("content_items")
      .values([
        item("open-item", "published", { publish_at: 0, expire_at: null }),
        // Due when both instances start: each one's scheduler runs at start.
        ...Array.from({ length: DUE_ITEMS }, (_, i) => item(`to-publish-${i}`, "approved", { publish_at: now - 1_000, expire_at: null })),
        ...Array.from({ length: DUE_ITEMS }, (_, i) => item(`to-expire-${i}`, "published", { publish_at: 0, expire_at: now - 1_000 })),
      ])
      .execute();
    const link = await getOrCreateTrackedLink(db, {
      userId: owner.id,
      itemId: "open-item",
      network: "linkedin",
      destinationUrl: "https://example.com/",
    });
    linkId = link.id;
    linkCode = link.code;
    // Behind one proxy, as two instances behind a load balancer are: the visitor's address comes from it.
    [a, b] = await Promise.all([1, 2].map(() => startInstance(process.env.DATABASE_URL ?? "", { TRUST_PROXY: "1" })));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it("count every click once and hold the link's point cap", async () => {
    const db = getDb();
    const click = async (instance: AppInstance, visitor: number): Promise<number> => {
      const res = await fetch(`${instance.base}/l/${linkCode}`, {
        redirect: "manual",
        headers: { ...BROWSER_HEADERS, "X-Forwarded-For": `10.1.${Math.floor(visitor / 250)}.${visitor % 250}` },
      });
      return res.status === 302 ? 1 : 0;
    };
    const visits = [
      ...Array.from({ length: VISITORS }, (_, v) => () => click(v % 2 ? a : b, v)),
      ...Array.from({ length: RETURNING }, (_, v) => () => click(v % 2 ? b : a, v)),
    ];
    let acknowledged = 0;
    for (let i = 0; i < visits.length; i += 10)
      acknowledged += (await Promise.all(visits.slice(i, i + 10).map((visit) => visit()))).reduce((s, n) => s + n, 0);
    const sent = visits.length;
    const clicks = () =>
      db
        .selectFrom("link_clicks")
        .select((eb) => [
          eb.fn.countAll<number>().as("n"),
          eb.fn.sum<number>("is_unique").as("unique"),
          eb.fn.sum<number>("points").as("points"),
        ])
        .where("link_id", "=", linkId)
        .executeTakeFirstOrThrow();
    await waitUntil("both instances' batch writers to empty the inbox", async () => Number((await clicks()).n) >= acknowledged);
    const stored = await clicks();
    console.log(
      `two instances, clicks: sent ${sent}, acknowledged ${acknowledged}, stored ${stored.n}, lost ${acknowledged - Number(stored.n)}; unique ${stored.unique}, points ${stored.points} (cap ${CAP})`,
    );
    expect(acknowledged).toBe(sent);
    expect(Number(stored.n)).toBe(sent);
    expect(Number(stored.unique)).toBe(VISITORS);
    expect(Number(stored.points)).toBe(CAP);
    const link = await db.selectFrom("tracked_links").select("click_points").where("id", "=", linkId).executeTakeFirstOrThrow();
    expect(link.click_points).toBe(CAP);
    expect(await totalPoints(db, owner.id)).toBe(CAP);
    expect(
      await count(
        db
          .selectFrom("click_inbox")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirst(),
      ),
    ).toBe(0);
  }, 60_000);

  it("score simultaneous shares of one item from both instances once", async () => {
    const db = getDb();
    const share = (instance: AppInstance) =>
      fetch(`${instance.base}/feed/open-item`, {
        method: "POST",
        redirect: "manual",
        headers: { Cookie: sharer.cookie, Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "share", network: "linkedin", text: "Mirad esto" }),
      });
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => share(i % 2 ? a : b)));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(302));
    const shares = await db.selectFrom("shares").select(["scored", "link_id"]).where("user_id", "=", sharer.id).execute();
    console.log(`two instances, shares: sent 8, stored ${shares.length}, scored ${shares.filter((s) => s.scored).length}`);
    expect(shares).toHaveLength(8);
    expect(shares.filter((s) => s.scored)).toHaveLength(1);
    // One tracked link, though both instances created it at once.
    expect(new Set(shares.map((s) => s.link_id)).size).toBe(1);
    const ledger = await db
      .selectFrom("points_ledger")
      .select("points")
      .where("user_id", "=", sharer.id)
      .where("action", "=", "share")
      .execute();
    expect(ledger).toHaveLength(1);
  }, 60_000);

  it("throttle a login on B after the failures on A", async () => {
    const person = await createTestUser();
    const other = await createTestUser();
    const logIn = (instance: AppInstance, email: string, password: string) =>
      fetch(`${instance.base}/login?_data=routes%2Flogin`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, password }),
      });
    // The login works on B for someone nobody has tried to guess.
    const fine = await logIn(b, other.email, TEST_PASSWORD);
    expect(fine.status).toBe(204);
    expect(fine.headers.get("X-Remix-Redirect")).toBeTruthy();
    for (let i = 0; i < 5; i++) {
      const failed = await logIn(a, person.email, "wrong password");
      expect(failed.status).toBe(400);
    }
    const refused = await logIn(b, person.email, TEST_PASSWORD);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Record<string, string> }).errors[""]).toBe("auth.login.throttled");
  }, 60_000);

  it("show an import's progress on the instance that is not running it", async () => {
    const admin = await createTestUser({ roles: ["admin"] });
    const ROWS = 250;
    const form = new FormData();
    const text = ["email,name", ...Array.from({ length: ROWS }, (_, i) => `two-${i}@example.com,Persona ${i}`)].join("\n");
    form.set("file", new Blob([text], { type: "text/csv" }), "two.csv");
    const uploaded = await fetch(`${a.base}/admin/people/import`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: admin.cookie, Origin: ORIGIN },
      body: form,
    });
    const id = /\/admin\/people\/import\/([^/]+)$/.exec(uploaded.headers.get("Location") ?? "")?.[1];
    expect(id).toBeTruthy();
    const readOnB = async () => {
      const res = await fetch(`${b.base}/admin/people/import/${id}?_data=routes%2Fadmin.people.import.%24id`, {
        headers: { Cookie: admin.cookie },
      });
      return (await res.json()) as { result: { status: string }; progress: { done: number; total: number } | null };
    };
    const seen: { status: string; done: number | null }[] = [];
    for (let page = await readOnB(); ; page = await readOnB()) {
      seen.push({ status: page.result.status, done: page.progress?.done ?? null });
      if (page.result.status !== "running") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const midway = seen.filter((s) => s.status === "running" && s.done !== null && s.done > 0 && s.done < ROWS);
    console.log(
      `two instances, import on A read from B: ${seen.length} reads, ${midway.length} of them midway, ended ${seen.at(-1)?.status}`,
    );
    expect(seen.at(-1)).toEqual({ status: "done", done: null });
    expect(midway.length).toBeGreaterThan(0);
  }, 60_000);

  it("record each scheduled publish and expire transition once", async () => {
    // Both schedulers ran at start; stopping both waits for any run still going.
    await Promise.all([a.stop(), b.stop()]);
    const db = getDb();
    const items = await db.selectFrom("content_items").select(["id", "status"]).where("id", "like", "to-%").execute();
    expect(items.filter((i) => i.id.startsWith("to-publish-")).every((i) => i.status === "published")).toBe(true);
    expect(items.filter((i) => i.id.startsWith("to-expire-")).every((i) => i.status === "expired")).toBe(true);
    const transitions = await db
      .selectFrom("content_transitions")
      .select(["item_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("item_id", "like", "to-%")
      .where("actor_id", "is", null)
      .groupBy("item_id")
      .execute();
    console.log(
      `two instances, scheduler: ${items.length} due items, ${transitions.reduce((s, t) => s + Number(t.n), 0)} transitions recorded`,
    );
    expect(transitions).toHaveLength(2 * DUE_ITEMS);
    expect(transitions.every((t) => Number(t.n) === 1)).toBe(true);
  }, 60_000);
});
