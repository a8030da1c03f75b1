import { describe, expect, it } from "vitest";
import { seedDemoContent } from "~/cli/demo/content";
import { listFeed } from "~/models/content/feed.server";
import { contentDashboard, reviewQueue } from "~/models/content/review-queue.server";
import { materialiseLifecycle } from "~/models/content/items.server";
import { seedDemoOrganisation } from "~/cli/demo/organisation";
import { db } from "~/utils/db.server";

describe("demo content", () => {
  it("fills the library once, with a non-empty feed for the demo employee and work for the reviewer", async () => {
    await seedDemoOrganisation(db);
    expect(await seedDemoContent(db)).toEqual({ created: true });
    expect(await seedDemoContent(db)).toEqual({ created: false });
    await materialiseLifecycle(db);

    const employee = await db.selectFrom("users").select(["id", "department_id"]).where("email", "=", "employee@demo.altavoz.test").executeTakeFirstOrThrow();
    const spanish = await listFeed(db, { id: employee.id, departmentId: employee.department_id }, { language: "es" });
    expect(spanish.items.map((i) => i.title)).toEqual([
      "Buscamos técnicas y técnicos de red en Málaga",
      "Atención al cliente amplía su horario: ahora también los sábados",
      "Llevamos la fibra a 40 000 hogares más en la Comunidad Valenciana",
      "Día del voluntariado: 300 personas de la plantilla plantaron 2 000 árboles",
    ]);
    const english = await listFeed(db, { id: employee.id, departmentId: employee.department_id }, { language: "en" });
    expect(english.total).toBe(2);

    const hr = await db.selectFrom("users").select(["id", "department_id"]).where("email", "=", "hr@demo.altavoz.test").executeTakeFirstOrThrow();
    const hrFeed = await listFeed(db, { id: hr.id, departmentId: hr.department_id }, { language: "es" });
    expect(hrFeed.items.map((i) => i.title)).not.toContain("Buscamos técnicas y técnicos de red en Málaga");

    const queue = await reviewQueue(db);
    expect(queue.map((q) => q.title)).toEqual(["Nueva tarifa para autónomos: fibra y móvil con una sola factura"]);
    expect(queue[0].waitingMs).toBeGreaterThan(24 * 60 * 60 * 1000);
    const dashboard = await contentDashboard(db);
    expect(dashboard.byStatus).toMatchObject({ published: 6, approved: 1, in_review: 1, changes_requested: 1, draft: 1 });
    expect(dashboard.medianApprovalMs).toBe(4 * 60 * 60 * 1000);
    expect(dashboard.pendingIdeas).toBe(1);
  });
});
