// Cookie flags depend on NODE_ENV when the modules load, so this file loads them afresh under "production".
import { afterAll, describe, expect, it, vi } from "vitest";

afterAll(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("cookies", () => {
  it("are Secure, HttpOnly and SameSite=Lax in production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("APP_ORIGIN", "https://altavoz.example.com");
    vi.stubEnv("SESSION_SECRET", "a-production-secret-of-32-characters");
    vi.resetModules();
    const { lucia } = await import("~/utils/auth.server");
    const { toastHeader } = await import("~/utils/toast.server");
    const session = lucia.createSessionCookie("token").serialize();
    expect(session).toMatch(/^altavoz_session=token;/);
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
    expect(session).toMatch(/; Path=\//i);
    expect(lucia.createBlankSessionCookie().serialize()).toMatch(/; Secure/i);
    const toast = await toastHeader({ message: "people.saved" });
    expect(toast).toMatch(/; Secure/i);
    expect(toast).toMatch(/; HttpOnly/i);
    const { localeCookie } = await import("~/utils/locale.server");
    expect(await localeCookie.serialize("en")).toMatch(/; Secure/i);
  });

  it("are Secure in production behind an https APP_ORIGIN or on localhost, and not when APP_ORIGIN is plain http on an intranet host", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("SESSION_SECRET", "a-production-secret-of-32-characters");
    vi.stubEnv("APP_ORIGIN", "https://altavoz.example.com");
    vi.resetModules();
    let { lucia } = await import("~/utils/auth.server");
    expect(lucia.createSessionCookie("token").serialize()).toMatch(/; Secure/i);

    // Browsers treat localhost as secure, so the flag stays there.
    vi.stubEnv("APP_ORIGIN", "http://localhost:3000");
    vi.resetModules();
    ({ lucia } = await import("~/utils/auth.server"));
    expect(lucia.createSessionCookie("token").serialize()).toMatch(/; Secure/i);

    vi.stubEnv("APP_ORIGIN", "http://altavoz.intranet:3000");
    vi.resetModules();
    ({ lucia } = await import("~/utils/auth.server"));
    const { toastHeader } = await import("~/utils/toast.server");
    const { localeCookie } = await import("~/utils/locale.server");
    const session = lucia.createSessionCookie("token").serialize();
    expect(session).not.toMatch(/Secure/i);
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
    expect(lucia.createBlankSessionCookie().serialize()).not.toMatch(/Secure/i);
    expect(await toastHeader({ message: "people.saved" })).not.toMatch(/Secure/i);
    expect(await localeCookie.serialize("en")).not.toMatch(/Secure/i);
    vi.unstubAllEnvs();
  });

  it("are not Secure in development, where the app runs over plain http", async () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.resetModules();
    const { lucia } = await import("~/utils/auth.server");
    const session = lucia.createSessionCookie("token").serialize();
    expect(session).not.toMatch(/Secure/i);
    expect(session).toMatch(/; HttpOnly/i);
  });

  it("production refuses to start without a session secret or without APP_ORIGIN", async () => {
    const { readEnv } = await import("~/utils/env.server");
    const origin = "https://altavoz.example.com";
    expect(() => readEnv({ NODE_ENV: "production", APP_ORIGIN: origin })).toThrow(/SESSION_SECRET/);
    expect(() => readEnv({ NODE_ENV: "production", APP_ORIGIN: origin, SESSION_SECRET: "" })).toThrow(/SESSION_SECRET/);
    expect(() => readEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(16) })).toThrow(/APP_ORIGIN/);
    expect(readEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(16), APP_ORIGIN: origin }).NODE_ENV).toBe("production");
  });

  it("the demo (ALTAVOZ_DEMO=1) generates its secret once, readable by its owner only, and its cookies work over plain http", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { demoSecret, readEnv } = await import("~/utils/env.server");
    expect(readEnv({ NODE_ENV: "production", ALTAVOZ_DEMO: "1" }).ALTAVOZ_DEMO).toBe(true);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "altavoz-secret-")), "data", "session-secret");
    const secret = demoSecret(file);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(demoSecret(file)).toBe(secret);
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("APP_ORIGIN", "");
    vi.stubEnv("ALTAVOZ_DEMO", "1");
    vi.resetModules();
    const { lucia } = await import("~/utils/auth.server");
    expect(lucia.createSessionCookie("token").serialize()).not.toMatch(/Secure/i);
  });
});
