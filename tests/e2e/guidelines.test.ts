// End to end in Chromium against the built app: an employee sees the "read and accept" banner, reads the
// decálogo, acknowledges it, and the banner is gone. Needs `npx remix build` first and /usr/bin/chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDepartment } from "~/models/people/departments.server";
import { createDocument } from "~/models/guidelines/documents.server";
import { insertVersion } from "~/models/guidelines/versions.server";
import type { GuidelineText } from "~/models/guidelines/schema";
import { insertUser } from "~/models/people/users.server";
import type { DB } from "~/utils/db.server";
import { logIn, startE2eApp, type E2eApp } from "./support/harness";

const PASSWORD = "e2e guideline password";
const EMPLOYEE = "emilia.e2e@example.com";

const decalogue: GuidelineText = {
  title: "Decálogo de redes sociales",
  introduction: "Estas pautas te protegen a ti y a la marca.",
  rules: [
    {
      title: "Di que trabajas aquí",
      body: "Deja claro que trabajas en la empresa cuando hables de ella.",
      do: ["Indicarlo en tu biografía"],
      dont: ["Publicar reseñas como cliente"],
    },
    {
      title: "Lo confidencial se queda dentro",
      body: "No publiques **información confidencial**.",
      do: ["Compartir lo ya publicado"],
      dont: ["Adelantar resultados"],
    },
    {
      title: "Las quejas, a atención al cliente",
      body: "Pasa las quejas al equipo de atención al cliente.",
      do: ["Avisar al equipo"],
      dont: ["Prometer compensaciones"],
    },
  ],
};

let app: E2eApp;

async function arrange(db: DB) {
  const department = await createDepartment(db, "Atención al cliente");
  await insertUser(db, {
    email: EMPLOYEE,
    name: "Emilia Empleada",
    departmentId: department.ok ? department.id : null,
    roles: ["employee"],
    status: "active",
    password: PASSWORD,
    locale: "es",
  });
  const document = await createDocument(db, { slug: "social-media-decalogue", required: true, actorId: null });
  if (!document.ok) throw new Error("could not create the guideline");
  await db.transaction().execute((trx) =>
    insertVersion(trx, {
      documentId: document.id,
      texts: { es: decalogue },
      status: "published",
      source: "sync",
      actorId: null,
      now: Date.now(),
    }),
  );
}

beforeAll(async () => {
  app = await startE2eApp("guidelines", arrange);
});

afterAll(async () => {
  await app?.stop();
});

describe("guidelines in Chromium", () => {
  it("without JavaScript the server refuses an acknowledgement without the box ticked, with the translated error", async () => {
    const { context, page } = await app.newPage({ locale: "es-ES", javaScriptEnabled: false });
    await logIn(page, app.base, EMPLOYEE, PASSWORD);
    await page.goto(`${app.base}/guidelines/social-media-decalogue`);
    await page.getByRole("button", { name: "Aceptar", exact: true }).click();
    await page.waitForLoadState();
    expect(await page.getByRole("alert").filter({ hasText: "Marca la casilla" }).isVisible()).toBe(true);
    expect(await app.db.selectFrom("guideline_acknowledgements").select("user_id").execute()).toEqual([]);
    await context.close();
  });

  it("an employee follows the banner, reads the decálogo, acknowledges it and the banner disappears", async () => {
    const base = app.base;
    const { context, page, errors: problems } = await app.newPage({ locale: "es-ES" });

    await page.goto(`${base}/login`);
    await page.getByLabel("Correo electrónico").fill(EMPLOYEE);
    await page.getByLabel("Contraseña").fill(PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.getByRole("button", { name: "Entrar", exact: true }).click()]);

    const banner = page.getByTestId("onboarding-gate");
    await expect.poll(() => banner.isVisible()).toBe(true);
    expect(await banner.textContent()).toContain("Decálogo de redes sociales (versión 1)");

    await Promise.all([
      page.waitForURL(`${base}/guidelines/social-media-decalogue`),
      banner.getByRole("link", { name: "Leer y aceptar ahora" }).click(),
    ]);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Decálogo de redes sociales");
    expect(await page.getByRole("heading", { name: /Las quejas, a atención al cliente/ }).isVisible()).toBe(true);
    expect(await page.locator(".guideline-rule strong").first().textContent()).toBe("información confidencial");

    // Without ticking the box the browser-side check stops the form.
    await page.getByRole("button", { name: "Aceptar", exact: true }).click();
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "Marca la casilla" }).isVisible()).toBe(true);

    await page.getByLabel(/He leído y acepto «Decálogo de redes sociales» \(versión 1\)/).check();
    // Nothing else is required here: the last step of onboarding sends her home as a new ambassador.
    await Promise.all([page.waitForURL(`${base}/`), page.getByRole("button", { name: "Aceptar", exact: true }).click()]);
    await expect.poll(() => page.getByRole("heading", { name: /Hola, Emilia Empleada/ }).isVisible()).toBe(true);
    expect(await page.getByRole("status").first().textContent()).toContain("Ya eres embajador certificado");
    expect(await page.getByTestId("onboarding-gate").count()).toBe(0);
    await page.goto(`${base}/guidelines/social-media-decalogue`);
    await expect.poll(() => page.getByText(/Aceptaste esta versión el/).isVisible()).toBe(true);

    const stored = await app.db
      .selectFrom("guideline_acknowledgements")
      .innerJoin("guideline_version_texts", "guideline_version_texts.version_id", "guideline_acknowledgements.version_id")
      .select([
        "guideline_acknowledgements.language",
        "guideline_acknowledgements.text_hash",
        "guideline_version_texts.text_hash as expected",
      ])
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].language).toBe("es");
    expect(stored[0].text_hash).toBe(stored[0].expected);
    expect(problems).toEqual([]);
    await context.close();
  });
});
