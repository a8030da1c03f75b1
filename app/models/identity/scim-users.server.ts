import type { DB } from "~/utils/db.server";
import { serializableTransaction } from "~/utils/db.server";
import { recordAudit, type AuditActor } from "~/models/audit/record.server";
import { deactivateUser, getPerson, insertUser, reactivateUser, updatePerson } from "~/models/people/users.server";
import { departmentIdFor, linkIdentity, localeFromTag } from "./directory.server";
import { SCIM, ScimError, type ScimChanges } from "./scim-input.server";

const USER_NAME = "scim:userName";
const EXTERNAL_ID = "scim:externalId";

type Person = NonNullable<Awaited<ReturnType<typeof getPerson>>>;

async function identitiesOf(db: DB, userIds: string[]) {
  if (!userIds.length) return new Map<string, { userName?: string; externalId?: string }>();
  const rows = await db
    .selectFrom("user_identities")
    .select(["user_id", "provider", "subject"])
    .where("user_id", "in", userIds)
    .where("provider", "in", [USER_NAME, EXTERNAL_ID])
    .execute();
  const map = new Map<string, { userName?: string; externalId?: string }>();
  for (const row of rows) {
    const entry = map.get(row.user_id) ?? {};
    if (row.provider === USER_NAME) entry.userName = row.subject;
    else entry.externalId = row.subject;
    map.set(row.user_id, entry);
  }
  return map;
}

/** The SCIM view of a person; userName is what the directory sent (the email when it sent that). */
export function toScimUser(person: Person, ids: { userName?: string; externalId?: string }, baseUrl: string) {
  return {
    schemas: [SCIM.user, SCIM.enterprise],
    id: person.id,
    ...(ids.externalId ? { externalId: ids.externalId } : {}),
    userName: ids.userName ?? person.email,
    name: { formatted: person.name },
    displayName: person.name,
    emails: [{ value: person.email, type: "work", primary: true }],
    active: person.status !== "deactivated",
    ...(person.locale ? { preferredLanguage: person.locale } : {}),
    [SCIM.enterprise]: { department: person.department_name ?? undefined },
    meta: { resourceType: "User", created: new Date(person.created_at).toISOString(), location: `${baseUrl}/Users/${person.id}` },
  };
}

export async function scimUser(db: DB, id: string, baseUrl: string) {
  const person = await getPerson(db, id);
  if (!person) throw new ScimError(404, null, `User ${id} not found`);
  return toScimUser(person, (await identitiesOf(db, [id])).get(id) ?? {}, baseUrl);
}

export async function listScimUsers(
  db: DB,
  query: { filter: { attribute: "userName" | "externalId" | "email"; value: string } | null; startIndex: number; count: number },
  baseUrl: string,
) {
  let base = db.selectFrom("users");
  const f = query.filter;
  if (f) {
    const value = f.attribute === "externalId" ? f.value : f.value.toLowerCase();
    const linked = (provider: string, caseless: boolean) =>
      db
        .selectFrom("user_identities")
        .select("user_identities.user_id")
        .where("provider", "=", provider)
        .where((eb) => (caseless ? eb(eb.fn("lower", ["subject"]), "=", value) : eb("subject", "=", value)));
    if (f.attribute === "externalId") base = base.where("users.id", "in", linked(EXTERNAL_ID, false));
    else if (f.attribute === "email") base = base.where("users.email", "=", value);
    else base = base.where((eb) => eb.or([eb("users.email", "=", value), eb("users.id", "in", linked(USER_NAME, true))]));
  }
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const ids =
    query.count === 0
      ? []
      : await base
          .select("users.id")
          .orderBy("users.created_at")
          .orderBy("users.id")
          .limit(query.count)
          .offset(query.startIndex - 1)
          .execute();
  const people = (await Promise.all(ids.map((r) => getPerson(db, r.id)))).filter((p): p is Person => p !== null);
  const identities = await identitiesOf(
    db,
    people.map((p) => p.id),
  );
  return {
    schemas: [SCIM.list],
    totalResults: total,
    startIndex: query.startIndex,
    itemsPerPage: people.length,
    Resources: people.map((p) => toScimUser(p, identities.get(p.id) ?? {}, baseUrl)),
  };
}

function nameFrom(changes: ScimChanges, current: string | null, fallback: string): string {
  if (changes.displayName) return changes.displayName;
  if (changes.formatted) return changes.formatted;
  if (changes.givenName !== undefined || changes.familyName !== undefined) {
    const [currentGiven = "", ...rest] = (current ?? "").split(" ");
    const joined = [changes.givenName ?? currentGiven, changes.familyName ?? rest.join(" ")].filter(Boolean).join(" ");
    if (joined) return joined.slice(0, 120);
  }
  return current ?? fallback;
}

async function assertEmailFree(trx: DB, email: string, exceptId: string | null) {
  const holder = await trx.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  if (holder && holder.id !== exceptId) throw new ScimError(409, "uniqueness", `${email} is already in use`);
}

async function assertUserNameFree(trx: DB, userName: string, exceptId: string | null) {
  // userName is not case-sensitive (RFC 7643 §4.1.1); it is kept as sent and compared in lower case.
  const holder = await trx
    .selectFrom("user_identities")
    .select("user_id")
    .where("provider", "=", USER_NAME)
    .where((eb) => eb(eb.fn("lower", ["subject"]), "=", userName.toLowerCase()))
    .executeTakeFirst();
  if (holder && holder.user_id !== exceptId) throw new ScimError(409, "uniqueness", `userName ${userName} is already in use`);
}

async function saveIdentities(trx: DB, userId: string, changes: ScimChanges, email: string) {
  if (changes.userName !== undefined) {
    if (changes.userName.toLowerCase() === email)
      await trx.deleteFrom("user_identities").where("user_id", "=", userId).where("provider", "=", USER_NAME).execute();
    else await linkIdentity(trx, USER_NAME, changes.userName, userId);
  }
  if (changes.externalId === null)
    await trx.deleteFrom("user_identities").where("user_id", "=", userId).where("provider", "=", EXTERNAL_ID).execute();
  else if (changes.externalId !== undefined) await linkIdentity(trx, EXTERNAL_ID, changes.externalId, userId);
}

/** POST /Users: a new employee, active unless the directory says otherwise. */
export async function createScimUser(
  db: DB,
  changes: ScimChanges & { userName: string; email: string },
  actor: AuditActor,
): Promise<string> {
  return serializableTransaction(db, async (trx) => {
    await assertEmailFree(trx, changes.email, null);
    await assertUserNameFree(trx, changes.userName, null);
    const departmentId = await departmentIdFor(trx, changes.department);
    const name = nameFrom(changes, null, changes.email.split("@")[0]);
    const status = changes.active === false ? "deactivated" : "active";
    const id = await insertUser(trx, {
      email: changes.email,
      name,
      departmentId,
      roles: ["employee"],
      status,
      locale: localeFromTag(changes.locale),
    });
    if (status === "deactivated") await trx.updateTable("users").set({ deactivated_at: Date.now() }).where("id", "=", id).execute();
    await saveIdentities(trx, id, changes, changes.email);
    await recordAudit(trx, {
      actorId: actor,
      action: "person.created",
      target: { type: "person", id, label: changes.email },
      after: { name, department: changes.department ?? null, status, roles: ["employee"] },
    });
    return id;
  });
}

/** PUT and PATCH: the same changes, applied through the rules the people pages use, all or nothing. */
export async function updateScimUser(db: DB, id: string, changes: ScimChanges, actor: AuditActor): Promise<void> {
  await serializableTransaction(db, async (trx) => {
    const person = await getPerson(trx, id);
    if (!person) throw new ScimError(404, null, `User ${id} not found`);
    const email = changes.email ?? person.email;
    if (email !== person.email) {
      await assertEmailFree(trx, email, id);
      await trx.updateTable("users").set({ email }).where("id", "=", id).execute();
      await recordAudit(trx, {
        actorId: actor,
        action: "person.updated",
        target: { type: "person", id, label: email },
        before: { email: person.email },
        after: { email },
      });
    }
    if (changes.userName !== undefined) await assertUserNameFree(trx, changes.userName, id);
    await saveIdentities(trx, id, changes, email);
    const name = nameFrom(changes, person.name, person.name);
    const departmentId = changes.department === undefined ? person.department_id : await departmentIdFor(trx, changes.department);
    if (name !== person.name || departmentId !== person.department_id) {
      await updatePerson(trx, id, { name, departmentId, roles: person.roles }, actor);
    }
    if (changes.locale !== undefined)
      await trx
        .updateTable("users")
        .set({ locale: localeFromTag(changes.locale) })
        .where("id", "=", id)
        .execute();
    if (changes.active === false && person.status !== "deactivated") {
      const result = await deactivateUser(trx, id, actor);
      if (!result.ok) throw new ScimError(400, "mutability", "the last active administrator cannot be deactivated");
    }
    if (changes.active === true && person.status === "deactivated") await reactivateUser(trx, id, actor, true);
  });
}
