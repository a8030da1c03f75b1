import Papa from "papaparse";
import type { DB } from "~/utils/db.server";
import { MAX_MEMBER_EMAILS } from "./schema";

/**
 * Emails from typed or uploaded text: one per line, or a CSV whose "email" column (else its first
 * column) holds them. Lower-cased, de-duplicated, in order.
 */
export function parseMemberEmails(text: string): string[] {
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const rows = parsed.data.filter((row) => Array.isArray(row));
  if (rows.length === 0) return [];
  const header = rows[0].map((cell) => cell.trim().toLowerCase());
  const column = Math.max(0, header.indexOf("email"));
  const body = header.includes("email") ? rows.slice(1) : rows;
  const emails = body.map((row) => (row[column] ?? "").trim().toLowerCase()).filter((email) => email.length > 0);
  return [...new Set(emails)].slice(0, MAX_MEMBER_EMAILS + 1);
}

/** Every person of a cohort: listed people and everyone in its departments. */
export function cohortMemberIdsQuery(db: DB, cohortId: string) {
  return db
    .selectFrom("users")
    .select("users.id")
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom("cohort_people")
            .select("cohort_people.user_id")
            .where("cohort_people.cohort_id", "=", cohortId)
            .whereRef("cohort_people.user_id", "=", "users.id"),
        ),
        eb.exists(
          eb
            .selectFrom("cohort_departments")
            .select("cohort_departments.department_id")
            .where("cohort_departments.cohort_id", "=", cohortId)
            .whereRef("cohort_departments.department_id", "=", "users.department_id"),
        ),
      ]),
    );
}

/** The active people of the given cohorts (for digests, which pick per person in memory). */
export async function memberIdsOf(db: DB, cohortIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const members = new Map<string, Set<string>>();
  for (const cohortId of new Set(cohortIds)) {
    const rows = await cohortMemberIdsQuery(db, cohortId).where("users.status", "=", "active").execute();
    members.set(cohortId, new Set(rows.map((row) => row.id)));
  }
  return members;
}

/** The cohorts a person belongs to, listed or through their department. */
export async function cohortsOf(db: DB, person: { id: string; departmentId: string | null }): Promise<string[]> {
  const rows = await db
    .selectFrom("cohorts")
    .select("cohorts.id")
    .where((eb) => {
      const listed = eb.exists(
        eb
          .selectFrom("cohort_people")
          .select("user_id")
          .whereRef("cohort_people.cohort_id", "=", "cohorts.id")
          .where("cohort_people.user_id", "=", person.id),
      );
      if (!person.departmentId) return listed;
      return eb.or([
        listed,
        eb.exists(
          eb
            .selectFrom("cohort_departments")
            .select("department_id")
            .whereRef("cohort_departments.cohort_id", "=", "cohorts.id")
            .where("cohort_departments.department_id", "=", person.departmentId),
        ),
      ]);
    })
    .execute();
  return rows.map((row) => row.id);
}
