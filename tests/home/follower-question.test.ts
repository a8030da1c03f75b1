import { describe, expect, it } from "vitest";
import * as home from "~/routes/_index";
import * as settings from "~/routes/settings";
import * as reading from "~/routes/workshops.$slug._index";
import { db } from "~/utils/db.server";
import { readToast } from "~/utils/toast.server";
import { call, createTestUser, getRequest, jsonOf, postRequest } from "../support/http";
import { createTestWorkshop, onlyTheseRequired, RIGHT_ANSWERS } from "../workshops/helpers";

async function toastOf(response: Response) {
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return (await readToast(new Request("http://altavoz.test/", { headers: { Cookie: cookie } }))).toast;
}

const homeOf = async (cookie: string) => jsonOf(await call(home.loader, getRequest("/", { cookie })));
const followerRows = (userId: string) =>
  db.selectFrom("follower_counts").select(["network", "followers"]).where("user_id", "=", userId).orderBy("network").execute();

describe("the follower question at the end of onboarding", () => {
  it("sends the person who completes the last step home, where their follower counts are asked and saved", async () => {
    const w = await createTestWorkshop();
    await onlyTheseRequired([w.workshopId]);
    const person = await createTestUser();
    const post = (fields: Record<string, string | string[]>) =>
      call(reading.action, postRequest(`/workshops/${w.slug}`, fields, { cookie: person.cookie }), { slug: w.slug });
    await post({ intent: "lesson", lesson: "1" });
    await post({ intent: "lesson", lesson: "2" });
    const fields: Record<string, string | string[]> = { intent: "quiz", versionId: w.versionId, language: "es" };
    RIGHT_ANSWERS.forEach((chosen, i) => (fields[`answers.${i}`] = chosen.map(String)));
    const completed = await post(fields);
    expect(completed.headers.get("Location")).toBe("/");
    expect(await toastOf(completed)).toMatchObject({ message: "experience.onboarding.certified" });

    const before = await homeOf(person.cookie);
    expect(before.ambassador).toBe(true);
    expect(before.home.followersUnknown).toBe(true);

    const saved = await call(
      settings.action,
      postRequest(
        "/settings",
        { intent: "followers", redirectTo: "/", linkedin: "850", x: "", facebook: "120", whatsapp: "", email: "" },
        { cookie: person.cookie },
      ),
    );
    expect(saved.headers.get("Location")).toBe("/");
    expect(await toastOf(saved)).toMatchObject({ message: "auth.settings.followersSaved" });
    expect((await followerRows(person.id)).find((r) => r.network === "linkedin")?.followers).toBe(850);
    expect((await homeOf(person.cookie)).home.followersUnknown).toBe(false);
  });

  it("can be skipped (zeros, not asked again) and refuses bad counts without writing", async () => {
    const person = await createTestUser();
    const bad = await call(
      settings.action,
      postRequest("/settings", { intent: "followers", redirectTo: "/", linkedin: "-3" }, { cookie: person.cookie }),
    );
    expect(bad.status).toBe(400);
    expect(await followerRows(person.id)).toEqual([]);
    expect((await homeOf(person.cookie)).home.followersUnknown).toBe(true);

    const skipped = await call(
      settings.action,
      postRequest("/settings", { intent: "followers", redirectTo: "/", skip: "1" }, { cookie: person.cookie }),
    );
    expect(skipped.headers.get("Location")).toBe("/");
    expect(await toastOf(skipped)).toMatchObject({ message: "experience.followers.skipped" });
    expect((await followerRows(person.id)).every((r) => r.followers === 0)).toBe(true);
    expect((await homeOf(person.cookie)).home.followersUnknown).toBe(false);

    const elsewhere = await call(
      settings.action,
      postRequest("/settings", { intent: "followers", redirectTo: "https://evil.example/", linkedin: "1" }, { cookie: person.cookie }),
    );
    expect(elsewhere.headers.get("Location")).toBe("/settings");
  });
});
