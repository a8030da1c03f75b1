import { describe, expect, it } from "vitest";
import type { UserStatus } from "#db/schema";
import { insertUser } from "~/models/people/users.server";
import { db } from "~/utils/db.server";
import { createTestDepartment } from "../support/http";
import { seededRandom as random } from "../support/random";

/** "department|people|active" for every department with people, from the counter table. */
async function counted(): Promise<string[]> {
  const rows = await db.selectFrom("department_people").selectAll().where("people", "!=", 0).execute();
  return rows.map((r) => `${r.department_id}|${r.people}|${r.active}`).sort();
}

/** The same from the users themselves. */
async function grouped(): Promise<string[]> {
  const rows = await db
    .selectFrom("users")
    .select((eb) => [
      "department_id",
      eb.fn.countAll<number>().as("people"),
      eb.fn.sum<number>(eb.case().when("status", "=", "active").then(1).else(0).end()).as("active"),
    ])
    .groupBy("department_id")
    .execute();
  return rows.map((r) => `${r.department_id ?? ""}|${Number(r.people)}|${Number(r.active)}`).sort();
}

const STATUSES: UserStatus[] = ["invited", "active", "deactivated"];

describe("people per department (department_people, kept by triggers on users)", () => {
  it("equals a count of the users after random inserts, moves, status changes, deletions and departments removed", async () => {
    const r = random(31);
    const departments: (string | null)[] = [null];
    for (let i = 0; i < 4; i++) departments.push(await createTestDepartment());
    const people: string[] = [];
    for (let step = 0; step < 300; step++) {
      const roll = r.next();
      if (roll < 0.35 || people.length === 0) {
        people.push(
          await insertUser(db, {
            email: `p${step}@example.com`,
            name: `P${step}`,
            departmentId: r.pick(departments),
            roles: ["employee"],
            status: r.pick(STATUSES),
          }),
        );
      } else if (roll < 0.55) {
        await db
          .updateTable("users")
          .set({ department_id: r.pick(departments) })
          .where("id", "=", r.pick(people))
          .execute();
      } else if (roll < 0.75) {
        await db
          .updateTable("users")
          .set({ status: r.pick(STATUSES) })
          .where("id", "=", r.pick(people))
          .execute();
      } else if (roll < 0.82) {
        // Both at once, and an update that changes neither.
        await db
          .updateTable("users")
          .set({ department_id: r.pick(departments), status: r.pick(STATUSES) })
          .where("id", "=", r.pick(people))
          .execute();
        await db
          .updateTable("users")
          .set({ name: `Renamed ${step}` })
          .where("id", "=", r.pick(people))
          .execute();
      } else if (roll < 0.97) {
        const id = r.pick(people);
        await db.deleteFrom("users").where("id", "=", id).execute();
        people.splice(people.indexOf(id), 1);
      } else {
        // A department removed: its people are left with none (the foreign key sets null).
        const id = r.pick(departments.slice(1));
        if (id && departments.length > 2) {
          await db.deleteFrom("departments").where("id", "=", id).execute();
          departments.splice(departments.indexOf(id), 1);
        }
      }
      if (step % 25 === 0) expect(await counted(), `step ${step}`).toEqual(await grouped());
    }
    expect((await grouped()).length).toBeGreaterThan(1);
    expect(await counted()).toEqual(await grouped());
  });
});
