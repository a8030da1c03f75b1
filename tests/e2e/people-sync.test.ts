// End to end in Chromium: an administrator uploads the whole company's list, reads the preview
// (nothing written yet), applies it; the leaver's open session ends at once.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "~/models/people/users.server";
import { logIn, startE2eApp, type E2eApp } from "./support/harness";

let app: E2eApp;
const uploads = fs.mkdtempSync(path.join(os.tmpdir(), "altavoz-sync-"));
const person = (email: string, name: string, roles: ("admin" | "employee")[], password: string) => ({
  email,
  name,
  departmentId: null,
  roles,
  status: "active" as const,
  password,
});

beforeAll(async () => {
  app = await startE2eApp("people-sync", async (db) => {
    await insertUser(db, person("admin@acme.test", "Admin", ["admin", "employee"], "una frase de admin"));
    await insertUser(db, person("stays@acme.test", "Se Queda", ["employee"], "una frase cualquiera"));
    await insertUser(db, person("renamed@acme.test", "Nombre Viejo", ["employee"], "una frase cualquiera"));
    await insertUser(db, person("leaves@acme.test", "Se Va", ["employee"], "la frase de quien se va"));
  });
});

afterAll(async () => {
  await app?.stop();
  fs.rmSync(uploads, { recursive: true, force: true });
});

describe("directory sync in Chromium", () => {
  it("previews, writes nothing until applied, then applies it all and signs the leaver out", async () => {
    const leaver = await app.newPage({ locale: "es-ES" });
    await logIn(leaver.page, app.base, "leaves@acme.test", "la frase de quien se va");

    const { page, errors } = await app.newPage({ locale: "es-ES" });
    await logIn(page, app.base, "admin@acme.test", "una frase de admin");
    await page.goto(`${app.base}/admin/people/sync`);
    const csv = path.join(uploads, "empresa.csv");
    fs.writeFileSync(
      csv,
      [
        "email,name,department,roles,language",
        "admin@acme.test,Admin,,,",
        "stays@acme.test,Se Queda,,,",
        "renamed@acme.test,Nombre Nuevo,Ventas,,en",
        "nueva@acme.test,Persona Nueva,Ventas,,es",
        "no-es-un-correo,Fila Mala,,,",
      ].join("\n"),
    );
    await page.getByLabel("Archivo CSV").setInputFiles(csv);
    await page.getByLabel(/Este archivo es toda la empresa/).check();
    await page.getByLabel("Crear los departamentos que aún no existan").check();
    await Promise.all([page.waitForURL(/\/admin\/people\/sync\/.+/), page.getByRole("button", { name: "Ver los cambios" }).click()]);
    await expect
      .poll(() => page.getByTestId("sync-summary").textContent())
      .toBe("1 por añadir, 1 por cambiar, 0 por reactivar, 1 por desactivar, 2 sin cambios, 0 conservadas, 1 filas rechazadas.");
    expect(await page.getByRole("region", { name: /Por desactivar/ }).textContent()).toContain("leaves@acme.test");
    expect(await page.getByRole("table").locator("tbody tr td").allTextContents()).toEqual([
      "6",
      "no-es-un-correo",
      "El correo no es válido.",
    ]);
    // Nothing written by the preview.
    expect(await app.db.selectFrom("users").select("id").where("email", "=", "nueva@acme.test").execute()).toEqual([]);
    const statusOf = async (email: string) =>
      (await app.db.selectFrom("users").select("status").where("email", "=", email).executeTakeFirstOrThrow()).status;
    expect(await statusOf("leaves@acme.test")).toBe("active");

    // 1 of 4 people is more than the default 10 %: applying asks for the number typed.
    await page.getByRole("button", { name: "Aplicar estos cambios" }).click();
    await expect
      .poll(() => page.getByRole("alert").first().textContent())
      .toBe("Escribe el número de personas a desactivar para confirmar.");
    expect(await statusOf("leaves@acme.test")).toBe("active");
    await page.getByLabel(/Escribe 1 para confirmar/).fill("1");
    await page.getByRole("button", { name: "Aplicar estos cambios" }).click();
    await expect.poll(() => page.getByTestId("sync-status").textContent()).toBe("Aplicada");
    expect(await page.getByRole("button", { name: "Aplicar estos cambios" }).count()).toBe(0);
    expect(await statusOf("leaves@acme.test")).toBe("deactivated");
    expect(await statusOf("nueva@acme.test")).toBe("invited");
    const renamed = await app.db
      .selectFrom("users")
      .select(["name", "locale"])
      .where("email", "=", "renamed@acme.test")
      .executeTakeFirstOrThrow();
    expect(renamed).toEqual({ name: "Nombre Nuevo", locale: "en" });

    await leaver.page.goto(`${app.base}/`);
    await expect.poll(() => new URL(leaver.page.url()).pathname).toBe("/login");
    expect(errors).toEqual([]);
    await leaver.context.close();
  });
});
