/** Demo content for a fictional telecom company: a campaign, items in every state of the workflow, and ideas. */
import type { DB } from "~/utils/db.server";
import { newId } from "~/utils/crypto.server";
import { createCampaign } from "~/models/content/campaigns.server";
import { createContentItem, transitionContent, type Actor, type ContentInput } from "~/models/content/items.server";
import { localDate, startOfLocalDay } from "~/models/core/periods";
import { getOrganisationTimeZone } from "~/models/core/settings.server";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

type Stage = "draft" | "changes_requested" | "in_review" | "approved";

interface DemoItem {
  input: Omit<ContentInput, "campaignId" | "departmentIds" | "publishAt" | "expireAt">;
  inCampaign?: boolean;
  departments?: string[];
  stage: Stage;
  /** Hours before now the editor created the item and submitted it; the reviewer took `reviewHours`. */
  createdHoursAgo: number;
  reviewHours?: number;
  /** Relative to now, in hours; null leaves it empty. */
  publishInHours?: number | null;
  expireInHours?: number | null;
  reviewerComment?: string;
  proposedByEmail?: string;
}

const ITEMS: DemoItem[] = [
  {
    stage: "approved",
    inCampaign: true,
    createdHoursAgo: 80,
    reviewHours: 5,
    publishInHours: -48,
    expireInHours: 24 * 30,
    input: {
      title: "Llevamos la fibra a 40 000 hogares más en la Comunidad Valenciana",
      commentary:
        "Desde esta semana, **40 000 hogares** de 26 municipios de Valencia, Alicante y Castellón pueden contratar fibra de hasta 1 Gb.\n\nEs el resultado de seis meses de trabajo de los equipos de despliegue e ingeniería. Si tienes familia o amistades en la zona, cuéntaselo.",
      destinationUrl: "https://example.com/noticias/fibra-comunidad-valenciana",
      imageUrl: null,
      language: "es",
      topics: ["fibra", "red"],
      hashtags: ["#Fibra", "#Conectividad"],
      shareTexts: {
        linkedin: {
          text: "Orgullo de equipo: desde esta semana, 40 000 hogares más de la Comunidad Valenciana pueden conectarse con nuestra fibra de hasta 1 Gb. Seis meses de trabajo de despliegue que ya se notan en 26 municipios.",
        },
        x: { text: "40 000 hogares más de la Comunidad Valenciana ya pueden tener nuestra fibra de hasta 1 Gb 🚀" },
        facebook: {
          text: "¿Vives en la Comunidad Valenciana? Puede que tu calle ya tenga nuestra fibra: hemos llegado a 40 000 hogares más en 26 municipios.",
        },
        whatsapp: { text: "¡Ya tenemos fibra en 40 000 hogares más de la Comunidad Valenciana! Mira si llega a tu casa:" },
        email: {
          subject: "Nuestra fibra llega a 40 000 hogares más",
          text: "Hola:\n\nTe cuento que mi empresa acaba de llevar la fibra a 40 000 hogares más de la Comunidad Valenciana. Si te interesa, aquí puedes comprobar si llega a tu casa:",
        },
      },
      shareVariants: {
        x: [
          "Nuestra fibra de hasta 1 Gb llega a 26 municipios más de Valencia, Alicante y Castellón.",
          "¿Familia en la Comunidad Valenciana? 40 000 hogares más ya pueden tener nuestra fibra.",
        ],
      },
    },
  },
  {
    stage: "approved",
    inCampaign: true,
    createdHoursAgo: 60,
    reviewHours: 3,
    publishInHours: -24,
    expireInHours: 24 * 30,
    input: {
      title: "Fibre now reaches 40,000 more homes in the Valencia region",
      commentary:
        "Forty thousand more homes in 26 towns can now sign up for fibre of up to 1 Gbps. Thanks to everyone in deployment and engineering who made it happen.",
      destinationUrl: "https://example.com/news/fibre-valencia-region",
      imageUrl: null,
      language: "en",
      topics: ["fibre", "network"],
      hashtags: ["#Fibre", "#Connectivity"],
      shareTexts: {
        linkedin: {
          text: "Proud of our deployment and engineering teams: 40,000 more homes in the Valencia region can now get fibre of up to 1 Gbps.",
        },
        x: { text: "40,000 more homes in the Valencia region can now get our 1 Gbps fibre 🚀" },
      },
    },
  },
  {
    stage: "approved",
    createdHoursAgo: 30,
    reviewHours: 2,
    publishInHours: -6,
    expireInHours: null,
    input: {
      title: "Atención al cliente amplía su horario: ahora también los sábados",
      commentary:
        "A partir de este mes, el teléfono y el chat de atención al cliente abren los **sábados de 9:00 a 15:00**. Un cambio que nos pedíais desde hace tiempo.",
      destinationUrl: "https://example.com/noticias/horario-atencion-sabados",
      imageUrl: null,
      language: "es",
      topics: ["atención al cliente"],
      hashtags: ["#AtenciónAlCliente"],
      shareTexts: {
        linkedin: {
          text: "Escuchar también es cambiar horarios: desde este mes, nuestro equipo de atención al cliente también os atiende los sábados por la mañana.",
        },
        x: { text: "Desde este mes también te atendemos los sábados, de 9:00 a 15:00, por teléfono y chat." },
        whatsapp: { text: "Por si te sirve: ahora también atendemos los sábados de 9:00 a 15:00." },
      },
    },
  },
  {
    stage: "approved",
    createdHoursAgo: 20,
    reviewHours: 4,
    publishInHours: -5,
    expireInHours: null,
    input: {
      title: "Our customer care team is now open on Saturdays",
      commentary: "Phone and chat support are now available on Saturdays from 9:00 to 15:00.",
      destinationUrl: "https://example.com/news/saturday-customer-care",
      imageUrl: null,
      language: "en",
      topics: ["customer care"],
      hashtags: ["#CustomerCare"],
      shareTexts: {
        linkedin: { text: "You asked, we listened: our customer care team now answers on Saturday mornings too." },
        x: { text: "Our phone and chat support now open on Saturdays, 9:00–15:00." },
      },
    },
  },
  {
    stage: "approved",
    proposedByEmail: "lucia.0@demo.altavoz.test",
    createdHoursAgo: 100,
    reviewHours: 20,
    publishInHours: -70,
    expireInHours: 24 * 20,
    input: {
      title: "Día del voluntariado: 300 personas de la plantilla plantaron 2 000 árboles",
      commentary:
        "El sábado pasado, 300 compañeras y compañeros y sus familias reforestaron una zona quemada de la sierra. Gracias a quien propuso compartirlo.",
      destinationUrl: "https://example.com/noticias/dia-voluntariado",
      imageUrl: null,
      language: "es",
      topics: ["voluntariado", "personas"],
      hashtags: ["#Voluntariado"],
      shareTexts: {
        linkedin: {
          text: "Un sábado distinto: 300 personas de la empresa, con sus familias, plantamos 2 000 árboles en una zona quemada de la sierra. Qué orgullo formar parte de esto.",
        },
        facebook: { text: "El sábado cambiamos el portátil por la azada: 2 000 árboles plantados entre 300 compañeros y sus familias." },
      },
    },
  },
  {
    stage: "approved",
    departments: ["Tecnología", "Atención al cliente"],
    createdHoursAgo: 12,
    reviewHours: 6,
    publishInHours: -2,
    expireInHours: 24 * 14,
    input: {
      title: "Buscamos técnicas y técnicos de red en Málaga",
      commentary:
        "Abrimos **cinco plazas** para el equipo de operación de red en Málaga. Si conoces a alguien con experiencia en redes de fibra, pásale la oferta.",
      destinationUrl: "https://example.com/empleo/tecnico-red-malaga",
      imageUrl: null,
      language: "es",
      topics: ["empleo"],
      hashtags: ["#Empleo", "#Telecomunicaciones"],
      shareTexts: {
        linkedin: {
          text: "En mi equipo buscamos cinco técnicas y técnicos de red para Málaga. Si te apasionan las redes de fibra o conoces a alguien, aquí tienes la oferta.",
        },
        x: { text: "¿Sabes de redes de fibra y te gustaría trabajar en Málaga? Buscamos cinco personas para operación de red." },
        whatsapp: { text: "Buscamos técnicos de red en Málaga, por si conoces a alguien:" },
      },
    },
  },
  {
    stage: "approved",
    createdHoursAgo: 10,
    reviewHours: 1,
    publishInHours: 48,
    expireInHours: 24 * 10,
    input: {
      title: "Jornada de puertas abiertas en nuestro centro de datos de Madrid",
      commentary:
        "El próximo mes abrimos el centro de datos a familias de la plantilla. Plazas limitadas; la inscripción abre con esta publicación.",
      destinationUrl: "https://example.com/noticias/puertas-abiertas-centro-datos",
      imageUrl: null,
      language: "es",
      topics: ["personas"],
      hashtags: [],
      shareTexts: {
        linkedin: { text: "¿Te has preguntado cómo es por dentro un centro de datos? Abrimos las puertas del nuestro en Madrid." },
      },
    },
  },
  {
    stage: "in_review",
    departments: ["Ventas", "Atención al cliente"],
    createdHoursAgo: 27,
    input: {
      title: "Nueva tarifa para autónomos: fibra y móvil con una sola factura",
      commentary: "Desde el día 1, las personas autónomas pueden contratar fibra de 600 Mb y dos líneas móviles en un único paquete.",
      destinationUrl: "https://example.com/tarifas/autonomos",
      imageUrl: null,
      language: "es",
      topics: ["ofertas"],
      hashtags: ["#Autónomos"],
      shareTexts: {
        linkedin: { text: "Si trabajas por tu cuenta, esto te interesa: fibra y móvil para autónomos en una sola factura." },
        x: { text: "Fibra y móvil para autónomos, en una sola factura." },
      },
    },
  },
  {
    stage: "changes_requested",
    createdHoursAgo: 50,
    reviewerComment:
      "Las bases legales del sorteo tienen que estar enlazadas en cada texto sugerido, y hay que indicar que es solo para mayores de edad.",
    input: {
      title: "Sorteamos 50 entradas para el concierto de verano",
      commentary: "Participa compartiendo esta publicación antes del viernes.",
      destinationUrl: "https://example.com/sorteo-concierto-verano",
      imageUrl: null,
      language: "es",
      topics: ["eventos"],
      hashtags: ["#Sorteo"],
      shareTexts: { x: { text: "¡Sorteamos 50 entradas para el concierto de verano! Comparte para participar." } },
    },
  },
  {
    stage: "draft",
    createdHoursAgo: 3,
    input: {
      title: "Resultados del tercer trimestre",
      commentary: "Borrador pendiente de las cifras definitivas del departamento financiero.",
      destinationUrl: "https://example.com/inversores/resultados-t3",
      imageUrl: null,
      language: "es",
      topics: [],
      hashtags: [],
      shareTexts: {},
    },
  },
];

async function actorByEmail(db: DB, email: string): Promise<Actor | null> {
  const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  if (!user) return null;
  const roles = await db.selectFrom("user_roles").select("role").where("user_id", "=", user.id).execute();
  return { id: user.id, roles: roles.map((r) => r.role) };
}

/**
 * Seeds the demo library once (nothing happens if content already exists or the demo editor and
 * reviewer are missing), backdating the workflow so the dashboard has waiting times and a median.
 */
export async function seedDemoContent(db: DB, now = Date.now()): Promise<{ created: boolean }> {
  const existing = await db.selectFrom("content_items").select("id").limit(1).executeTakeFirst();
  if (existing) return { created: false };
  const editor = await actorByEmail(db, "editor@demo.altavoz.test");
  const reviewer = await actorByEmail(db, "reviewer@demo.altavoz.test");
  if (!editor || !reviewer) return { created: false };

  const departments = new Map((await db.selectFrom("departments").select(["id", "name"]).execute()).map((d) => [d.name, d.id]));
  const timeZone = await getOrganisationTimeZone(db);
  const today = startOfLocalDay(localDate(now, timeZone), timeZone);
  const campaignId = await createCampaign(
    db,
    editor.id,
    {
      name: "Fibra para todos",
      description: "El despliegue de fibra de este año en la Comunidad Valenciana, contado por la plantilla.",
      goal: "Que en cada municipio nuevo se sepa que ya llega nuestra fibra.",
      goalShares: 500,
      goalConversions: 40,
      budgetCents: 1_200_000,
      budgetCurrency: "EUR",
      startsAt: startOfLocalDay(localDate(today - 7 * DAY + 12 * HOUR, timeZone), timeZone),
      endsAt: startOfLocalDay(localDate(today + 31 * DAY + 12 * HOUR, timeZone), timeZone),
    },
    now - 10 * DAY,
  );

  for (const demo of ITEMS) {
    const created = now - demo.createdHoursAgo * HOUR;
    const author = editor;
    const proposer = demo.proposedByEmail ? await actorByEmail(db, demo.proposedByEmail) : null;
    const result = await createContentItem(
      db,
      author,
      {
        ...demo.input,
        campaignId: demo.inCampaign ? campaignId : null,
        departmentIds: (demo.departments ?? []).map((name) => departments.get(name)).filter((id): id is string => Boolean(id)),
        publishAt: demo.publishInHours === undefined || demo.publishInHours === null ? null : now + demo.publishInHours * HOUR,
        expireAt: demo.expireInHours === undefined || demo.expireInHours === null ? null : now + demo.expireInHours * HOUR,
      },
      { proposedBy: proposer?.id ?? null, now: created },
    );
    if (!result.ok) throw new Error(`demo item "${demo.input.title}": ${result.error}`);
    const id = result.id;
    if (demo.stage === "draft") continue;
    const submitted = created + HOUR;
    await transitionContent(db, author, id, "submit", { now: submitted });
    if (demo.stage === "changes_requested") {
      await transitionContent(db, reviewer, id, "request_changes", { comment: demo.reviewerComment ?? "", now: submitted + 7 * HOUR });
    } else if (demo.stage === "approved") {
      await transitionContent(db, reviewer, id, "approve", { now: submitted + (demo.reviewHours ?? 1) * HOUR });
    }
    if (proposer) {
      await db
        .insertInto("ideas")
        .values({
          id: newId(),
          proposer_id: proposer.id,
          kind: "url",
          url: demo.input.destinationUrl,
          text: null,
          reason: "Fue un día precioso y mucha gente de fuera preguntó cómo participar.",
          status: "accepted",
          decline_reason: null,
          decided_by: editor.id,
          decided_at: created,
          content_item_id: id,
          created_at: created - DAY,
        })
        .execute();
    }
  }

  const employee = await actorByEmail(db, "employee@demo.altavoz.test");
  if (employee) {
    await db
      .insertInto("ideas")
      .values({
        id: newId(),
        proposer_id: employee.id,
        kind: "url",
        url: "https://example.com/videos/un-dia-con-el-equipo-de-instalacion",
        text: null,
        reason: "El vídeo del equipo de instalación explica muy bien nuestro trabajo y a los clientes les encanta.",
        status: "pending",
        decline_reason: null,
        decided_by: null,
        decided_at: null,
        content_item_id: null,
        created_at: now - 9 * HOUR,
      })
      .execute();
  }
  return { created: true };
}
