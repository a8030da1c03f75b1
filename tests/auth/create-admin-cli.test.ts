import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as login from "~/routes/login";
import { countUsers } from "~/models/people/users.server";
import { getUserWithRoles } from "~/utils/session-user.server";
import { db } from "~/utils/db.server";
import { call, postRequest } from "../support/http";

const root = path.resolve(import.meta.dirname, "../..");

/** Runs the headless set-up against this test file's own (initially empty) database, SQLite or PostgreSQL. */
function createAdmin(args: string[], password: string | undefined) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password === undefined) delete env.ADMIN_PASSWORD;
  else env.ADMIN_PASSWORD = password;
  const result = spawnSync("npx", ["tsx", "app/cli/create-admin.ts", ...args], { cwd: root, env, encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("app/cli/create-admin.ts", () => {
  it("refuses bad input with exit code 2 and writes nothing", async () => {
    const cases: [string[], string | undefined][] = [
      [["--name", "Ana García"], "a long enough password"],
      [["--email", "not-an-email", "--name", "Ana García"], "a long enough password"],
      [["--email", "ana@example.com", "--name", "Ana García"], "short"],
      [["--email", "ana@example.com", "--name", "Ana García"], undefined],
      [["--email", "ana@example.com", "--name", "  "], "a long enough password"],
    ];
    for (const [args, password] of cases) {
      const result = createAdmin(args, password);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(/Usage/);
    }
    expect(await countUsers(db)).toBe(0);
  }, 120_000);

  it("creates the first administrator on an empty installation, who can then sign in", async () => {
    const result = createAdmin(["--email", "Ana@Example.com", "--name", "Ana García"], "a long enough password");
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Ana@Example.com created/);
    const row = await db.selectFrom("users").selectAll().executeTakeFirstOrThrow();
    expect(row.email).toBe("ana@example.com");
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect((await getUserWithRoles(db, row.id))?.roles).toContain("admin");
    const signIn = await call(
      login.action,
      postRequest("/login", { email: "ana@example.com", password: "a long enough password" }),
      {},
      { clientIp: "198.51.100.90" },
    );
    expect(signIn.status).toBe(302);
  }, 60_000);

  it("refuses once someone exists (exit code 1) and creates nobody", async () => {
    const result = createAdmin(["--email", "second@example.com", "--name", "Second"], "a long enough password");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/already has people/);
    expect(await countUsers(db)).toBe(1);
    expect(await db.selectFrom("users").select("id").where("email", "=", "second@example.com").executeTakeFirst()).toBeUndefined();
  }, 60_000);
});
