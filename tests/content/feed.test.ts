import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "~/utils/crypto.server";
import { feedTopics, getFeedItem, listFeed } from "~/models/content/feed.server";
import { listContentItems } from "~/models/content/item-queries.server";
import { db } from "~/utils/db.server";
import { createTestDepartment } from "../support/http";
import { approvedItem, contentInput, createActor, type TestActor } from "./helpers";

const HOUR = 60 * 60 * 1000;
// Far in the future, so items other tests create "now" never fall in these windows.
const T = Date.UTC(2031, 0, 15, 9, 0);

let editor: TestActor;
let reviewer: TestActor;
let sales: string;
let support: string;

beforeAll(async () => {
  editor = await createActor(["editor"]);
  reviewer = await createActor(["reviewer"]);
  sales = await createTestDepartment("Ventas (feed)");
  support = await createTestDepartment("Atención (feed)");
});

const viewerIn = (departmentId: string | null) => ({ id: `viewer-${departmentId ?? "none"}`, departmentId });
const titles = async (viewer: { id: string; departmentId: string | null }, filters: Partial<Parameters<typeof listFeed>[2]> = {}, now = T) =>
  (await listFeed(db, viewer, { language: null, now, ...filters })).items.map((i) => i.title);

describe("publish-at and expire-at boundaries", () => {
  it("shows an item exactly at publish_at and hides it exactly at expire_at", async () => {
    const id = await approvedItem(editor, reviewer, { title: "Boundary item", publishAt: T + 1000 * HOUR, expireAt: T + 1001 * HOUR }, T);
    const viewer = viewerIn(null);
    const start = T + 1000 * HOUR;
    expect(await titles(viewer, {}, start - 1)).not.toContain("Boundary item");
    expect(await titles(viewer, {}, start)).toContain("Boundary item");
    expect(await titles(viewer, {}, start + HOUR - 1)).toContain("Boundary item");
    expect(await titles(viewer, {}, start + HOUR)).not.toContain("Boundary item");
    expect(await getFeedItem(db, viewer, id, start)).not.toBeNull();
    expect(await getFeedItem(db, viewer, id, start - 1)).toBeNull();
    expect(await getFeedItem(db, viewer, id, start + HOUR)).toBeNull();
  });

  it("never shows drafts, items in review or with changes requested, or archived items", async () => {
    const { createContentItem, transitionContent } = await import("~/models/content/items.server");
    const draft = await createContentItem(db, editor, contentInput({ title: "Hidden draft", publishAt: T - HOUR }));
    const review = await createContentItem(db, editor, contentInput({ title: "Hidden review", publishAt: T - HOUR }));
    if (!draft.ok || !review.ok) throw new Error("setup");
    await transitionContent(db, editor, review.id, "submit", { now: T - 2 * HOUR });
    const archived = await approvedItem(editor, reviewer, { title: "Hidden archived", publishAt: T - HOUR }, T - 2 * HOUR);
    await transitionContent(db, editor, archived, "archive", { now: T - HOUR });
    const visible = await titles(viewerIn(null), {}, T);
    expect(visible).not.toContain("Hidden draft");
    expect(visible).not.toContain("Hidden review");
    expect(visible).not.toContain("Hidden archived");
  });
});

describe("targeting and language", () => {
  it("shows items for everyone and for my department, not for other departments", async () => {
    const base = T + 2000 * HOUR;
    await approvedItem(editor, reviewer, { title: "For all", publishAt: base, expireAt: base + 10 * HOUR }, T);
    await approvedItem(editor, reviewer, { title: "For sales", publishAt: base, departmentIds: [sales], expireAt: base + 10 * HOUR }, T);
    await approvedItem(editor, reviewer, { title: "For sales and support", publishAt: base, departmentIds: [sales, support], expireAt: base + 10 * HOUR }, T);
    const now = base + 1;
    expect((await titles(viewerIn(sales), {}, now)).sort()).toEqual(["For all", "For sales", "For sales and support"]);
    expect((await titles(viewerIn(support), {}, now)).sort()).toEqual(["For all", "For sales and support"]);
    expect(await titles(viewerIn(null), {}, now)).toEqual(["For all"]);
  });

  it("filters by language, or shows both", async () => {
    const base = T + 3000 * HOUR;
    await approvedItem(editor, reviewer, { title: "Noticia en español", language: "es", publishAt: base, expireAt: base + 10 * HOUR }, T);
    await approvedItem(editor, reviewer, { title: "News in English", language: "en", publishAt: base + 1, expireAt: base + 10 * HOUR }, T);
    const now = base + 2;
    const viewer = viewerIn(null);
    expect(await titles(viewer, { language: "es" }, now)).toEqual(["Noticia en español"]);
    expect(await titles(viewer, { language: "en" }, now)).toEqual(["News in English"]);
    expect(await titles(viewer, { language: null }, now)).toEqual(["News in English", "Noticia en español"]);
  });
});

describe("order, sharing marks, topics, search and pages", () => {
  const base = T + 4000 * HOUR;
  const now = base + 100 * HOUR;

  beforeAll(async () => {
    await approvedItem(editor, reviewer, { title: "Fibra ÓPTICA en Valencia", commentary: "", topics: ["fibra"], publishAt: base + 3 * HOUR, expireAt: now + HOUR }, T);
    await approvedItem(editor, reviewer, { title: "Descuento 50% en routers", commentary: "Solo_hoy", topics: ["ofertas"], publishAt: base + 2 * HOUR, expireAt: now + HOUR }, T);
    await approvedItem(editor, reviewer, { title: "Voluntariado", commentary: "Únete al día de voluntariado", topics: ["personas", "fibra"], publishAt: base + HOUR, expireAt: now + HOUR }, T);
    for (let i = 0; i < 22; i++) await approvedItem(editor, reviewer, { title: `Filler ${String(i).padStart(2, "0")}`, topics: [], publishAt: base - (i + 1) * HOUR, expireAt: now + HOUR }, T);
  });

  it("lists newest first by publish_at and pages by 20", async () => {
    const viewer = viewerIn(null);
    const first = await listFeed(db, viewer, { language: null, now });
    expect(first.total).toBe(25);
    expect(first.items).toHaveLength(20);
    expect(first.items.slice(0, 4).map((i) => i.title)).toEqual(["Fibra ÓPTICA en Valencia", "Descuento 50% en routers", "Voluntariado", "Filler 00"]);
    const second = await listFeed(db, viewer, { language: null, now, page: 2 });
    expect(second.items.map((i) => i.title)).toEqual(["Filler 17", "Filler 18", "Filler 19", "Filler 20", "Filler 21"]);
  });

  it("marks the items I already shared, and only mine", async () => {
    const me = await createActor(["employee"]);
    const other = await createActor(["employee"]);
    const { items } = await listFeed(db, { id: me.id, departmentId: null }, { language: null, now });
    const target = items.find((i) => i.title === "Voluntariado")!;
    await db.insertInto("shares").values({ id: newId(), user_id: me.id, item_id: target.id, network: "linkedin", created_at: now }).execute();
    const mine = await listFeed(db, { id: me.id, departmentId: null }, { language: null, now });
    expect(mine.items.filter((i) => i.sharedByMe).map((i) => i.title)).toEqual(["Voluntariado"]);
    const theirs = await listFeed(db, { id: other.id, departmentId: null }, { language: null, now });
    expect(theirs.items.filter((i) => i.sharedByMe)).toEqual([]);
  });

  it("filters by topic and lists the topics on offer", async () => {
    const viewer = viewerIn(null);
    expect(await titles(viewer, { topic: "fibra" }, now)).toEqual(["Fibra ÓPTICA en Valencia", "Voluntariado"]);
    expect(await feedTopics(db, viewer, null, now)).toEqual(["fibra", "ofertas", "personas"]);
  });

  it("searches title and commentary without case or accents", async () => {
    const viewer = viewerIn(null);
    expect(await titles(viewer, { query: "fibra optica" }, now)).toEqual(["Fibra ÓPTICA en Valencia"]);
    expect(await titles(viewer, { query: "ÚNETE" }, now)).toEqual(["Voluntariado"]);
    expect(await titles(viewer, { query: "   " }, now)).toHaveLength(20);
  });

  it("takes % and _ in the query literally", async () => {
    const viewer = viewerIn(null);
    expect(await titles(viewer, { query: "50%" }, now)).toEqual(["Descuento 50% en routers"]);
    expect(await titles(viewer, { query: "%" }, now)).toEqual(["Descuento 50% en routers"]);
    expect(await titles(viewer, { query: "solo_hoy" }, now)).toEqual(["Descuento 50% en routers"]);
    expect(await titles(viewer, { query: "_" }, now)).toEqual(["Descuento 50% en routers"]);
    expect(await titles(viewer, { query: "fi_ler" }, now)).toEqual([]);
  });

  it("searches the editors' list the same way", async () => {
    const { items } = await listContentItems(db, { query: "50%" });
    expect(items.map((i) => i.title)).toEqual(["Descuento 50% en routers"]);
  });

  it("renders the commentary as sanitised HTML", async () => {
    const { approvedItem: make } = await import("./helpers");
    const id = await make(editor, reviewer, { title: "Markdown", commentary: "**bold** <script>alert(1)</script> [x](javascript:alert(1))", publishAt: now - 1 }, T);
    const item = await getFeedItem(db, viewerIn(null), id, now);
    expect(item?.commentaryHtml).toContain("<strong>bold</strong>");
    expect(item?.commentaryHtml).not.toContain("<script");
    expect(item?.commentaryHtml).not.toContain("javascript:");
  });
});
