import { beforeAll, describe, expect, it } from "vitest";
import * as forgot from "~/routes/forgot-password";
import * as reset from "~/routes/reset-password.$token";
import * as person from "~/routes/admin.people.$id";
import * as login from "~/routes/login";
import { RESET_LIMIT_PER_EMAIL } from "~/models/people/password-reset.server";
import { insertUser } from "~/models/people/users.server";
import { sha256 } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import { verifyPassword } from "~/utils/password.server";
import { call, createTestUser, getRequest, jsonOf, postRequest, sessionCookie, TEST_PASSWORD, type TestUser } from "../support/http";

let admin: TestUser;
let hr: TestUser;
let ipCounter = 0;
const freshIp = () => ({ clientIp: `198.51.100.${++ipCounter}` });
const NEW_PASSWORD = "a brand new long password";

beforeAll(async () => {
  admin = await createTestUser({ roles: ["admin"] });
  hr = await createTestUser({ roles: ["hr"] });
});

async function mailsTo(email: string) {
  const rows = await db.selectFrom("outbox").selectAll().orderBy("created_at").execute();
  return rows.filter((r) => r.to_address === email);
}

async function tokenMailedTo(email: string): Promise<string> {
  const mails = await mailsTo(email);
  const match = /http:\/\/altavoz\.test\/reset-password\/([A-Za-z0-9_-]+)/.exec(mails[mails.length - 1]?.text_body ?? "");
  expect(match).not.toBeNull();
  return match![1];
}

const ask = (email: string, context = freshIp()) => call(forgot.action, postRequest("/forgot-password", { email }), {}, context);
const useLink = (token: string, password = NEW_PASSWORD) =>
  call(reset.action, postRequest(`/reset-password/${token}`, { password, confirmPassword: password }), { token });

describe("asking for a reset link", () => {
  it("answers the same for an active account, an unknown address and a deactivated or invited person; only the active one gets mail", async () => {
    const active = await createTestUser();
    const deactivated = await createTestUser();
    await db.updateTable("users").set({ status: "deactivated" }).where("id", "=", deactivated.id).execute();
    const invitedEmail = `invited_${Date.now()}@example.com`;
    await insertUser(db, { email: invitedEmail, name: "Invited", departmentId: null, roles: ["employee"], status: "invited" });
    const unknown = `nobody_${Date.now()}@example.com`;

    const answers = [];
    for (const email of [active.email, unknown, deactivated.email, invitedEmail]) {
      const response = await ask(email);
      answers.push({ status: response.status, body: await jsonOf(response) });
    }
    for (const [i, answer] of answers.entries()) {
      expect(answer.status).toBe(200);
      expect(Object.keys(answer.body).sort()).toEqual(["email", "ok"]);
      expect(answer.body.ok).toBe(true);
      expect(answer.body.email).toBe([active.email, unknown, deactivated.email, invitedEmail][i]);
    }
    expect(await mailsTo(active.email)).toHaveLength(1);
    expect(await mailsTo(unknown)).toHaveLength(0);
    expect(await mailsTo(deactivated.email)).toHaveLength(0);
    expect(await mailsTo(invitedEmail)).toHaveLength(0);
  });

  it("stores only the SHA-256 of the token, expiring within the hour", async () => {
    const someone = await createTestUser();
    await ask(someone.email);
    const token = await tokenMailedTo(someone.email);
    const rows = await db.selectFrom("password_resets").selectAll().where("user_id", "=", someone.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(sha256(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0].expires_at - rows[0].created_at).toBe(60 * 60 * 1000);
  });

  it("refuses a malformed address with a field error and sends nothing", async () => {
    const before = (await db.selectFrom("outbox").select("id").execute()).length;
    const response = await ask("not-an-address");
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).errors.email).toBe("validation.email");
    expect((await db.selectFrom("outbox").select("id").execute()).length).toBe(before);
  });

  it("is throttled per address in the database: past the limit the answer is the same and no mail leaves", async () => {
    const someone = await createTestUser();
    for (let i = 0; i < RESET_LIMIT_PER_EMAIL.max + 2; i++) {
      const response = await ask(someone.email);
      expect(response.status).toBe(200);
      expect((await jsonOf(response)).ok).toBe(true);
    }
    expect(await mailsTo(someone.email)).toHaveLength(RESET_LIMIT_PER_EMAIL.max);
    const windows = await db
      .selectFrom("throttle_windows")
      .selectAll()
      .where("key", "=", `reset_email:${sha256(someone.email)}`)
      .execute();
    expect(windows.map((w) => w.hits)).toEqual([RESET_LIMIT_PER_EMAIL.max]);
  });

  it("is throttled per client address too", async () => {
    const context = freshIp();
    const people = await Promise.all(Array.from({ length: 21 }, () => createTestUser()));
    for (const p of people) await ask(p.email, context);
    const mailed = (await Promise.all(people.map((p) => mailsTo(p.email)))).filter((m) => m.length > 0).length;
    expect(mailed).toBe(20);
  });

  it("is only for visitors who are not signed in", async () => {
    const someone = await createTestUser();
    const response = await call(
      forgot.action,
      postRequest("/forgot-password", { email: someone.email }, { cookie: someone.cookie }),
      {},
      freshIp(),
    );
    expect(response.status).toBe(302);
    expect(await mailsTo(someone.email)).toHaveLength(0);
  });
});

describe("using the link", () => {
  it("sets the new password, signs the person in, ends their other sessions and cannot be used twice", async () => {
    const someone = await createTestUser();
    await ask(someone.email);
    const token = await tokenMailedTo(someone.email);
    expect((await call(reset.loader, getRequest(`/reset-password/${token}`), { token })).status).toBe(200);

    const response = await useLink(token);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
    expect(response.headers.getSetCookie().some((c) => c.startsWith("auth_session=") || c.includes("session"))).toBe(true);
    const user = await db.selectFrom("users").select("password_hash").where("id", "=", someone.id).executeTakeFirstOrThrow();
    expect(await verifyPassword(user.password_hash, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(user.password_hash, TEST_PASSWORD)).toBe(false);
    // The old cookie no longer signs in; only the session just started remains.
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", someone.id).execute()).toHaveLength(1);
    expect((await call(forgot.loader, getRequest("/forgot-password", { cookie: someone.cookie }))).status).toBe(200);

    const again = await useLink(token, "yet another long password");
    expect(again.status).toBe(400);
    expect((await jsonOf(again)).errors[""]).toBe("passwordReset.invalid");
    expect((await call(reset.loader, getRequest(`/reset-password/${token}`), { token })).status).toBe(410);
    const after = await db.selectFrom("users").select("password_hash").where("id", "=", someone.id).executeTakeFirstOrThrow();
    expect(await verifyPassword(after.password_hash, NEW_PASSWORD)).toBe(true);
  });

  it("refuses an expired link and an older link once a newer one was sent", async () => {
    const someone = await createTestUser();
    await ask(someone.email);
    const first = await tokenMailedTo(someone.email);
    await ask(someone.email);
    const second = await tokenMailedTo(someone.email);
    expect(second).not.toBe(first);
    expect((await useLink(first)).status).toBe(400);
    await db
      .updateTable("password_resets")
      .set({ expires_at: Date.now() - 1 })
      .where("token_hash", "=", sha256(second))
      .execute();
    expect((await call(reset.loader, getRequest(`/reset-password/${second}`), { token: second })).status).toBe(410);
    expect((await useLink(second)).status).toBe(400);
    const user = await db.selectFrom("users").select("password_hash").where("id", "=", someone.id).executeTakeFirstOrThrow();
    expect(await verifyPassword(user.password_hash, TEST_PASSWORD)).toBe(true);
  });

  it("refuses a weak or mismatched password and leaves the link usable", async () => {
    const someone = await createTestUser();
    await ask(someone.email);
    const token = await tokenMailedTo(someone.email);
    const short = await useLink(token, "short");
    expect(short.status).toBe(400);
    expect((await jsonOf(short)).errors.password).toBe("validation.passwordTooShort");
    const guessable = await useLink(token, "password123456");
    expect(guessable.status).toBe(400);
    expect((await jsonOf(guessable)).errors.password).toBe("validation.weakPassword");
    const mismatch = await call(
      reset.action,
      postRequest(`/reset-password/${token}`, { password: NEW_PASSWORD, confirmPassword: "something else entirely" }),
      { token },
    );
    expect((await jsonOf(mismatch)).errors.confirmPassword).toBe("validation.passwordsDiffer");
    expect((await useLink(token)).status).toBe(302);
  });

  it("lets a person locked out by failed attempts sign in again with the new password", async () => {
    const someone = await createTestUser();
    const context = freshIp();
    for (let i = 0; i < 5; i++)
      await call(login.action, postRequest("/login", { email: someone.email, password: "wrong password" }), {}, context);
    const locked = await call(login.action, postRequest("/login", { email: someone.email, password: TEST_PASSWORD }), {}, context);
    expect((await jsonOf(locked)).errors[""]).toBe("auth.login.throttled");
    await ask(someone.email);
    expect((await useLink(await tokenMailedTo(someone.email))).status).toBe(302);
    const signedIn = await call(login.action, postRequest("/login", { email: someone.email, password: NEW_PASSWORD }), {}, context);
    expect(signedIn.status).toBe(302);
  });
});

describe("an administrator sends a reset link", () => {
  const send = (cookie: string, id: string) =>
    call(person.action, postRequest(`/admin/people/${id}`, { intent: "sendReset" }, { cookie }), { id });

  it("mails an active person a working link; their password keeps working until they use it", async () => {
    const someone = await createTestUser();
    const response = await send(admin.cookie, someone.id);
    expect(response.status).toBe(302);
    const row = await db.selectFrom("password_resets").selectAll().where("user_id", "=", someone.id).executeTakeFirstOrThrow();
    expect(row.requested_by).toBe(admin.id);
    const user = await db.selectFrom("users").select("password_hash").where("id", "=", someone.id).executeTakeFirstOrThrow();
    expect(await verifyPassword(user.password_hash, TEST_PASSWORD)).toBe(true);
    expect((await useLink(await tokenMailedTo(someone.email))).status).toBe(302);
  });

  it("refuses a person who is not active, and HR may not send one to an administrator", async () => {
    const invitedId = await insertUser(db, {
      email: `inv_${Date.now()}@example.com`,
      name: "Invited",
      departmentId: null,
      roles: ["employee"],
      status: "invited",
    });
    const refused = await send(admin.cookie, invitedId);
    expect(refused.status).toBe(400);
    expect((await jsonOf(refused)).errors[""]).toBe("passwordReset.notActive");
    const otherAdmin = await createTestUser({ roles: ["admin"] });
    expect((await send(hr.cookie, otherAdmin.id)).status).toBe(400);
    const rows = await db.selectFrom("password_resets").select("id").where("user_id", "in", [invitedId, otherAdmin.id]).execute();
    expect(rows).toHaveLength(0);
  });

  it("is refused to an employee", async () => {
    const employee = await createTestUser();
    const target = await createTestUser();
    expect((await send(await sessionCookie(employee.id), target.id)).status).toBe(403);
  });
});
