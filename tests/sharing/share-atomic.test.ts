// A share and its points are one transaction: make the ledger write fail right after the share row
// was inserted, and neither the share, nor its tracked link, nor any ledger row or total may remain.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "~/utils/db.server";
import { ORIGIN, createTestUser, type TestUser } from "../support/http";
import { approvedItem, createActor } from "../content/helpers";

const failure = vi.hoisted(() => ({ next: false }));

vi.mock("~/models/scoring/points.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/models/scoring/points.server")>();
  return {
    ...original,
    awardPoints: async (...args: Parameters<typeof original.awardPoints>) => {
      if (failure.next) {
        failure.next = false;
        // The share row is already in the transaction when the ledger is written.
        const [trx, award] = args;
        const share = await trx.selectFrom("shares").select("id").where("id", "=", award.referenceId).executeTakeFirst();
        if (!share) throw new Error("expected the share row to exist inside the transaction");
        throw new Error("simulated crash between the share and its ledger row");
      }
      return original.awardPoints(...args);
    },
  };
});

const { recordShare } = await import("~/models/sharing/shares.server");

const HOUR = 3_600_000;
let person: TestUser;
let itemId: string;

const count = async (table: "shares" | "points_ledger" | "tracked_links" | "score_buckets") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", person.id)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  const editor = await createActor(["editor"]);
  const reviewer = await createActor(["reviewer"]);
  person = await createTestUser();
  itemId = await approvedItem(editor, reviewer, { publishAt: Date.now() - HOUR }, Date.now() - 2 * HOUR);
});

describe("a crash between the share and its ledger row", () => {
  it("leaves neither behind, and the next attempt records both", async () => {
    failure.next = true;
    await expect(recordShare(db, { userId: person.id, itemId, network: "linkedin", text: "Hola", origin: ORIGIN })).rejects.toThrow(
      "simulated crash",
    );
    expect({
      shares: await count("shares"),
      ledger: await count("points_ledger"),
      links: await count("tracked_links"),
      buckets: await count("score_buckets"),
    }).toEqual({
      shares: 0,
      ledger: 0,
      links: 0,
      buckets: 0,
    });
    const retry = await recordShare(db, { userId: person.id, itemId, network: "linkedin", text: "Hola", origin: ORIGIN });
    expect(retry).toMatchObject({ ok: true, scored: true, points: 10 });
    expect({ shares: await count("shares"), ledger: await count("points_ledger"), links: await count("tracked_links") }).toEqual({
      shares: 1,
      ledger: 1,
      links: 1,
    });
  });
});
