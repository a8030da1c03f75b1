import { describe, expect, it } from "vitest";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import { insertUser } from "~/models/people/users.server";
import { safeRedirect } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from "~/utils/login-throttle.server";
import { call, createTestUser, getRequest, jsonOf, postRequest, TEST_PASSWORD } from "../support/http";
import { expectTranslated } from "../support/i18n";

let ipCounter = 10;
/** Every test signs in from its own address so the per-IP limit of one test never touches another. */
const freshIp = () => ({ clientIp: `198.51.100.${ipCounter++}` });

const countSessions = async (userId: string) =>
  Number(
    (
      await db
        .selectFrom("sessions")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("login", () => {
  it("signs in with the right password and refuses a wrong one", async () => {
    const user = await createTestUser();
    const ip = freshIp();
    const ok = await call(
      login.action,
      postRequest("/login", { email: user.email.toUpperCase(), password: TEST_PASSWORD, redirectTo: "/settings" }),
      {},
      ip,
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/settings");
    expect(ok.headers.get("Set-Cookie")).toMatch(/altavoz_session=/);

    const bad = await call(login.action, postRequest("/login", { email: user.email, password: "nope nope nope" }), {}, ip);
    expect(bad.status).toBe(400);
    const body = await jsonOf(bad);
    expect(body.errors[""]).toBe("auth.login.invalidCredentials");
    expectTranslated(body.errors[""]);
  });

  it("refuses people who are invited or deactivated, even with the right password", async () => {
    for (const status of ["invited", "deactivated"] as const) {
      const email = `${status}_${Date.now()}@example.com`;
      await insertUser(db, { email, name: status, departmentId: null, roles: ["employee"], status, password: TEST_PASSWORD });
      const response = await call(login.action, postRequest("/login", { email, password: TEST_PASSWORD }), {}, freshIp());
      expect(response.status).toBe(400);
      expect((await jsonOf(response)).errors[""]).toBe("auth.login.invalidCredentials");
    }
  });

  it("answers bad input with translated field errors", async () => {
    const response = await call(login.action, postRequest("/login", { email: "not-an-email", password: "" }), {}, freshIp());
    expect(response.status).toBe(400);
    const { errors } = await jsonOf(response);
    expect(errors.email).toBe("validation.email");
    expect(errors.password).toBe("validation.required");
    expectTranslated(errors.email);
    expectTranslated(errors.password);
  });

  it("sends signed-in people away from the login page", async () => {
    const user = await createTestUser();
    const page = await call(login.loader, getRequest("/login", { cookie: user.cookie }));
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("/");
    const anonymous = await call(login.loader, getRequest("/login"));
    expect(anonymous.status).toBe(200);
  });

  it("logging out deletes the session", async () => {
    const user = await createTestUser();
    expect(await countSessions(user.id)).toBe(1);
    const response = await call(logout.action, postRequest("/logout", {}, { cookie: user.cookie }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login");
    expect(response.headers.get("Set-Cookie")).toMatch(/altavoz_session=;/);
    expect(await countSessions(user.id)).toBe(0);
  });
});

describe("passwords", () => {
  it("are stored as argon2id hashes, never in clear", async () => {
    const id = await insertUser(db, {
      email: `hash_${Date.now()}@example.com`,
      name: "Hash",
      departmentId: null,
      roles: ["employee"],
      status: "active",
      password: "a long enough password",
    });
    const row = await db.selectFrom("users").select("password_hash").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(row.password_hash).not.toContain("a long enough password");
  });
});

describe("login throttling", () => {
  it(`blocks an account after ${MAX_FAILURES_PER_ACCOUNT} failures, even with the right password and from other addresses`, async () => {
    const user = await createTestUser();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      const failed = await call(login.action, postRequest("/login", { email: user.email, password: `wrong password ${i}` }), {}, freshIp());
      expect((await jsonOf(failed)).errors[""]).toBe("auth.login.invalidCredentials");
    }
    const blocked = await call(login.action, postRequest("/login", { email: user.email, password: TEST_PASSWORD }), {}, freshIp());
    expect(blocked.status).toBe(400);
    expect(blocked.headers.get("Set-Cookie")).toBeNull();
    const body = await jsonOf(blocked);
    expect(body.errors[""]).toBe("auth.login.throttled");
    expect(body.retryMinutes).toBe(15);
    expectTranslated("auth.login.throttled");
    expectTranslated("auth.login.throttled_one");
    expect(await countSessions(user.id)).toBe(1); // only the one createTestUser opened
    // On PostgreSQL the failures are in the shared table every instance reads; on SQLite in memory.
    const stored = await db.selectFrom("rate_limits").select(["key", "points"]).where("key", "=", `login_account:${user.email}`).execute();
    expect(stored).toEqual(
      process.env.TEST_DIALECT === "postgres" ? [{ key: `login_account:${user.email}`, points: MAX_FAILURES_PER_ACCOUNT }] : [],
    );

    // Another account is not affected.
    const other = await createTestUser();
    const fine = await call(login.action, postRequest("/login", { email: other.email, password: TEST_PASSWORD }), {}, freshIp());
    expect(fine.status).toBe(302);
  });

  it("a successful sign-in clears the account's failures", async () => {
    const user = await createTestUser();
    const ip = freshIp();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) {
      await call(login.action, postRequest("/login", { email: user.email, password: "wrong password" }), {}, ip);
    }
    expect((await call(login.action, postRequest("/login", { email: user.email, password: TEST_PASSWORD }), {}, ip)).status).toBe(302);
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) {
      await call(login.action, postRequest("/login", { email: user.email, password: "wrong password" }), {}, ip);
    }
    expect((await call(login.action, postRequest("/login", { email: user.email, password: TEST_PASSWORD }), {}, ip)).status).toBe(302);
  });

  it(`blocks an address after ${MAX_FAILURES_PER_IP} failures across many accounts`, async () => {
    const ip = freshIp();
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      const failed = await call(login.action, postRequest("/login", { email: `guess${i}@example.com`, password: "guess guess" }), {}, ip);
      expect((await jsonOf(failed)).errors[""]).toBe("auth.login.invalidCredentials");
    }
    const user = await createTestUser();
    const blocked = await call(login.action, postRequest("/login", { email: user.email, password: TEST_PASSWORD }), {}, ip);
    expect(blocked.status).toBe(400);
    const body = await jsonOf(blocked);
    expect(body.errors[""]).toBe("auth.login.throttled");
    expect(body.retryMinutes).toBeGreaterThan(0);
    // The same person from another address signs in normally.
    const elsewhere = await call(login.action, postRequest("/login", { email: user.email, password: TEST_PASSWORD }), {}, freshIp());
    expect(elsewhere.status).toBe(302);
  });
});

describe("Origin check", () => {
  it("refuses a sign-in posted from another site and opens no session", async () => {
    const user = await createTestUser();
    const foreign = await call(
      login.action,
      postRequest("/login", { email: user.email, password: TEST_PASSWORD }, { origin: "https://evil.example" }),
      {},
      freshIp(),
    );
    expect(foreign.status).toBe(403);
    expect((await jsonOf(foreign)).message).toBe("errors.crossOrigin");
    expectTranslated("errors.crossOrigin");
    expect(await countSessions(user.id)).toBe(1);
  });

  it("refuses a post with neither Origin nor Referer, and accepts a same-site Referer", async () => {
    const user = await createTestUser();
    const bare = await call(
      login.action,
      postRequest("/login", { email: user.email, password: TEST_PASSWORD }, { origin: null }),
      {},
      freshIp(),
    );
    expect(bare.status).toBe(403);
    const foreignReferer = await call(
      login.action,
      postRequest(
        "/login",
        { email: user.email, password: TEST_PASSWORD },
        { origin: null, headers: { Referer: "https://evil.example/login" } },
      ),
      {},
      freshIp(),
    );
    expect(foreignReferer.status).toBe(403);
    const referer = await call(
      login.action,
      postRequest(
        "/login",
        { email: user.email, password: TEST_PASSWORD },
        { origin: null, headers: { Referer: "http://altavoz.test/login" } },
      ),
      {},
      freshIp(),
    );
    expect(referer.status).toBe(302);
    expect(await countSessions(user.id)).toBe(2);
  });

  it("refuses a cross-site logout, so a foreign page cannot sign people out", async () => {
    const user = await createTestUser();
    const response = await call(logout.action, postRequest("/logout", {}, { cookie: user.cookie, origin: "https://evil.example" }));
    expect(response.status).toBe(403);
    expect(await countSessions(user.id)).toBe(1);
  });
});

describe("safeRedirect", () => {
  it("keeps local paths and refuses everything that could leave the site", () => {
    expect(safeRedirect("/settings")).toBe("/settings");
    expect(safeRedirect("/admin/people?status=active#top")).toBe("/admin/people?status=active#top");
    for (const evil of [
      "//evil.com",
      "https://evil.com",
      "http://evil.com/x",
      "/\\evil.com",
      "\\\\evil.com",
      "evil.com",
      "javascript:alert(1)",
      "/\t/evil.com",
      "/\n/evil.com",
      "",
    ]) {
      expect(safeRedirect(evil), evil).toBe("/");
    }
    expect(safeRedirect(null, "/home")).toBe("/home");
  });

  it("is applied to the login's redirectTo", async () => {
    const user = await createTestUser();
    for (const redirectTo of ["//evil.com/steal", "/\t/evil.com"]) {
      const response = await call(
        login.action,
        postRequest("/login", { email: user.email, password: TEST_PASSWORD, redirectTo }),
        {},
        freshIp(),
      );
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/");
    }
  });
});
