// End to end in Chromium against the built app: bad input on the foundation's forms (login, people edit,
// invitation, departments, settings password and audience, scoring, language) shows a translated error in
// the field and changes nothing, both with JavaScript (the browser-side check) and without it (the
// action's errors rendered by the server); edit forms are filled in by the server, so a form posted
// without JavaScript keeps the values it did not change; the language switch goes es → en → es.
// Needs `npx remix build` first and /usr/bin/chromium.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEmvRates, getFollowerCounts } from "~/models/sharing/amplification.server";
import { createDepartment } from "~/models/people/departments.server";
import { getPointScheme } from "~/models/scoring/points.server";
import { insertUser } from "~/models/people/users.server";
import type { DB } from "~/utils/db.server";
import { fieldError } from "./support/forms";
import { logIn, startE2eApp, type E2eApp } from "./support/harness";

const PASSWORD = "e2e forms password";
const ADMIN = "alba.forms@example.com";
const EMPLOYEE = "pedro.forms@example.com";

let app: E2eApp;
let employeeId = "";
let ventas = "";
let legal = "";

async function arrange(db: DB) {
  const sales = await createDepartment(db, "Ventas");
  const law = await createDepartment(db, "Legal");
  if (!sales.ok || !law.ok) throw new Error("departments");
  ventas = sales.id;
  legal = law.id;
  await insertUser(db, {
    email: ADMIN,
    name: "Alba Admin",
    departmentId: null,
    roles: ["admin", "employee"],
    status: "active",
    password: PASSWORD,
    locale: "es",
  });
  employeeId = await insertUser(db, {
    email: EMPLOYEE,
    name: "Pedro Plantilla",
    departmentId: ventas,
    roles: ["employee"],
    status: "active",
    password: PASSWORD,
    locale: "es",
  });
}

beforeAll(async () => {
  app = await startE2eApp("forms", arrange);
});

afterAll(async () => {
  await app?.stop();
});

async function signedIn(email: string, options: { javaScriptEnabled?: boolean } = {}) {
  const session = await app.newPage(options);
  await logIn(session.page, app.base, email, PASSWORD);
  return session;
}

async function submit(page: Page, name: string) {
  await page.getByRole("button", { name, exact: true }).click();
}

/** Posts without JavaScript and waits for the server's answer (a full page load). */
async function submitWithoutJs(page: Page, name: string) {
  await Promise.all([page.waitForEvent("load"), submit(page, name)]);
}

const employeeRow = () =>
  app.db
    .selectFrom("users")
    .leftJoin("user_roles", "user_roles.user_id", "users.id")
    .select(["users.name", "users.department_id", "user_roles.role"])
    .where("users.id", "=", employeeId)
    .orderBy("user_roles.role")
    .execute();

describe("forms in Chromium", () => {
  it("login without JavaScript: the server's errors show in the fields and the form", async () => {
    const { context, page, errors } = await app.newPage({ javaScriptEnabled: false });
    await page.goto(`${app.base}/login`);
    await submitWithoutJs(page, "Entrar");
    expect(await fieldError(page, "Correo electrónico")).toBe("Este campo es obligatorio.");
    expect(await fieldError(page, "Contraseña")).toBe("Este campo es obligatorio.");
    await page.getByLabel("Correo electrónico").fill("esto no es un correo");
    await page.getByLabel("Contraseña").fill("algo");
    await submitWithoutJs(page, "Entrar");
    expect(await fieldError(page, "Correo electrónico")).toBe("Escribe una dirección de correo válida.");
    await page.getByLabel("Correo electrónico").fill(EMPLOYEE);
    await page.getByLabel("Contraseña").fill("no es esta");
    await submitWithoutJs(page, "Entrar");
    expect(await page.locator(".form-error").textContent()).toBe("Ese correo y esa contraseña no corresponden a una cuenta activa.");
    expect(new URL(page.url()).pathname).toBe("/login");
    await logIn(page, app.base, EMPLOYEE, PASSWORD);
    expect(page.url()).toBe(`${app.base}/`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Hola, Pedro Plantilla");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("people edit: filled in by the server; bad input refused with and without JavaScript; a change saved without JavaScript", async () => {
    const before = await employeeRow();
    expect(before.map((r) => r.role)).toEqual(["employee"]);

    const noJs = await signedIn(ADMIN, { javaScriptEnabled: false });
    const page = noJs.page;
    await page.goto(`${app.base}/admin/people/${employeeId}`);
    expect(await page.getByLabel("Nombre").inputValue()).toBe("Pedro Plantilla");
    expect(await page.getByLabel("Departamento").inputValue()).toBe(ventas);
    expect(await page.getByRole("checkbox", { name: "Empleado" }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "Editor de comunicación" }).isChecked()).toBe(false);

    await page.getByLabel("Nombre").fill("   ");
    await submitWithoutJs(page, "Guardar");
    expect(await fieldError(page, "Nombre")).toBe("Este campo es obligatorio.");
    await page.getByRole("checkbox", { name: "Empleado" }).uncheck();
    await submitWithoutJs(page, "Guardar");
    expect(await page.locator("fieldset .field-error").textContent()).toBe("Elige al menos un rol.");
    expect(await employeeRow()).toEqual(before);

    // Only the department changes; the name and roles the server rendered go back unchanged.
    await page.getByLabel("Departamento").selectOption({ label: "Legal" });
    await submitWithoutJs(page, "Guardar");
    expect(await page.getByRole("status").textContent()).toBe("Cambios guardados.");
    expect(await employeeRow()).toEqual([{ name: "Pedro Plantilla", department_id: legal, role: "employee" }]);
    await noJs.context.close();

    // With JavaScript the same schema stops the form in the browser.
    const js = await signedIn(ADMIN);
    await js.page.goto(`${app.base}/admin/people/${employeeId}`);
    await expect.poll(() => js.page.getByLabel("Nombre").inputValue()).toBe("Pedro Plantilla");
    await js.page.getByLabel("Nombre").fill("");
    await submit(js.page, "Guardar");
    await expect.poll(() => fieldError(js.page, "Nombre")).toBe("Este campo es obligatorio.");
    await js.page.getByLabel("Nombre").fill("x".repeat(121));
    await submit(js.page, "Guardar");
    await expect.poll(() => fieldError(js.page, "Nombre")).toBe("El texto es demasiado largo.");
    expect(await employeeRow()).toEqual([{ name: "Pedro Plantilla", department_id: legal, role: "employee" }]);
    expect(js.errors).toEqual([]);
    await js.context.close();
  });

  it("invitation and departments without JavaScript: the server refuses bad input in the field", async () => {
    const { context, page } = await signedIn(ADMIN, { javaScriptEnabled: false });
    await page.goto(`${app.base}/admin/people/invite`);
    expect(await page.getByRole("checkbox", { name: "Empleado" }).isChecked()).toBe(true);
    await page.getByLabel("Correo electrónico").fill("nuevo.forms@example.com");
    await page.getByLabel("Nombre").fill("Nuevo Sin Rol");
    await page.getByRole("checkbox", { name: "Empleado" }).uncheck();
    await submitWithoutJs(page, "Enviar invitación");
    expect(await page.locator("fieldset .field-error").textContent()).toBe("Elige al menos un rol.");
    await page.getByLabel("Correo electrónico").fill(EMPLOYEE);
    await page.getByLabel("Nombre").fill("Pedro Otra Vez");
    await submitWithoutJs(page, "Enviar invitación");
    expect(await fieldError(page, "Correo electrónico")).toBe("Esta persona ya tiene cuenta.");
    expect(await app.db.selectFrom("users").select("id").where("email", "=", "nuevo.forms@example.com").execute()).toEqual([]);
    expect(await app.db.selectFrom("outbox").select("id").execute()).toEqual([]);

    await page.goto(`${app.base}/admin/departments`);
    await submitWithoutJs(page, "Crear");
    expect(await fieldError(page, "Nombre")).toBe("Este campo es obligatorio.");
    await page.getByLabel("Nombre").fill("Legal");
    await submitWithoutJs(page, "Crear");
    expect(await fieldError(page, "Nombre")).toBe("Ya existe un departamento con ese nombre.");
    expect(await app.db.selectFrom("departments").select("name").orderBy("name").execute()).toEqual([
      { name: "Legal" },
      { name: "Ventas" },
    ]);
    await context.close();
  });

  it("settings: the audience form is filled in and refuses bad numbers; the password form refuses a wrong or weak password", async () => {
    await app.db.transaction().execute(async (trx) => {
      const { setFollowerCounts } = await import("~/models/sharing/amplification.server");
      await setFollowerCounts(trx, employeeId, { linkedin: 340, x: 25, facebook: 0, whatsapp: 12, email: 0 });
    });
    const js = await signedIn(EMPLOYEE);
    const page = js.page;
    await page.goto(`${app.base}/settings`);
    await expect.poll(() => page.getByLabel("Contactos y seguidores en LinkedIn").inputValue()).toBe("340");
    await page.getByLabel("Contactos y seguidores en LinkedIn").fill("-5");
    await page.getByLabel("Seguidores en X").fill("2.5");
    await page.getByLabel("Contactos de WhatsApp con los que sueles compartir").fill("5000000000");
    await submit(page, "Guardar audiencia");
    await expect.poll(() => fieldError(page, "Contactos y seguidores en LinkedIn")).toBe("Escribe un número entero, 0 o mayor.");
    expect(await fieldError(page, "Seguidores en X")).toBe("Escribe un número entero, 0 o mayor.");
    expect(await fieldError(page, "Contactos de WhatsApp con los que sueles compartir")).toBe("Este número es demasiado grande.");

    const hashBefore = await app.db.selectFrom("users").select("password_hash").where("id", "=", employeeId).executeTakeFirstOrThrow();
    await page.getByLabel("Contraseña actual").fill("no es la actual");
    await page.getByLabel("Contraseña nueva").fill("una nueva frase larga");
    await page.getByLabel("Repite la contraseña").fill("una nueva frase larga");
    await submit(page, "Guardar contraseña");
    await expect.poll(() => fieldError(page, "Contraseña actual")).toBe("La contraseña actual no es correcta.");
    await page.getByLabel("Contraseña actual").fill(PASSWORD);
    await page.getByLabel("Contraseña nueva").fill("corta");
    await page.getByLabel("Repite la contraseña").fill("corta");
    await submit(page, "Guardar contraseña");
    await expect.poll(() => fieldError(page, "Contraseña nueva")).toBe("La contraseña necesita al menos 10 caracteres.");
    expect(js.errors).toEqual([]);
    await js.context.close();

    // Without JavaScript: the values come from the server and its errors show in the fields.
    const noJs = await signedIn(EMPLOYEE, { javaScriptEnabled: false });
    await noJs.page.goto(`${app.base}/settings`);
    expect(await noJs.page.getByLabel("Seguidores en X").inputValue()).toBe("25");
    await noJs.page.getByLabel("Seguidores en X").fill("-1");
    await submitWithoutJs(noJs.page, "Guardar audiencia");
    expect(await fieldError(noJs.page, "Seguidores en X")).toBe("Escribe un número entero, 0 o mayor.");
    await noJs.page.getByLabel("Contraseña actual").fill(PASSWORD);
    await noJs.page.getByLabel("Contraseña nueva").fill("una nueva frase larga");
    await noJs.page.getByLabel("Repite la contraseña").fill("otra frase distinta");
    await submitWithoutJs(noJs.page, "Guardar contraseña");
    expect(await fieldError(noJs.page, "Repite la contraseña")).toBe("Las contraseñas no coinciden.");

    expect(await getFollowerCounts(app.db, employeeId)).toEqual({ linkedin: 340, x: 25, facebook: 0, whatsapp: 12, email: 0 });
    expect(await app.db.selectFrom("users").select("password_hash").where("id", "=", employeeId).executeTakeFirstOrThrow()).toEqual(
      hashBefore,
    );

    // A good value saved without JavaScript keeps the other networks as the server rendered them.
    await noJs.page.getByLabel("Seguidores en X").fill("30");
    await submitWithoutJs(noJs.page, "Guardar audiencia");
    expect(await noJs.page.getByRole("status").textContent()).toBe("Audiencia guardada.");
    expect(await getFollowerCounts(app.db, employeeId)).toEqual({ linkedin: 340, x: 30, facebook: 0, whatsapp: 12, email: 0 });
    await noJs.context.close();
  });

  it("scoring: filled in by the server; bad values refused with and without JavaScript; one change saved without JavaScript keeps the rest", async () => {
    const scheme = await getPointScheme(app.db);
    const rates = await getEmvRates(app.db);
    const rules = async () => (await app.db.selectFrom("point_rules").select("id").execute()).length;
    const rulesBefore = await rules();

    const js = await signedIn(ADMIN);
    await js.page.goto(`${app.base}/admin/scoring`);
    await expect.poll(() => js.page.getByRole("main").getByLabel("Compartir").inputValue()).toBe(String(scheme.share.points));
    await js.page.getByRole("main").getByLabel("Compartir").fill("-1");
    await js.page.getByLabel("Moneda (código ISO)").fill("eu");
    await js.page.getByLabel("Coste por clic en LinkedIn").fill("-0.5");
    await submit(js.page, "Guardar");
    await expect.poll(() => fieldError(js.page.getByRole("main"), "Compartir")).toBe("Escribe un número entero, 0 o mayor.");
    expect(await fieldError(js.page, "Moneda (código ISO)")).toBe("Usa un código de moneda de tres letras, por ejemplo EUR.");
    expect(await fieldError(js.page, "Coste por clic en LinkedIn")).toBe("Escribe una cantidad de 0 o más.");
    expect(js.errors).toEqual([]);
    await js.context.close();

    const noJs = await signedIn(ADMIN, { javaScriptEnabled: false });
    const page = noJs.page;
    await page.goto(`${app.base}/admin/scoring`);
    expect(await page.getByRole("main").getByLabel("Compartir").inputValue()).toBe(String(scheme.share.points));
    expect(await page.getByLabel("Moneda (código ISO)").inputValue()).toBe(rates.currency);
    expect(await page.getByLabel("Coste por 1.000 impresiones en X").inputValue()).toBe(String(rates.cpm.x));
    await page.getByLabel("Moneda (código ISO)").fill("euros");
    await submitWithoutJs(page, "Guardar");
    expect(await fieldError(page, "Moneda (código ISO)")).toBe("Usa un código de moneda de tres letras, por ejemplo EUR.");
    expect(await rules()).toBe(rulesBefore);
    expect(await getEmvRates(app.db)).toEqual(rates);

    await page.getByLabel("Moneda (código ISO)").fill(rates.currency);
    await page
      .getByRole("main")
      .getByLabel("Compartir")
      .fill(String(scheme.share.points + 3));
    await submitWithoutJs(page, "Guardar");
    expect(await page.getByRole("status").textContent()).toBe("Puntuación guardada. Se aplica a partir de ahora.");
    const after = await getPointScheme(app.db);
    expect(after).toEqual({ ...scheme, share: { ...scheme.share, points: scheme.share.points + 3 } });
    expect(await rules()).toBe(rulesBefore + 1);
    expect(await getEmvRates(app.db)).toEqual(rates);
    await noJs.context.close();
  });

  it("switches the language es → en → es, remembers it on the profile, and refuses an unknown language", async () => {
    const { context, page, errors } = await signedIn(EMPLOYEE);
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    await page.getByLabel("Idioma").selectOption("en");
    await submit(page, "Cambiar");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Hello, Pedro Plantilla");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Settings" }).isVisible()).toBe(true);
    const saved = async () =>
      (await app.db.selectFrom("users").select("locale").where("id", "=", employeeId).executeTakeFirstOrThrow()).locale;
    expect(await saved()).toBe("en");

    // The choice follows the person to another browser that asks for Spanish.
    const elsewhere = await signedIn(EMPLOYEE);
    // Signing in navigates in the page: the English strings are fetched, and the page stays Spanish until they arrive.
    await expect.poll(() => elsewhere.page.getByRole("heading", { level: 1 }).textContent()).toBe("Hello, Pedro Plantilla");
    await elsewhere.context.close();

    // An unknown language (a tampered form) is refused with a message and changes nothing.
    await page.evaluate(() => {
      const select = document.querySelector<HTMLSelectElement>("#locale-select")!;
      select.add(new Option("Français", "fr"));
      select.value = "fr";
    });
    await submit(page, "Change");
    await expect.poll(() => page.getByRole("status").textContent()).toBe("That language is not available.");
    expect(await saved()).toBe("en");

    await page.getByLabel("Language").selectOption("es");
    await submit(page, "Change");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Hola, Pedro Plantilla");
    expect(await saved()).toBe("es");
    expect(errors).toEqual([]);
    await context.close();

    // Signed out, the browser's language decides (Accept-Language), and the switcher works without JavaScript.
    const visitor = await app.newPage({ locale: "en-GB", javaScriptEnabled: false });
    await visitor.page.goto(`${app.base}/login`);
    expect(await visitor.page.getByRole("heading", { level: 1 }).textContent()).toBe("Sign in to Altavoz");
    await visitor.page.getByLabel("Language").selectOption("es");
    await submitWithoutJs(visitor.page, "Change");
    expect(await visitor.page.getByRole("heading", { level: 1 }).textContent()).toBe("Entra en Altavoz");
    expect(new URL(visitor.page.url()).pathname).toBe("/login");
    await visitor.context.close();
  });
});
