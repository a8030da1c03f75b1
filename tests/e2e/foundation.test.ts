// End to end in Chromium against the built app, from an empty installation: first-run setup (and /setup
// refused afterwards), the session cookie, login and logout, a wrong password and the throttling
// message, an invitation read from the outbox and accepted, the new person's first login, a CSV import
// with a bad row, and a page refused to the wrong role. Needs `npx remix build` first and /usr/bin/chromium.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countUsers, insertUser } from "~/models/people/users.server";
import { fieldError } from "./support/forms";
import { logIn, logOut, startE2eApp, type E2eApp } from "./support/harness";

const ADMIN = { name: "Ana Administradora", email: "ana.admin@example.com", password: "una frase de admin" };
const INVITED = { name: "Inés Invitada", email: "ines.e2e@example.com", password: "mi frase secreta" };

let app: E2eApp;
let adminPage: Page;
let uploads: string;

beforeAll(async () => {
  app = await startE2eApp("foundation");
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), "altavoz-e2e-uploads-"));
});

afterAll(async () => {
  await app?.stop();
  if (uploads) fs.rmSync(uploads, { recursive: true, force: true });
});

async function submit(page: Page, name: string | RegExp) {
  await page.getByRole("button", { name, exact: typeof name === "string" }).click();
}

describe("foundation in Chromium", () => {
  it("first run: /setup refuses bad input, creates the first admin, and is refused afterwards", async () => {
    const { context, page, errors } = await app.newPage();
    await page.goto(`${app.base}/login`);
    await page.waitForURL(`${app.base}/setup`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Configura Altavoz");

    // Empty: the browser-side check (the same zod schema) marks every field.
    await submit(page, "Crear administrador");
    await expect.poll(() => fieldError(page, "Nombre completo")).toBe("Este campo es obligatorio.");
    expect(await fieldError(page, "Correo electrónico")).toBe("Este campo es obligatorio.");
    expect(await page.getByLabel("Nombre completo").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Nombre completo").fill(ADMIN.name);
    await page.getByLabel("Correo electrónico").fill("no-es-un-correo");
    await page.getByLabel("Contraseña", { exact: true }).fill("corta");
    await page.getByLabel("Repite la contraseña").fill("otra cosa");
    await submit(page, "Crear administrador");
    await expect.poll(() => fieldError(page, "Correo electrónico")).toBe("Escribe una dirección de correo válida.");
    expect(await fieldError(page, "Contraseña", { exact: true })).toBe("La contraseña necesita al menos 10 caracteres.");
    expect(await fieldError(page, "Repite la contraseña")).toBe("Las contraseñas no coinciden.");
    expect(await countUsers(app.db)).toBe(0);

    await page.getByLabel("Correo electrónico").fill(ADMIN.email);
    await page.getByLabel("Contraseña", { exact: true }).fill(ADMIN.password);
    await page.getByLabel("Repite la contraseña").fill(ADMIN.password);
    await Promise.all([page.waitForURL(`${app.base}/`), submit(page, "Crear administrador")]);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Hola, ${ADMIN.name}`);
    const stored = await app.db
      .selectFrom("users")
      .innerJoin("user_roles", "user_roles.user_id", "users.id")
      .select(["users.email", "users.status", "user_roles.role"])
      .execute();
    expect(stored.map((r) => r.role).sort()).toEqual(["admin", "employee"]);
    expect(stored[0]).toMatchObject({ email: ADMIN.email, status: "active" });

    // The session cookie: HttpOnly, SameSite=Lax, and Secure (production), which Chromium accepts on localhost.
    const cookie = (await context.cookies()).find((c) => c.name === "altavoz_session");
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });

    // Afterwards /setup is gone: a visitor lands on the login page, and a forged post creates nobody.
    const visitor = await app.newPage();
    await visitor.page.goto(`${app.base}/setup`);
    expect(new URL(visitor.page.url()).pathname).toBe("/login");
    await visitor.context.close();
    const forged = await fetch(`${app.base}/setup`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: app.base, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        name: "Intrusa",
        email: "intrusa@example.com",
        password: "otra frase larga",
        confirmPassword: "otra frase larga",
      }),
    });
    expect(forged.status).toBe(302);
    expect(forged.headers.get("location")).toBe("/login");
    expect(await countUsers(app.db)).toBe(1);

    expect(errors).toEqual([]);
    adminPage = page;
  });

  it("logs out and in; a wrong password is refused with a message; repeated failures are throttled", async () => {
    const page = adminPage;
    await logOut(page, app.base);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Entra en Altavoz");
    // Signed out, a protected page sends to the login page, which returns there afterwards.
    await page.goto(`${app.base}/admin/people`);
    expect(page.url()).toBe(`${app.base}/login?redirectTo=%2Fadmin%2Fpeople`);

    await page.getByLabel("Correo electrónico").fill(ADMIN.email);
    await page.getByLabel("Contraseña").fill("no es la contraseña");
    await submit(page, "Entrar");
    await expect
      .poll(() => page.locator(".form-error").textContent())
      .toBe("Ese correo y esa contraseña no corresponden a una cuenta activa.");
    expect(new URL(page.url()).pathname).toBe("/login");

    await page.getByLabel("Contraseña").fill(ADMIN.password);
    await Promise.all([page.waitForURL(`${app.base}/admin/people`), submit(page, "Entrar")]);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Personas");

    // Five failures for one account, then even the right password waits.
    await insertUser(app.db, {
      email: "tomas.e2e@example.com",
      name: "Tomás Torpe",
      departmentId: null,
      roles: ["employee"],
      status: "active",
      password: "la buena de tomas",
    });
    const other = await app.newPage();
    await other.page.goto(`${app.base}/login`);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await other.page.getByLabel("Correo electrónico").fill("tomas.e2e@example.com");
      await other.page.getByLabel("Contraseña").fill(`intento ${attempt} fallido`);
      await submit(other.page, "Entrar");
      await expect
        .poll(() => other.page.locator(".form-error").textContent())
        .toBe("Ese correo y esa contraseña no corresponden a una cuenta activa.");
      // the message is the same each time: wait for this attempt's answer before the next one
      await expect.poll(() => other.page.getByRole("button", { name: "Entrar" }).isEnabled()).toBe(true);
    }
    await other.page.getByLabel("Contraseña").fill("la buena de tomas");
    await submit(other.page, "Entrar");
    await expect
      .poll(() => other.page.locator(".form-error").textContent())
      .toBe("Demasiados intentos fallidos. Vuelve a intentarlo dentro de 15 minutos.");
    expect(new URL(other.page.url()).pathname).toBe("/login");
    expect((await other.context.cookies()).some((c) => c.name === "altavoz_session")).toBe(false);
    expect(other.errors).toEqual([]);
    await other.context.close();
  });

  it("creates departments, refusing an empty or repeated name", async () => {
    const page = adminPage;
    await page.goto(`${app.base}/admin/departments`);
    await submit(page, "Crear");
    await expect.poll(() => fieldError(page, "Nombre")).toBe("Este campo es obligatorio.");
    await page.getByLabel("Nombre").fill("Ventas");
    await submit(page, "Crear");
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Departamento Ventas creado.");
    await page.getByLabel("Nombre").fill("Ventas");
    await submit(page, "Crear");
    await expect.poll(() => fieldError(page, "Nombre")).toBe("Ya existe un departamento con ese nombre.");
    expect(await app.db.selectFrom("departments").select("name").execute()).toEqual([{ name: "Ventas" }]);
  });

  it("invites a person, who opens the link from the outbox, sets a password and signs in", async () => {
    const page = adminPage;
    await page.goto(`${app.base}/admin/people/invite`);
    // "employee" is ticked by default, in the server-rendered page as well.
    expect(await page.getByRole("checkbox", { name: "Empleado" }).isChecked()).toBe(true);
    await submit(page, "Enviar invitación");
    await expect.poll(() => fieldError(page, "Correo electrónico")).toBe("Este campo es obligatorio.");
    expect(await fieldError(page, "Nombre")).toBe("Este campo es obligatorio.");

    await page.getByLabel("Correo electrónico").fill(ADMIN.email);
    await page.getByLabel("Nombre").fill("Ana Otra Vez");
    await submit(page, "Enviar invitación");
    await expect.poll(() => fieldError(page, "Correo electrónico")).toBe("Esta persona ya tiene cuenta.");

    await page.getByLabel("Correo electrónico").fill(INVITED.email);
    await page.getByLabel("Nombre").fill(INVITED.name);
    await page.getByLabel("Departamento").selectOption({ label: "Ventas" });
    await page.getByRole("checkbox", { name: "Empleado" }).uncheck();
    await submit(page, "Enviar invitación");
    await expect.poll(() => page.locator("fieldset .field-error").textContent()).toBe("Elige al menos un rol.");
    expect(await app.db.selectFrom("users").select("id").where("email", "=", INVITED.email).execute()).toEqual([]);

    await page.getByRole("checkbox", { name: "Empleado" }).check();
    await Promise.all([page.waitForURL(`${app.base}/admin/people`), submit(page, "Enviar invitación")]);
    await expect.poll(() => page.getByRole("status").textContent()).toBe(`Invitación enviada a ${INVITED.email}.`);

    // No mail server: the admin reads the invitation in the outbox.
    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Bandeja de salida" }).click();
    await page.waitForURL(`${app.base}/admin/outbox`);
    await page
      .getByRole("row", { name: new RegExp(INVITED.email) })
      .getByRole("link")
      .click();
    await page.waitForURL(/\/admin\/outbox\/.+/);
    const body = await page.getByTestId("mail-body").textContent();
    const link = body?.match(/http:\/\/\S+\/invite\/\S+/)?.[0];
    expect(link?.startsWith(`${app.base}/invite/`)).toBe(true);

    const invited = await app.newPage();
    await invited.page.goto(link!);
    await expect.poll(() => invited.page.getByRole("heading", { level: 1 }).textContent()).toBe("Te damos la bienvenida a Altavoz");
    expect(await invited.page.getByLabel("Nombre completo").inputValue()).toBe(INVITED.name);
    await invited.page.getByLabel("Contraseña", { exact: true }).fill("corta");
    await invited.page.getByLabel("Repite la contraseña").fill("corta");
    await submit(invited.page, "Crear mi cuenta");
    await expect.poll(() => fieldError(invited.page, "Contraseña", { exact: true })).toBe("La contraseña necesita al menos 10 caracteres.");
    await invited.page.getByLabel("Contraseña", { exact: true }).fill(INVITED.password);
    await invited.page.getByLabel("Repite la contraseña").fill("no es la misma frase");
    await submit(invited.page, "Crear mi cuenta");
    await expect.poll(() => fieldError(invited.page, "Repite la contraseña")).toBe("Las contraseñas no coinciden.");
    const pending = await app.db
      .selectFrom("users")
      .select(["status", "password_hash"])
      .where("email", "=", INVITED.email)
      .executeTakeFirstOrThrow();
    expect(pending).toEqual({ status: "invited", password_hash: null });

    await invited.page.getByLabel("Repite la contraseña").fill(INVITED.password);
    await Promise.all([invited.page.waitForURL(`${app.base}/`), submit(invited.page, "Crear mi cuenta")]);
    await expect.poll(() => invited.page.getByRole("heading", { level: 1 }).textContent()).toBe(`Hola, ${INVITED.name}`);

    // First login with the new password; the link is spent.
    await logOut(invited.page, app.base);
    await logIn(invited.page, app.base, INVITED.email, INVITED.password);
    expect(invited.page.url()).toBe(`${app.base}/`);
    await logOut(invited.page, app.base);
    const reused = await invited.page.goto(link!);
    expect(reused?.status()).toBe(410);
    expect(await invited.page.getByRole("heading", { level: 1 }).textContent()).toBe("Esta invitación no se puede usar");
    expect(invited.errors).toEqual([]);
    await invited.context.close();
  });

  it("imports people from CSV: valid rows in, the bad row listed with its line and reason", async () => {
    const page = adminPage;
    await page.goto(`${app.base}/admin/people/import`);
    await submit(page, "Importar");
    await expect.poll(() => fieldError(page, "Archivo CSV")).toBe("Elige un archivo CSV.");

    const notCsv = path.join(uploads, "personas.pdf");
    fs.writeFileSync(notCsv, "%PDF-1.4 no es un csv");
    await page.getByLabel("Archivo CSV").setInputFiles(notCsv);
    await submit(page, "Importar");
    await expect.poll(() => fieldError(page, "Archivo CSV")).toBe("El archivo debe ser un CSV (.csv).");
    expect(await app.db.selectFrom("people_imports").select("id").execute()).toEqual([]);

    const csv = path.join(uploads, "personas.csv");
    fs.writeFileSync(
      csv,
      [
        "email,name,department,roles",
        "carla.csv@example.com,Carla Csv,Ventas,employee",
        "esto-no-es-un-correo,Fila Mala,Ventas,employee",
        "david.csv@example.com,David Csv,Ventas,employee;editor",
        "",
      ].join("\n"),
    );
    await page.getByLabel("Archivo CSV").setInputFiles(csv);
    await Promise.all([page.waitForURL(/\/admin\/people\/import\/.+/), submit(page, "Importar")]);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Importación de personas.csv");
    // The page polls while the import runs.
    await expect.poll(() => page.getByText("2 de 3 filas importadas; 1 rechazadas.").isVisible(), { timeout: 20_000 }).toBe(true);
    const rejected = page.getByRole("table").locator("tbody tr");
    expect(await rejected.count()).toBe(1);
    expect((await rejected.first().locator("td").allTextContents()).map((c) => c.trim())).toEqual([
      "3",
      "esto-no-es-un-correo",
      "El correo no es válido.",
    ]);

    const people = await app.db
      .selectFrom("users")
      .select(["email", "status"])
      .where("email", "like", "%csv@example.com")
      .orderBy("email")
      .execute();
    expect(people).toEqual([
      { email: "carla.csv@example.com", status: "invited" },
      { email: "david.csv@example.com", status: "invited" },
    ]);
    expect(await app.db.selectFrom("users").select("id").where("name", "=", "Fila Mala").execute()).toEqual([]);
  });

  it("refuses an admin page to an employee with a translated 403 page, not a 500", async () => {
    const { context, page, errors } = await app.newPage();
    await logIn(page, app.base, INVITED.email, INVITED.password);
    const nav = page.getByRole("navigation", { name: "Navegación principal" });
    expect(await nav.getByRole("link", { name: "Personas" }).count()).toBe(0);
    const response = await page.goto(`${app.base}/admin/people`);
    expect(response?.status()).toBe(403);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Error 403");
    expect(await page.getByText("No tienes permiso para ver esta página.").isVisible()).toBe(true);
    // The refused page keeps the app around it (navigation, skip link) and works after hydration.
    expect(await page.getByRole("navigation", { name: "Navegación principal" }).isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "Saltar al contenido" }).count()).toBe(1);
    await page.getByRole("link", { name: "Volver al inicio" }).click();
    await page.waitForURL(`${app.base}/`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
