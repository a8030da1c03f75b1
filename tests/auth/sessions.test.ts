import { describe, expect, it } from "vitest";
import * as home from "~/routes/_index";
import * as login from "~/routes/login";
import * as person from "~/routes/admin.people.$id";
import * as settings from "~/routes/settings";
import { loader as rootLoader } from "~/root";
import { deactivateUser } from "~/models/people/users.server";
import { lucia, readSession } from "~/utils/auth.server";
import { sha256 } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import { call, createTestUser, getRequest, jsonOf, postRequest, setCookies, TEST_PASSWORD } from "../support/http";

const tokenOf = (cookie: string) => cookie.replace(/^altavoz_session=/, "");
const sessionsOf = (userId: string) => db.selectFrom("sessions").selectAll().where("user_id", "=", userId).execute();

describe("session storage", () => {
  it("keeps only the SHA-256 of the cookie's token", async () => {
    const user = await createTestUser();
    const token = tokenOf(user.cookie);
    expect(token.length).toBeGreaterThanOrEqual(20);
    const rows = await sessionsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(sha256(token));
    expect(rows[0].id).not.toContain(token);
    const all = await db.selectFrom("sessions").selectAll().execute();
    expect(JSON.stringify(all)).not.toContain(token);
  });

  it("a session opened by signing in is stored hashed too", async () => {
    const user = await createTestUser();
    const response = await call(
      login.action,
      postRequest("/login", { email: user.email, password: TEST_PASSWORD }),
      {},
      { clientIp: "198.51.100.200" },
    );
    const cookie = setCookies(response).find((c) => c.startsWith("altavoz_session="))!;
    const token = tokenOf(cookie.split(";")[0]);
    expect(token).not.toBe("");
    const ids = (await sessionsOf(user.id)).map((r) => r.id);
    expect(ids).toContain(sha256(token));
    expect(ids).not.toContain(token);
    // The cookie works.
    const page = await call(home.loader, getRequest("/", { cookie: cookie.split(";")[0] }));
    expect(page.status).toBe(200);
  });

  it("the stored hash itself is not a valid cookie", async () => {
    const user = await createTestUser();
    const [row] = await sessionsOf(user.id);
    const page = await call(home.loader, getRequest("/", { cookie: `altavoz_session=${row.id}` }));
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toMatch(/^\/login\?/);
  });

  it("an expired session is refused and deleted", async () => {
    const user = await createTestUser();
    await db
      .updateTable("sessions")
      .set({ expires_at: Date.now() - 1000 })
      .where("user_id", "=", user.id)
      .execute();
    const page = await call(home.loader, getRequest("/", { cookie: user.cookie }));
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("/login?redirectTo=%2F");
    expect(await sessionsOf(user.id)).toHaveLength(0);
  });

  it("an unknown or empty cookie counts as anonymous", async () => {
    for (const cookie of ["altavoz_session=forged-token", "altavoz_session="]) {
      const page = await call(home.loader, getRequest("/", { cookie }));
      expect(page.status).toBe(302);
      expect(page.headers.get("Location")).toMatch(/^\/login/);
    }
    const { user, setCookie } = await readSession(getRequest("/", { cookie: "altavoz_session=forged-token" }));
    expect(user).toBeNull();
    expect(setCookie).toMatch(/altavoz_session=;/);
  });
});

describe("deactivation", () => {
  it("stops every session of the person at once and deletes them", async () => {
    const admin = await createTestUser({ roles: ["admin"] });
    const employee = await createTestUser();
    const colleague = (await createTestUser()).cookie; // someone else, untouched
    const laptop = employee.cookie;
    const phone = `altavoz_session=${(await lucia.createSession(employee.id, {})).id}`;
    expect((await call(home.loader, getRequest("/", { cookie: laptop }))).status).toBe(200);
    expect(await sessionsOf(employee.id)).toHaveLength(2);

    const response = await call(
      person.action,
      postRequest(`/admin/people/${employee.id}`, { intent: "deactivate" }, { cookie: admin.cookie }),
      { id: employee.id },
    );
    expect(response.status).toBe(302);

    expect(await sessionsOf(employee.id)).toHaveLength(0);
    for (const cookie of [laptop, phone]) {
      const page = await call(home.loader, getRequest("/", { cookie }));
      expect(page.status).toBe(302);
      expect(page.headers.get("Location")).toBe("/login?redirectTo=%2F");
      const action = await call(settings.action, postRequest("/settings", { intent: "followers", linkedin: "5" }, { cookie }));
      expect(action.status).toBe(302);
      expect(action.headers.get("Location")).toMatch(/^\/login\?/);
    }
    const root = await jsonOf(await call(rootLoader, getRequest("/", { cookie: laptop })));
    expect(root.user).toBeNull();
    expect((await call(home.loader, getRequest("/", { cookie: colleague }))).status).toBe(200);
  });

  it("a session row that survived deactivation (e.g. written concurrently) still does not work", async () => {
    const employee = await createTestUser();
    await deactivateUser(db, employee.id);
    // Simulate a session created at the same moment, after the deletion.
    const session = await lucia.createSession(employee.id, {});
    const page = await call(home.loader, getRequest("/", { cookie: `altavoz_session=${session.id}` }));
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toMatch(/^\/login\?/);
  });
});

describe("changing the password", () => {
  it("signs out every other device and keeps this one signed in", async () => {
    const user = await createTestUser();
    const other = `altavoz_session=${(await lucia.createSession(user.id, {})).id}`;
    const response = await call(
      settings.action,
      postRequest(
        "/settings",
        {
          intent: "password",
          currentPassword: TEST_PASSWORD,
          newPassword: "a brand new password",
          confirmPassword: "a brand new password",
        },
        { cookie: user.cookie },
      ),
    );
    expect(response.status).toBe(302);
    const fresh = setCookies(response)
      .find((c) => c.startsWith("altavoz_session="))!
      .split(";")[0];
    expect((await call(home.loader, getRequest("/", { cookie: other }))).status).toBe(302);
    expect((await call(home.loader, getRequest("/", { cookie: user.cookie }))).status).toBe(302);
    expect((await call(home.loader, getRequest("/", { cookie: fresh }))).status).toBe(200);
    const row = await db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a wrong current password and bad input, changing nothing", async () => {
    const user = await createTestUser();
    const before = await db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
    const wrong = await call(
      settings.action,
      postRequest(
        "/settings",
        {
          intent: "password",
          currentPassword: "not my password",
          newPassword: "a brand new password",
          confirmPassword: "a brand new password",
        },
        { cookie: user.cookie },
      ),
    );
    expect(wrong.status).toBe(400);
    expect((await jsonOf(wrong)).errors.currentPassword).toBe("auth.settings.wrongPassword");
    const short = await call(
      settings.action,
      postRequest(
        "/settings",
        { intent: "password", currentPassword: TEST_PASSWORD, newPassword: "short", confirmPassword: "other" },
        { cookie: user.cookie },
      ),
    );
    expect(short.status).toBe(400);
    const { errors } = await jsonOf(short);
    expect(errors.newPassword).toBe("validation.passwordTooShort");
    const after = await db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(after.password_hash).toBe(before.password_hash);
    expect(await sessionsOf(user.id)).toHaveLength(1);
  });
});
