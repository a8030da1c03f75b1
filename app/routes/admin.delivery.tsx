import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Select, TextInput, useValidatedForm } from "~/components/forms";
import { WebhookChannels } from "~/components/webhook-channels";
import { ConnectWebhookSchema, DeliveryScheduleSchema, WebhookRowSchema } from "~/models/delivery/schema";
import { urgentUsage } from "~/models/delivery/urgent-cap.server";
import {
  connectWebhook,
  disconnectWebhook,
  failedWebhookPosts,
  listWebhooks,
  retryWebhookPost,
  webhookTarget,
} from "~/models/delivery/webhooks.server";
import { getDigestSchedule, saveDeliverySettings } from "~/models/digests/settings.server";
import { listDepartments } from "~/models/people/departments.server";
import { sendTestCard } from "~/runtime/webhook-job.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid } from "~/utils/http.server";
import { DEFAULT_LOCALE } from "~/utils/i18n";
import { redirectWithToast } from "~/utils/toast.server";

export { ConnectWebhookSchema, DeliveryScheduleSchema };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const [schedule, usage, webhooks, failures, departments] = await Promise.all([
    getDigestSchedule(db),
    urgentUsage(db),
    listWebhooks(db),
    failedWebhookPosts(db),
    listDepartments(db),
  ]);
  return json({
    schedule: { weekday: String(schedule.weekday), hour: String(schedule.hour), urgentCap: String(usage.cap) },
    usage,
    webhooks,
    failures,
    departments,
  });
}

async function rowAction(intent: "test" | "disconnect" | "retry", id: string, locale: string) {
  if (intent === "retry") {
    if (!(await retryWebhookPost(db, id))) return invalid({ "": "delivery.errors.jobNotFound" }, { intent });
    return redirectWithToast("/admin/delivery", { message: "delivery.webhooks.retried" });
  }
  if (intent === "disconnect") {
    if (!(await disconnectWebhook(db, id))) return invalid({ "": "delivery.errors.notFound" }, { intent });
    return redirectWithToast("/admin/delivery", { message: "delivery.webhooks.disconnected" });
  }
  const target = await webhookTarget(db, id);
  if (!target) return invalid({ "": "delivery.errors.notFound" }, { intent });
  return json({ ok: true as const, intent, id, test: await sendTestCard(target, locale) });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "connect") {
    const parsed = parseFormData(ConnectWebhookSchema, formData);
    if (!parsed.success) return invalid(parsed.errors, { intent });
    const result = await connectWebhook(db, { ...parsed.data, label: parsed.data.label, createdBy: admin.id });
    if (!result.ok) return invalid({ [result.field]: result.error }, { intent });
    return redirectWithToast("/admin/delivery", { message: "delivery.webhooks.connected" });
  }
  if (intent === "test" || intent === "disconnect" || intent === "retry") {
    const parsed = parseFormData(WebhookRowSchema, formData);
    if (!parsed.success) return invalid(parsed.errors, { intent });
    return rowAction(parsed.data.intent, parsed.data.id, admin.locale ?? DEFAULT_LOCALE);
  }
  const parsed = parseFormData(DeliveryScheduleSchema, formData);
  if (!parsed.success) return invalid(parsed.errors, { intent: "schedule" });
  await saveDeliverySettings(db, parsed.data);
  return redirectWithToast("/admin/delivery", { message: "delivery.schedule.saved" });
}

const WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"];
const HOURS = Array.from({ length: 24 }, (_, h) => String(h));

export default function DeliveryPage() {
  const { t } = useTranslation();
  const { schedule, usage, webhooks, failures, departments } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const refused = actionData && !actionData.ok ? (actionData as { intent?: unknown; errors?: Record<string, string> }) : undefined;
  const scheduleErrors = refused?.intent === "schedule" ? refused.errors : undefined;
  const { onSubmit, register, errorFor } = useValidatedForm(DeliveryScheduleSchema, {
    serverErrors: scheduleErrors,
    defaultValues: { intent: "schedule", ...schedule },
  });
  return (
    <>
      <h1>{t("delivery.title")}</h1>
      <p className="hint">{t("delivery.intro")}</p>
      <section className="card" aria-labelledby="schedule-title">
        <h2 id="schedule-title">{t("delivery.schedule.title")}</h2>
        <FormError error={scheduleErrors?.[""]} />
        <Form method="post" onSubmit={onSubmit} noValidate>
          <input type="hidden" name="intent" value="schedule" />
          <Select label={t("delivery.schedule.weekday")} registration={register("weekday")} error={errorFor("weekday")}>
            {WEEKDAYS.map((d) => (
              <option key={d} value={d}>
                {t(`delivery.weekdays.${d}`)}
              </option>
            ))}
          </Select>
          <Select label={t("delivery.schedule.hour")} registration={register("hour")} error={errorFor("hour")}>
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {`${h.padStart(2, "0")}:00`}
              </option>
            ))}
          </Select>
          <TextInput
            label={t("delivery.schedule.urgentCap")}
            hint={t("delivery.schedule.urgentUsed", { used: usage.used, cap: usage.cap })}
            type="number"
            min={0}
            max={100}
            registration={register("urgentCap")}
            error={errorFor("urgentCap")}
          />
          <button type="submit" disabled={navigation.state !== "idle"}>
            {t("delivery.schedule.save")}
          </button>
        </Form>
      </section>
      <WebhookChannels webhooks={webhooks} failures={failures} departments={departments} actionData={actionData} />
    </>
  );
}
