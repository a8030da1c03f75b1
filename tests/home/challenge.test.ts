import { describe, expect, it } from "vitest";
import { createCampaign } from "~/models/content/campaigns.server";
import * as home from "~/routes/_index";
import { db } from "~/utils/db.server";
import { call, createTestUser, getRequest, jsonOf } from "../support/http";

const DAY = 24 * 60 * 60 * 1000;

describe("the home's running challenge", () => {
  it("shows the challenge that ends soonest with its progress, and none when nothing runs", async () => {
    const person = await createTestUser();
    const admin = await createTestUser({ roles: ["admin", "employee"] });
    expect((await jsonOf(await call(home.loader, getRequest("/", { cookie: person.cookie })))).home.challenge).toBeNull();

    const now = Date.now();
    const input = (name: string, endsIn: number) => ({
      name,
      description: "",
      goal: "Llegar a 200 compartidos",
      goalShares: 200,
      startsAt: now - DAY,
      endsAt: now + endsIn,
    });
    await createCampaign(db, admin.id, input("Later", 20 * DAY));
    const soon = await createCampaign(db, admin.id, input("Fibra Valencia", 5 * DAY));
    await createCampaign(db, admin.id, { ...input("Past", 0), startsAt: now - 10 * DAY, endsAt: now - DAY });

    const page = await jsonOf(await call(home.loader, getRequest("/", { cookie: person.cookie })));
    expect(page.home.challenge).toMatchObject({ id: soon, name: "Fibra Valencia", goalShares: 200, shares: 0, state: "running" });
  });
});
