import type { DB } from "~/utils/db.server";
import type { Role } from "#db/schema";
import { hashPassword } from "~/utils/password.server";
import { countUsers, insertUser } from "~/models/people/users.server";
import { createDepartment } from "~/models/people/departments.server";

export const DEMO_PASSWORD = "altavoz-demo-2026";

export const DEMO_DEPARTMENTS = [
  "Atención al cliente",
  "Comunicación",
  "Legal y cumplimiento",
  "Personas (RR. HH.)",
  "Ventas",
  "Tecnología",
];

export const DEMO_LOGINS: { email: string; name: string; department: string; roles: Role[] }[] = [
  { email: "admin@demo.altavoz.test", name: "Alba Administradora", department: "Tecnología", roles: ["admin", "employee"] },
  { email: "editor@demo.altavoz.test", name: "Eva Editora", department: "Comunicación", roles: ["editor", "employee"] },
  { email: "reviewer@demo.altavoz.test", name: "Ramón Revisor", department: "Legal y cumplimiento", roles: ["reviewer", "employee"] },
  { email: "hr@demo.altavoz.test", name: "Helena de Personas", department: "Personas (RR. HH.)", roles: ["hr", "employee"] },
  { email: "care@demo.altavoz.test", name: "Carla de Atención", department: "Atención al cliente", roles: ["care", "employee"] },
  { email: "employee@demo.altavoz.test", name: "Emilio Empleado", department: "Atención al cliente", roles: ["employee"] },
];

const FIRST_NAMES = [
  "Lucía",
  "Mateo",
  "Sofía",
  "Hugo",
  "Martina",
  "Leo",
  "Paula",
  "Daniel",
  "Valeria",
  "Pablo",
  "Carmen",
  "Álvaro",
  "Julia",
  "Adrián",
  "Irene",
  "Diego",
  "Sara",
  "Javier",
];
const LAST_NAMES = ["García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Fernández", "Ruiz", "Díaz", "Moreno", "Muñoz", "Romero"];

/** A small organisation to explore Altavoz with: one login per role plus colleagues in every department. */
export async function seedDemoOrganisation(db: DB): Promise<{ created: boolean }> {
  if ((await countUsers(db)) > 0) return { created: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const departments = new Map<string, string>();
    for (const name of DEMO_DEPARTMENTS) {
      const result = await createDepartment(trx, name);
      if (result.ok) departments.set(name, result.id);
    }
    const people = [
      ...DEMO_LOGINS,
      ...FIRST_NAMES.map((first, i) => ({
        email: `${first
          .normalize("NFD")
          .replace(/[\u0300-\u036f]/g, "")
          .toLowerCase()}.${i}@demo.altavoz.test`,
        name: `${first} ${LAST_NAMES[i % LAST_NAMES.length]}`,
        department: DEMO_DEPARTMENTS[i % DEMO_DEPARTMENTS.length],
        roles: ["employee"] as Role[],
      })),
    ];
    for (const person of people) {
      const id = await insertUser(trx, { ...person, departmentId: departments.get(person.department) ?? null, status: "active" });
      await trx.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", id).execute();
    }
  });
  return { created: true };
}
