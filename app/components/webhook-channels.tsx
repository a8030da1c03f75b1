import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Select, TextInput, useValidatedForm } from "~/components/forms";
import { ConnectWebhookSchema } from "~/models/delivery/schema";
import { WEBHOOK_KINDS } from "~/models/delivery/webhook-kinds";

interface Props {
  webhooks: { id: string; kind: string; label: string; url_hint: string; department: string | null }[];
  failures: { id: string; item: string; channel: string; error: string | null; attempts: number }[];
  departments: { id: string; name: string }[];
  actionData?: {
    ok: boolean;
    intent?: unknown;
    id?: string;
    errors?: Record<string, string>;
    test?: { status: number } | { error: string };
  };
}

function RowButton({ intent, id, label }: { intent: string; id: string; label: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="button-small secondary">
        {label}
      </button>
    </Form>
  );
}

function TestResult({ test }: { test: NonNullable<Props["actionData"]>["test"] }) {
  const { t } = useTranslation();
  if (!test) return null;
  return (
    <p role="status" className={"error" in test ? "error" : "hint"}>
      {"error" in test ? t("delivery.webhooks.testFailed", { error: test.error }) : t("delivery.webhooks.tested", { status: test.status })}
    </p>
  );
}

/** The admins' Teams/Slack channels: connected ones (never their URL), connecting one, and posts that failed. */
export function WebhookChannels({ webhooks, failures, departments, actionData }: Props) {
  const { t } = useTranslation();
  const connectErrors = actionData?.intent === "connect" && !actionData.ok ? actionData.errors : undefined;
  const rowError =
    actionData && !actionData.ok && actionData.intent !== "connect" && actionData.intent !== "schedule"
      ? actionData.errors?.[""]
      : undefined;
  const form = useValidatedForm(ConnectWebhookSchema, {
    serverErrors: connectErrors,
    defaultValues: { intent: "connect", kind: "teams", departmentId: "", label: "", url: "" },
  });
  return (
    <section className="card" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">{t("delivery.webhooks.title")}</h2>
      <FormError error={rowError} />
      {webhooks.length ? (
        <ul>
          {webhooks.map((w) => (
            <li key={w.id}>
              <span className="actions">
                {t(`delivery.webhooks.${w.kind}`)} · {w.label} · {w.department ?? t("delivery.webhooks.companyWide")} ·{" "}
                <code>{w.url_hint}</code>
                <RowButton intent="test" id={w.id} label={t("delivery.webhooks.test")} />
                <RowButton intent="disconnect" id={w.id} label={t("delivery.webhooks.disconnect")} />
              </span>
              {actionData?.ok && actionData.id === w.id ? <TestResult test={actionData.test} /> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("delivery.webhooks.empty")}</p>
      )}
      <FormError error={connectErrors?.[""]} />
      <Form method="post" onSubmit={form.onSubmit} noValidate autoComplete="off">
        <input type="hidden" name="intent" value="connect" />
        <Select label={t("delivery.webhooks.kind")} registration={form.register("kind")} error={form.errorFor("kind")}>
          {WEBHOOK_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`delivery.webhooks.${kind}`)}
            </option>
          ))}
        </Select>
        <Select
          label={t("delivery.webhooks.department")}
          registration={form.register("departmentId")}
          error={form.errorFor("departmentId")}
        >
          <option value="">{t("delivery.webhooks.companyWide")}</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </Select>
        <TextInput label={t("delivery.webhooks.label")} registration={form.register("label")} error={form.errorFor("label")} />
        <TextInput
          label={t("delivery.webhooks.url")}
          hint={t("delivery.webhooks.urlHelp")}
          type="url"
          registration={form.register("url")}
          error={form.errorFor("url")}
        />
        <button type="submit">{t("delivery.webhooks.connect")}</button>
      </Form>
      <h3>{t("delivery.webhooks.failedTitle")}</h3>
      {failures.length ? (
        <ul>
          {failures.map((f) => (
            <li key={f.id} className="actions">
              {t("delivery.webhooks.failedLine", { item: f.item, channel: f.channel, error: f.error ?? "", attempts: f.attempts })}
              <RowButton intent="retry" id={f.id} label={t("delivery.webhooks.retry")} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("delivery.webhooks.failedEmpty")}</p>
      )}
    </section>
  );
}
