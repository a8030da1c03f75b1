// kill -9 of a real server during a CSV import and just after one: on restart the import cut short
// has left nobody behind and says why, and the import that had finished has every invitation's mail
// in the outbox. SQLite (the test's database): there a restart gives up a running import at once; on
// PostgreSQL it waits for the heartbeat to stop for a minute (tests/people/import.test.ts covers that).
import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { createTestUser, ORIGIN, type TestUser } from "../support/http";
import { startInstance, waitUntil, type AppInstance } from "./support";

const postgres = process.env.TEST_DIALECT === "postgres";

function csv(prefix: string, rows: number): string {
  return ["email,name", ...Array.from({ length: rows }, (_, i) => `${prefix}-${i}@example.com,Persona ${i}`)].join("\n");
}

async function upload(instance: AppInstance, admin: TestUser, filename: string, text: string): Promise<string> {
  const form = new FormData();
  form.set("file", new Blob([text], { type: "text/csv" }), filename);
  const res = await fetch(`${instance.base}/admin/people/import`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: admin.cookie, Origin: ORIGIN },
    body: form,
  });
  const id = /\/admin\/people\/import\/([^/]+)$/.exec(res.headers.get("Location") ?? "")?.[1];
  if (res.status !== 302 || !id) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  return id;
}

const importOf = (id: string) => getDb().selectFrom("people_imports").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

const countWhere = async (table: "users" | "outbox", column: "email" | "to_address", prefix: string) =>
  Number(
    (
      await getDb()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where(column, "like", `${prefix}-%`)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.skipIf(postgres)("kill -9 and CSV imports (SQLite)", () => {
  it("a kill mid-import leaves no one from it and marks it failed; a finished import keeps every invitation's mail", async () => {
    const admin = await createTestUser({ roles: ["admin"] });
    const databaseUrl = process.env.DATABASE_URL ?? "";
    let server = await startInstance(databaseUrl);
    try {
      // One import finishes ("done", its commit just made) and the next is in flight when the server dies.
      const DONE_ROWS = 300;
      const done = await upload(server, admin, "done.csv", csv("done", DONE_ROWS));
      await waitUntil("the first import to finish", async () => (await importOf(done)).status === "done");
      const ROWS = 5_000;
      const cut = await upload(server, admin, "cut.csv", csv("cut", ROWS));
      await waitUntil("the second import's first chunks", async () => (await countWhere("users", "email", "cut")) > 0);
      await server.kill();
      const writtenBeforeKill = await countWhere("users", "email", "cut");
      expect((await importOf(cut)).status).toBe("running");

      server = await startInstance(databaseUrl);
      const failed = await importOf(cut);
      const peopleLeft = await countWhere("users", "email", "cut");
      const mailLeft = await countWhere("outbox", "to_address", "cut");
      console.log(
        `kill -9 during a ${ROWS}-row import: ${writtenBeforeKill} people written when killed; after restart ${peopleLeft} people and ${mailLeft} mails left, import ${failed.status} (${failed.failure})`,
      );
      expect(writtenBeforeKill).toBeLessThan(ROWS);
      expect(peopleLeft).toBe(0);
      expect(mailLeft).toBe(0);
      expect(failed).toMatchObject({ status: "failed", imported_rows: 0, failure: "people.import.errors.interrupted" });
      // The import's page says what happened.
      const page = await fetch(`${server.base}/admin/people/import/${cut}?_data=routes%2Fadmin.people.import.%24id`, {
        headers: { Cookie: admin.cookie },
      });
      expect(((await page.json()) as { result: { status: string; failure: string } }).result).toMatchObject({
        status: "failed",
        failure: "people.import.errors.interrupted",
      });

      // The finished import survived the kill and the restart, every invitation with its mail.
      expect(await importOf(done)).toMatchObject({ status: "done", imported_rows: DONE_ROWS });
      const invited = await countWhere("users", "email", "done");
      const invitationsWithoutMail = await getDb()
        .selectFrom("users")
        .select("email")
        .where("email", "like", "done-%")
        .where((eb) => eb.not(eb.exists(eb.selectFrom("outbox").select("outbox.id").whereRef("outbox.to_address", "=", "users.email"))))
        .execute();
      const mail = await getDb().selectFrom("outbox").select("status").where("to_address", "like", "done-%").execute();
      console.log(
        `kill -9 after a ${DONE_ROWS}-row import finished: ${invited} invited, ${mail.length} mails in the outbox, ${invitationsWithoutMail.length} invitations without mail`,
      );
      expect(invited).toBe(DONE_ROWS);
      expect(invitationsWithoutMail).toEqual([]);
      expect(mail).toHaveLength(DONE_ROWS);
      // Released from the hold (no SMTP here, so kept in the outbox rather than pending).
      expect(mail.every((m) => m.status === "kept")).toBe(true);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
