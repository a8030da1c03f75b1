// End to end in Chromium against the built app: HR sees who graduated from the pilot and opens the next wave
// (its invited person gets an invitation in the outbox); the pilot's graduate, now a champion, finds the new
// wave on the home page and sees its people. Needs `npx remix build` first and /usr/bin/chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCohort } from "~/models/cohorts/cohorts.server";
import { setGraduationCriteria } from "~/models/cohorts/graduation.server";
import { insertUser } from "~/models/people/users.server";
import { awardPoints } from "~/models/scoring/points.server";
import type { DB } from "~/utils/db.server";
import { logIn, logOut, startE2eApp, type E2eApp } from "./support/harness";

const PASSWORD = "e2e waves password";
const HR = "rrhh.e2e@example.com";
const GRADUATE = "grace.e2e@example.com";
const NEWCOMER = "nuevo.e2e@example.com";
const DAY = 86_400_000;

let app: E2eApp;
let pilotId = "";

async function arrange(db: DB) {
  const person = (email: string, name: string, roles: ("employee" | "hr")[], status: "active" | "invited" = "active") =>
    insertUser(db, { email, name, departmentId: null, roles, status, password: status === "active" ? PASSWORD : undefined, locale: "es" });
  const hr = await person(HR, "Rita Recursos", ["hr", "employee"]);
  const graduate = await person(GRADUATE, "Grace Graduada", ["employee"]);
  await person("sin.e2e@example.com", "Sara Sinpublicar", ["employee"]);
  await person(NEWCOMER, "Nico Nuevo", ["employee"], "invited");
  const now = Date.now();
  const wave = async (name: string, emails: string[], startsAt: number) => {
    const created = await createCohort(db, hr, {
      name,
      startsAt,
      endsAt: startsAt + 28 * DAY,
      goalParticipation: null,
      goalShares: null,
      goalUniqueClicks: null,
      departmentIds: [],
      emails: emails.join("\n"),
    });
    if (!created.ok) throw new Error(created.error);
    return created.id;
  };
  pilotId = await wave("Ola 1 — piloto", [GRADUATE, "sin.e2e@example.com"], now - 14 * DAY);
  await wave("Ola 2", [NEWCOMER], now + DAY);
  await setGraduationCriteria(db, pilotId, { onboarded: false, shares: 1, uniqueClicks: null });
  await db.transaction().execute((trx) =>
    awardPoints(trx, {
      userId: graduate,
      action: "share",
      referenceType: "e2e",
      referenceId: "w1",
      at: now - DAY,
      counters: { shares: 1, uniqueClicks: 2 },
    }),
  );
}

beforeAll(async () => {
  app = await startE2eApp("waves", arrange);
});

afterAll(async () => {
  await app?.stop();
});

describe("programme waves", () => {
  it("HR opens the next wave once; the pilot's graduate champions it", async () => {
    const { page, errors } = await app.newPage();
    await logIn(page, app.base, HR, PASSWORD);
    await page.goto(`${app.base}/admin/cohorts/${pilotId}`);
    expect(await page.getByTestId("graduates-count").textContent()).toBe("1 persona graduada");
    await page.getByLabel("Ola que se abre").selectOption({ label: "Ola 2" });
    await page.getByRole("button", { name: "Abrir la siguiente ola" }).click();
    await expect.poll(() => page.getByTestId("wave-opened").first().textContent()).toContain("1 invitaciones, 1 referentes");
    expect(await page.getByRole("button", { name: "Abrir la siguiente ola" }).count()).toBe(0);
    const mails = await app.db.selectFrom("outbox").select("to_address").where("to_address", "=", NEWCOMER).execute();
    expect(mails).toHaveLength(1);
    await logOut(page, app.base);

    await logIn(page, app.base, GRADUATE, PASSWORD);
    await page.goto(`${app.base}/`);
    await page.getByRole("link", { name: "Ola 2" }).click();
    await page.waitForURL("**/champions/cohort/**");
    // The URL changes before the group's page has rendered: wait for its table, then count.
    await page.getByTestId("group-summary").waitFor();
    expect(await page.getByRole("rowheader", { name: "Nico Nuevo" }).count()).toBe(1);
    expect(await page.getByTestId("group-summary").textContent()).toContain("1 persona ·");
    expect(errors).toEqual([]);
  });
});
