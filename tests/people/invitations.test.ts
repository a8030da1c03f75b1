import { beforeAll, describe, expect, it } from "vitest";
import * as invite from "~/routes/admin.people.invite";
import * as accept from "~/routes/invite.$token";
import * as person from "~/routes/admin.people.$id";
import * as home from "~/routes/_index";
import * as login from "~/routes/login";
import { sha256 } from "~/utils/crypto.server";
import { readToast } from "~/utils/toast.server";
import { db } from "~/utils/db.server";
import { call, createTestDepartment, createTestUser, getRequest, jsonOf, postRequest, setCookies, type TestUser } from "../support/http";
import { expectTranslated } from "../support/i18n";

let admin: TestUser;
let hr: TestUser;
let departmentId: string;
let counter = 0;

beforeAll(async () => {
  admin = await createTestUser({ roles: ["admin"] });
  hr = await createTestUser({ roles: ["hr"] });
  departmentId = await createTestDepartment("Comunicación");
});

const newEmail = () => `invitee${++counter}_${Date.now()}@example.com`;

function sendInvite(cookie: string, fields: Record<string, string | string[]>, headers?: HeadersInit) {
  return call(invite.action, postRequest("/admin/people/invite", fields, { cookie, headers }));
}

async function mailsTo(email: string) {
  const rows = await db.selectFrom("outbox").selectAll().orderBy("created_at").execute();
  // Addresses are compared like mail servers do, without case.
  return rows.filter((r) => r.to_address.toLowerCase() === email.toLowerCase());
}

/** The token of the newest invitation link mailed to `email`. */
async function tokenMailedTo(email: string): Promise<string> {
  const mails = await mailsTo(email);
  const last = mails[mails.length - 1];
  const match = /http:\/\/altavoz\.test\/invite\/([A-Za-z0-9_-]+)/.exec(last.text_body);
  expect(match, last.text_body).not.toBeNull();
  expect(last.html_body).toContain(`/invite/${match![1]}`);
  return match![1];
}

const acceptFields = { name: "Nueva Persona", password: "a long enough password", confirmPassword: "a long enough password" };

async function counts() {
  const n = async (table: "users" | "invitations" | "outbox" | "user_roles") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { users: await n("users"), invitations: await n("invitations"), outbox: await n("outbox"), roles: await n("user_roles") };
}

describe("inviting", () => {
  it("an admin invites a person: invited status, roles, department, a hashed token and a mail in the outbox", async () => {
    const email = newEmail();
    const response = await sendInvite(admin.cookie, {
      email: email.toUpperCase(),
      name: "Lucía Pérez",
      departmentId,
      roles: ["employee", "editor"],
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/admin/people");
    const toastCookie = setCookies(response)
      .find((c) => c.startsWith("altavoz_toast="))!
      .split(";")[0];
    expect((await readToast(getRequest("/admin/people", { cookie: toastCookie }))).toast).toEqual({
      kind: "success",
      message: "people.invited",
      values: { email: email.toUpperCase() },
    });
    expectTranslated("people.invited");

    const user = await db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
    expect(user.status).toBe("invited");
    expect(user.password_hash).toBeNull();
    expect(user.department_id).toBe(departmentId);
    const roles = await db.selectFrom("user_roles").select("role").where("user_id", "=", user.id).execute();
    expect(roles.map((r) => r.role).sort()).toEqual(["editor", "employee"]);

    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].transport).toBe("outbox");
    expect(mails[0].error).toBeNull();
    expect(mails[0].subject).toMatch(/Altavoz/);
    const token = await tokenMailedTo(email);
    expect(token.length).toBeGreaterThanOrEqual(40);

    const invitations = await db.selectFrom("invitations").selectAll().where("user_id", "=", user.id).execute();
    expect(invitations).toHaveLength(1);
    expect(invitations[0].token_hash).toBe(sha256(token));
    expect(invitations[0].invited_by).toBe(admin.id);
    expect(invitations[0].expires_at - invitations[0].created_at).toBe(7 * 24 * 60 * 60 * 1000);
    const everything = JSON.stringify(await db.selectFrom("invitations").selectAll().execute());
    expect(everything).not.toContain(token);
  });

  it("writes the mail in the inviter's language", async () => {
    const email = newEmail();
    expect((await sendInvite(admin.cookie, { email, name: "Leo", roles: "employee" }, { "Accept-Language": "en" })).status).toBe(302);
    expect((await mailsTo(email))[0].subject).toBe("You are invited to Altavoz, our ambassador programme");
    const spanish = newEmail();
    expect(
      (await sendInvite(admin.cookie, { email: spanish, name: "Leo", roles: "employee" }, { "Accept-Language": "es-ES" })).status,
    ).toBe(302);
    expect((await mailsTo(spanish))[0].subject).not.toBe("You are invited to Altavoz, our ambassador programme");
  });

  it("HR invites too, but cannot grant the admin role", async () => {
    const email = newEmail();
    expect((await sendInvite(hr.cookie, { email, name: "Hugo", roles: ["employee", "reviewer", "hr"] })).status).toBe(302);
    expect((await db.selectFrom("users").select("status").where("email", "=", email).executeTakeFirst())?.status).toBe("invited");

    const before = await counts();
    const refused = await sendInvite(hr.cookie, { email: newEmail(), name: "Mallory", roles: ["employee", "admin"] });
    expect(refused.status).toBe(400);
    const { errors } = await jsonOf(refused);
    expect(errors.roles).toBe("people.errors.roleNotAllowed");
    expectTranslated(errors.roles);
    expect(await counts()).toEqual(before);
  });

  it("HR cannot re-invite a pending administrator (which would strip the admin role)", async () => {
    const email = newEmail();
    expect((await sendInvite(admin.cookie, { email, name: "Future Admin", roles: ["admin", "employee"] })).status).toBe(302);
    const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const before = await counts();
    const response = await sendInvite(hr.cookie, { email, name: "Demoted", roles: "employee" });
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).errors.email).toBe("people.errors.roleNotAllowed");
    expect(await counts()).toEqual(before);
    const roles = await db.selectFrom("user_roles").select("role").where("user_id", "=", user.id).execute();
    expect(roles.map((r) => r.role).sort()).toEqual(["admin", "employee"]);
    expect((await db.selectFrom("users").select("name").where("id", "=", user.id).executeTakeFirstOrThrow()).name).toBe("Future Admin");
  });

  it("employees, editors and reviewers are refused with 403 and nothing is written", async () => {
    const before = await counts();
    for (const role of ["employee", "editor", "reviewer"] as const) {
      const someone = await createTestUser({ roles: [role] });
      const after = await counts();
      const page = await call(invite.loader, getRequest("/admin/people/invite", { cookie: someone.cookie }));
      expect(page.status).toBe(403);
      const response = await sendInvite(someone.cookie, { email: newEmail(), name: "X", roles: "employee" });
      expect(response.status).toBe(403);
      expect(await counts()).toEqual(after);
    }
    expect((await counts()).invitations).toBe(before.invitations);
  });

  it("bad input gets translated field errors and changes nothing", async () => {
    const before = await counts();
    const cases: [Record<string, string | string[]>, string, string][] = [
      [{ email: "not-an-email", name: "A", roles: "employee" }, "email", "validation.email"],
      [{ email: "", name: "A", roles: "employee" }, "email", "validation.required"],
      [{ email: newEmail(), name: "", roles: "employee" }, "name", "validation.required"],
      [{ email: newEmail(), name: "x".repeat(121), roles: "employee" }, "name", "validation.tooLong"],
      [{ email: newEmail(), name: "A" }, "roles", "people.errors.noRole"],
      [{ email: newEmail(), name: "A", roles: "superuser" }, "roles.0", "validation.invalid"],
      [
        { email: newEmail(), name: "A", roles: "employee", departmentId: "no-such-department" },
        "departmentId",
        "people.errors.unknownDepartment",
      ],
    ];
    for (const [fields, field, key] of cases) {
      const response = await sendInvite(admin.cookie, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      const { errors } = await jsonOf(response);
      expect(errors[field], JSON.stringify(errors)).toBe(key);
      expectTranslated(key);
    }
    expect(await counts()).toEqual(before);
  });

  it("inviting someone who already has an account is an error on the email field", async () => {
    const member = await createTestUser();
    const before = await counts();
    const response = await sendInvite(admin.cookie, { email: member.email, name: "Again", roles: "employee" });
    expect(response.status).toBe(400);
    const { errors } = await jsonOf(response);
    expect(errors.email).toBe("people.errors.alreadyMember");
    expectTranslated(errors.email);
    expect(await counts()).toEqual(before);
    expect((await db.selectFrom("users").select("name").where("id", "=", member.id).executeTakeFirstOrThrow()).name).not.toBe("Again");
  });

  it("a post from another site is refused", async () => {
    const before = await counts();
    const response = await call(
      invite.action,
      postRequest(
        "/admin/people/invite",
        { email: newEmail(), name: "X", roles: "employee" },
        { cookie: admin.cookie, origin: "https://evil.example" },
      ),
    );
    expect(response.status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe("accepting", () => {
  async function invited(roles: string[] = ["employee"]) {
    const email = newEmail();
    expect((await sendInvite(admin.cookie, { email, name: "Invitada", roles })).status).toBe(302);
    return { email, token: await tokenMailedTo(email) };
  }

  it("activates the person, signs them in, and they can sign in later with their password", async () => {
    const { email, token } = await invited();
    const page = await call(accept.loader, getRequest(`/invite/${token}`), { token });
    expect(page.status).toBe(200);
    expect((await jsonOf(page)).invitation).toEqual({ email, name: "Invitada" });

    const response = await call(accept.action, postRequest(`/invite/${token}`, acceptFields, { headers: { "Accept-Language": "en-US" } }), {
      token,
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
    const cookie = setCookies(response)
      .find((c) => c.startsWith("altavoz_session="))!
      .split(";")[0];
    expect((await call(home.loader, getRequest("/", { cookie }))).status).toBe(200);

    const user = await db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
    expect(user.status).toBe("active");
    expect(user.name).toBe("Nueva Persona");
    expect(user.locale).toBe("en");
    expect(user.activated_at).toBeGreaterThan(0);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const signIn = await call(
      login.action,
      postRequest("/login", { email, password: acceptFields.password }),
      {},
      { clientIp: "198.51.100.77" },
    );
    expect(signIn.status).toBe(302);
  });

  it("is single-use: the second acceptance fails and the link is gone", async () => {
    const { email, token } = await invited();
    expect((await call(accept.action, postRequest(`/invite/${token}`, acceptFields), { token })).status).toBe(302);
    const hashBefore = (await db.selectFrom("users").select("password_hash").where("email", "=", email).executeTakeFirstOrThrow())
      .password_hash;

    const again = await call(
      accept.action,
      postRequest(`/invite/${token}`, { ...acceptFields, password: "another long password", confirmPassword: "another long password" }),
      { token },
    );
    expect(again.status).toBe(400);
    const { errors } = await jsonOf(again);
    expect(errors[""]).toBe("auth.invite.invalid");
    expectTranslated(errors[""]);
    expect(setCookies(again).some((c) => c.startsWith("altavoz_session="))).toBe(false);
    const hashAfter = (await db.selectFrom("users").select("password_hash").where("email", "=", email).executeTakeFirstOrThrow())
      .password_hash;
    expect(hashAfter).toBe(hashBefore);
    expect((await call(accept.loader, getRequest(`/invite/${token}`), { token })).status).toBe(410);
  });

  it("two simultaneous acceptances of one link: exactly one wins", async () => {
    const { token } = await invited();
    const responses = await Promise.all(
      [1, 2, 3].map((i) =>
        call(
          accept.action,
          postRequest(`/invite/${token}`, { name: `Racer ${i}`, password: `racer password ${i}`, confirmPassword: `racer password ${i}` }),
          { token },
        ),
      ),
    );
    expect(responses.filter((r) => r.status === 302)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 400)).toHaveLength(2);
  });

  it("expires", async () => {
    const { email, token } = await invited();
    await db
      .updateTable("invitations")
      .set({ expires_at: Date.now() - 1 })
      .where("token_hash", "=", sha256(token))
      .execute();
    expect((await call(accept.loader, getRequest(`/invite/${token}`), { token })).status).toBe(410);
    const response = await call(accept.action, postRequest(`/invite/${token}`, acceptFields), { token });
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).errors[""]).toBe("auth.invite.invalid");
    expect((await db.selectFrom("users").select("status").where("email", "=", email).executeTakeFirstOrThrow()).status).toBe("invited");
  });

  it("inviting again revokes the earlier link; only the newest works", async () => {
    const { email, token: first } = await invited();
    expect((await sendInvite(admin.cookie, { email, name: "Invitada Dos", roles: ["employee", "reviewer"] })).status).toBe(302);
    const second = await tokenMailedTo(email);
    expect(second).not.toBe(first);
    expect(await mailsTo(email)).toHaveLength(2);
    const old = await db.selectFrom("invitations").selectAll().where("token_hash", "=", sha256(first)).executeTakeFirstOrThrow();
    expect(old.revoked_at).not.toBeNull();
    // Still one person, with the new roles.
    const users = await db.selectFrom("users").select(["id", "name"]).where("email", "=", email).execute();
    expect(users).toHaveLength(1);
    expect(users[0].name).toBe("Invitada Dos");

    expect((await call(accept.loader, getRequest(`/invite/${first}`), { token: first })).status).toBe(410);
    expect((await call(accept.action, postRequest(`/invite/${first}`, acceptFields), { token: first })).status).toBe(400);
    expect((await call(accept.action, postRequest(`/invite/${second}`, acceptFields), { token: second })).status).toBe(302);
  });

  it("resending from the person's page mails a new link and kills the old one", async () => {
    const { email, token: first } = await invited();
    const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const response = await call(person.action, postRequest(`/admin/people/${user.id}`, { intent: "resend" }, { cookie: admin.cookie }), {
      id: user.id,
    });
    expect(response.status).toBe(302);
    const second = await tokenMailedTo(email);
    expect(second).not.toBe(first);
    expect((await call(accept.loader, getRequest(`/invite/${first}`), { token: first })).status).toBe(410);
    expect((await call(accept.loader, getRequest(`/invite/${second}`), { token: second })).status).toBe(200);
  });

  it("a deactivated invitee's link does not work", async () => {
    const { email, token } = await invited();
    const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    expect(
      (
        await call(person.action, postRequest(`/admin/people/${user.id}`, { intent: "deactivate" }, { cookie: admin.cookie }), {
          id: user.id,
        })
      ).status,
    ).toBe(302);
    expect((await call(accept.loader, getRequest(`/invite/${token}`), { token })).status).toBe(410);
    expect((await call(accept.action, postRequest(`/invite/${token}`, acceptFields), { token })).status).toBe(400);
    expect((await db.selectFrom("users").select("status").where("id", "=", user.id).executeTakeFirstOrThrow()).status).toBe("deactivated");
  });

  it("unknown tokens are refused", async () => {
    expect((await call(accept.loader, getRequest("/invite/nope"), { token: "nope" })).status).toBe(410);
    expect((await call(accept.action, postRequest("/invite/nope", acceptFields), { token: "nope" })).status).toBe(400);
  });

  it("bad input gets translated field errors and leaves the invitation open", async () => {
    const { email, token } = await invited();
    const cases: [Record<string, string>, string, string][] = [
      [{ ...acceptFields, password: "short", confirmPassword: "short" }, "password", "validation.passwordTooShort"],
      [{ ...acceptFields, confirmPassword: "something else entirely" }, "confirmPassword", "validation.passwordsDiffer"],
      [{ ...acceptFields, name: "" }, "name", "validation.required"],
    ];
    for (const [fields, field, key] of cases) {
      const response = await call(accept.action, postRequest(`/invite/${token}`, fields), { token });
      expect(response.status).toBe(400);
      expect((await jsonOf(response)).errors[field]).toBe(key);
      expectTranslated(key);
    }
    const foreign = await call(accept.action, postRequest(`/invite/${token}`, acceptFields, { origin: "https://evil.example" }), { token });
    expect(foreign.status).toBe(403);
    expect((await db.selectFrom("users").select("status").where("email", "=", email).executeTakeFirstOrThrow()).status).toBe("invited");
    expect((await call(accept.loader, getRequest(`/invite/${token}`), { token })).status).toBe(200);
  });
});
