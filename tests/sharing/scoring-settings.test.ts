import { describe, expect, it } from "vitest";
import { earnedMediaValue, getEmvRates, getFollowerCounts, DEFAULT_EMV_RATES } from "~/models/sharing/amplification.server";
import { getPointScheme } from "~/models/scoring/points.server";
import * as scoring from "~/routes/admin.scoring";
import * as settings from "~/routes/settings";
import { db } from "~/utils/db.server";
import { call, createTestUser, jsonOf, postRequest } from "../support/http";

const validScoring = {
  share: "12",
  unique_click: "2",
  unique_click_cap: "30",
  workshop_completed: "60",
  guideline_acknowledged: "20",
  idea_accepted: "25",
  report_actionable: "15",
  conversion: "0",
  currency: "EUR",
  cpc_linkedin: "4.5",
  cpc_x: "1",
  cpc_facebook: "0.8",
  cpc_whatsapp: "0.5",
  cpc_email: "0.4",
  cpm_linkedin: "9",
  cpm_x: "5",
  cpm_facebook: "6",
  cpm_whatsapp: "2",
  cpm_email: "1.5",
};

describe("admin scoring", () => {
  it("saves a new scheme and EMV rates that apply from now on", async () => {
    const admin = await createTestUser({ roles: ["admin"] });
    const response = await call(scoring.action, postRequest("/admin/scoring", validScoring, { cookie: admin.cookie }));
    expect(response.status).toBe(302);
    const scheme = await getPointScheme(db);
    expect(scheme.share).toEqual({ points: 12, cap: null });
    expect(scheme.unique_click).toEqual({ points: 2, cap: 30 });
    expect((await getPointScheme(db, Date.now() - 60_000)).share.points).toBe(10);
    const rates = await getEmvRates(db);
    expect(rates.cpc.linkedin).toBe(4.5);
    expect(rates.cpm.email).toBe(1.5);
  });

  it("refuses bad input with field errors and changes nothing", async () => {
    const admin = await createTestUser({ roles: ["admin"] });
    const before = await db.selectFrom("point_rules").selectAll().execute();
    const response = await call(
      scoring.action,
      postRequest(
        "/admin/scoring",
        { ...validScoring, share: "-1", unique_click: "1.5", currency: "euros", cpc_x: "abc" },
        { cookie: admin.cookie },
      ),
    );
    expect(response.status).toBe(400);
    const { errors } = await jsonOf(response);
    expect(errors).toMatchObject({
      share: "validation.wholeNumber",
      unique_click: "validation.wholeNumber",
      currency: "scoring.errors.currency",
      cpc_x: "scoring.errors.amount",
    });
    expect(await db.selectFrom("point_rules").selectAll().execute()).toEqual(before);
  });

  it("computes earned media value from unique clicks and reach", () => {
    expect(earnedMediaValue(DEFAULT_EMV_RATES, "linkedin", 10, 2000)).toBeCloseTo(10 * 3.5 + 2 * 8);
    expect(earnedMediaValue(DEFAULT_EMV_RATES, "email", 0, 0)).toBe(0);
  });
});

describe("follower counts in settings", () => {
  it("stores the person's audience per network", async () => {
    const person = await createTestUser();
    const response = await call(
      settings.action,
      postRequest(
        "/settings",
        { intent: "followers", linkedin: "850", x: "120", facebook: "", whatsapp: "40", email: "15" },
        { cookie: person.cookie },
      ),
    );
    expect(response.status).toBe(302);
    expect(await getFollowerCounts(db, person.id)).toEqual({ linkedin: 850, x: 120, facebook: 0, whatsapp: 40, email: 15 });
  });

  it("refuses negative or non-numeric counts", async () => {
    const person = await createTestUser();
    const response = await call(
      settings.action,
      postRequest("/settings", { intent: "followers", linkedin: "-5", x: "many" }, { cookie: person.cookie }),
    );
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).errors).toMatchObject({ linkedin: "validation.wholeNumber", x: "validation.wholeNumber" });
    expect(await getFollowerCounts(db, person.id)).toEqual({ linkedin: 0, x: 0, facebook: 0, whatsapp: 0, email: 0 });
  });
});
