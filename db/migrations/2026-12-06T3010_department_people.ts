import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
// People and active people per department ("" = none), kept by triggers on users so that every
// write (the app, imports, SCIM, a department's deletion setting department_id to null) counts,
// and the analytics departments table reads a row per department instead of every user.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("department_people")
    .addColumn("department_id", "text", (c) => c.primaryKey())
    .addColumn("people", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    insert into department_people (department_id, people, active)
    select coalesce(department_id, ''), count(*), sum(case when status = 'active' then 1 else 0 end)
    from users
    group by coalesce(department_id, '')
  `.execute(db);
  if (postgres) {
    await sql`
      create function department_people_count() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          insert into department_people (department_id, people, active)
          values (coalesce(old.department_id, ''), -1, case when old.status = 'active' then -1 else 0 end)
          on conflict (department_id) do update
            set people = department_people.people + excluded.people, active = department_people.active + excluded.active;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          insert into department_people (department_id, people, active)
          values (coalesce(new.department_id, ''), 1, case when new.status = 'active' then 1 else 0 end)
          on conflict (department_id) do update
            set people = department_people.people + excluded.people, active = department_people.active + excluded.active;
        end if;
        return null;
      end
      $$
    `.execute(db);
    await sql`create trigger users_department_people_insert_delete after insert or delete on users
      for each row execute function department_people_count()`.execute(db);
    await sql`create trigger users_department_people_update after update of department_id, status on users
      for each row when (old.department_id is distinct from new.department_id or old.status is distinct from new.status)
      execute function department_people_count()`.execute(db);
    return;
  }
  const add = (row: "new" | "old", sign: 1 | -1) => `
    insert into department_people (department_id, people, active)
    values (coalesce(${row}.department_id, ''), ${sign}, case when ${row}.status = 'active' then ${sign} else 0 end)
    on conflict (department_id) do update
      set people = people + excluded.people, active = active + excluded.active;`;
  await sql.raw(`create trigger users_department_people_insert after insert on users begin ${add("new", 1)} end`).execute(db);
  await sql.raw(`create trigger users_department_people_delete after delete on users begin ${add("old", -1)} end`).execute(db);
  await sql
    .raw(
      `create trigger users_department_people_update after update of department_id, status on users
      when old.department_id is not new.department_id or old.status is not new.status
      begin ${add("old", -1)} ${add("new", 1)} end`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop trigger if exists users_department_people_insert_delete on users`.execute(db);
    await sql`drop trigger if exists users_department_people_update on users`.execute(db);
    await sql`drop function if exists department_people_count()`.execute(db);
  } else {
    for (const name of ["insert", "delete", "update"]) await sql.raw(`drop trigger if exists users_department_people_${name}`).execute(db);
  }
  await db.schema.dropTable("department_people").execute();
}
