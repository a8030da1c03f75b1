import { beforeEach, describe, expect, it } from "vitest";
import * as setup from "~/routes/setup";
import * as login from "~/routes/login";
import * as home from "~/routes/_index";
import { countUsers, createFirstAdmin } from "~/models/people/users.server";
import { getUserWithRoles } from "~/utils/session-user.server";
import { db } from "~/utils/db.server";
import { call, getRequest, jsonOf, postRequest, setCookies } from "../support/http";
import { expectTranslated } from "../support/i18n";

const valid = {
  name: "Ana García",
  email: "ana@example.com",
  password: "a long enough password",
  confirmPassword: "a long enough password",
};

beforeEach(async () => {
  // Every test starts from an empty installation (roles and sessions go with the people).
  await db.deleteFrom("users").execute();
});

describe("/setup while nobody exists", () => {
  it("is offered, and /login sends people to it", async () => {
    expect((await call(setup.loader, getRequest("/setup"))).status).toBe(200);
    const toLogin = await call(login.loader, getRequest("/login"));
    expect(toLogin.status).toBe(302);
    expect(toLogin.headers.get("Location")).toBe("/setup");
  });

  it("creates the first administrator, signs them in and remembers the browser's language", async () => {
    const response = await call(setup.action, postRequest("/setup", valid, { headers: { "Accept-Language": "en-GB,en;q=0.9" } }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
    const cookie = setCookies(response)
      .find((c) => c.startsWith("altavoz_session="))!
      .split(";")[0];
    const person = await db.selectFrom("users").selectAll().executeTakeFirstOrThrow();
    expect(person.email).toBe("ana@example.com");
    expect(person.status).toBe("active");
    expect(person.locale).toBe("en");
    expect(person.password_hash).toMatch(/^\$argon2id\$/);
    const withRoles = await getUserWithRoles(db, person.id);
    expect(withRoles?.roles).toContain("admin");
    expect((await call(home.loader, getRequest("/", { cookie }))).status).toBe(200);
  });

  it("answers bad input with translated field errors and creates nobody", async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ ...valid, password: "short", confirmPassword: "short" }, "password", "validation.passwordTooShort"],
      [{ ...valid, confirmPassword: "a different password" }, "confirmPassword", "validation.passwordsDiffer"],
      [{ ...valid, email: "not an email" }, "email", "validation.email"],
      [{ ...valid, email: "" }, "email", "validation.required"],
      [{ ...valid, name: "   " }, "name", "validation.required"],
      [{ ...valid, name: "x".repeat(121) }, "name", "validation.tooLong"],
      [{ email: valid.email }, "password", "validation.required"],
    ];
    for (const [fields, field, key] of cases) {
      const response = await call(setup.action, postRequest("/setup", fields));
      expect(response.status, JSON.stringify(fields)).toBe(400);
      const { errors } = await jsonOf(response);
      expect(errors[field], JSON.stringify(fields)).toBe(key);
      expectTranslated(errors[field]);
    }
    expect(await countUsers(db)).toBe(0);
  });

  it("refuses a post from another site", async () => {
    const response = await call(setup.action, postRequest("/setup", valid, { origin: "https://evil.example" }));
    expect(response.status).toBe(403);
    expect(await countUsers(db)).toBe(0);
  });

  it("two simultaneous submissions create exactly one administrator", async () => {
    const responses = await Promise.all(
      ["first@example.com", "second@example.com", "third@example.com"].map((email) =>
        call(setup.action, postRequest("/setup", { ...valid, email })),
      ),
    );
    expect(await countUsers(db)).toBe(1);
    const signedIn = responses.filter((r) =>
      setCookies(r).some((c) => c.startsWith("altavoz_session=") && !c.startsWith("altavoz_session=;")),
    );
    expect(signedIn).toHaveLength(1);
    for (const response of responses) {
      expect(response.status).toBe(302);
      if (!signedIn.includes(response)) expect(response.headers.get("Location")).toBe("/login");
    }
  });

  it("createFirstAdmin called many times at once succeeds once", async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        createFirstAdmin(db, { email: `admin${i}@example.com`, name: `Admin ${i}`, password: "a long enough password" }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === "already-set-up")).toBe(true);
    expect(await countUsers(db)).toBe(1);
  });
});

describe("/setup once someone exists", () => {
  it("redirects to /login and creates nobody", async () => {
    expect((await call(setup.action, postRequest("/setup", valid))).status).toBe(302);
    expect(await countUsers(db)).toBe(1);

    const page = await call(setup.loader, getRequest("/setup"));
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("/login");
    const again = await call(setup.action, postRequest("/setup", { ...valid, email: "intruder@example.com" }));
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe("/login");
    expect(setCookies(again).some((c) => c.startsWith("altavoz_session="))).toBe(false);
    expect(await countUsers(db)).toBe(1);
    expect(await db.selectFrom("users").select("id").where("email", "=", "intruder@example.com").executeTakeFirst()).toBeUndefined();
    expect((await createFirstAdmin(db, { ...valid, email: "late@example.com" })).ok).toBe(false);
  });
});
