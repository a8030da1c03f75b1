import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";
import { FollowersForm } from "~/components/followers-form";
import { FormError, TextInput, useValidatedForm } from "~/components/forms";
import { getFollowerCounts, setFollowerCounts } from "~/models/sharing/amplification.server";
import { changePassword, findUserByEmail } from "~/models/people/users.server";
import { FollowersSchema } from "~/models/sharing/follower-schema";
import { ALERT_CHANNELS, DIGEST_FREQUENCIES } from "#db/schema";
import { setAlertChannel } from "~/models/delivery/alert-channel.server";
import { lucia, requireUser, safeRedirect, startSession } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { passwordField } from "~/utils/form-fields";
import { clientIp, invalid } from "~/utils/http.server";
import { clearFailedLogins, loginRetryAfter, recordFailedLogin } from "~/utils/login-throttle.server";
import { passwordProblem, verifyPassword } from "~/utils/password.server";
import { redirectWithToast, toastHeader } from "~/utils/toast.server";
import { refusalOf } from "~/utils/action-result";

const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "validation.required" }).min(1, "validation.required").max(200, "validation.tooLong"),
    newPassword: passwordField(),
    confirmPassword: z.string({ error: "validation.required" }).min(1, "validation.required"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "validation.passwordsDiffer" });

export const DigestSchema = z.object({ frequency: z.enum(DIGEST_FREQUENCIES, { error: "validation.invalid" }) });
export const AlertChannelSchema = z.object({ channel: z.enum(ALERT_CHANNELS, { error: "validation.invalid" }) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const delivery = await db
    .selectFrom("users")
    .select(["digest_frequency", "alert_channel"])
    .where("id", "=", user.id)
    .executeTakeFirstOrThrow();
  return json({
    email: user.email,
    name: user.name,
    followers: await getFollowerCounts(db, user.id),
    digestFrequency: delivery.digest_frequency,
    alertChannel: delivery.alert_channel,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") === "digest") {
    const digest = parseFormData(DigestSchema, formData);
    if (!digest.success) return invalid(digest.errors, { form: "digest" });
    await db.updateTable("users").set({ digest_frequency: digest.data.frequency }).where("id", "=", user.id).execute();
    return redirectWithToast("/settings", { message: "notifications.settings.saved" });
  }
  if (formData.get("intent") === "alerts") {
    const alerts = parseFormData(AlertChannelSchema, formData);
    if (!alerts.success) return invalid(alerts.errors, { form: "alerts" });
    await setAlertChannel(db, user.id, alerts.data.channel);
    return redirectWithToast("/settings", { message: "delivery.settings.saved" });
  }
  if (formData.get("intent") === "followers") {
    const followers = parseFormData(FollowersSchema, formData);
    if (!followers.success) return invalid(followers.errors, { form: "followers" });
    await setFollowerCounts(db, user.id, followers.data);
    return redirectWithToast(safeRedirect(formData.get("redirectTo"), "/settings"), {
      message: formData.get("skip") ? "experience.followers.skipped" : "auth.settings.followersSaved",
    });
  }
  const parsed = parseFormData(ChangePasswordSchema, formData);
  if (!parsed.success) return invalid(parsed.errors, { form: "password" });
  // Guesses here count against the same per-account and per-address limits as the login form.
  const ip = clientIp(context);
  if ((await loginRetryAfter(user.email, ip)) > 0) return invalid({ currentPassword: "auth.settings.throttled" }, { form: "password" });
  const account = await findUserByEmail(db, user.email);
  if (!(await verifyPassword(account?.password_hash ?? null, parsed.data.currentPassword))) {
    await recordFailedLogin(user.email, ip);
    return invalid({ currentPassword: "auth.settings.wrongPassword" }, { form: "password" });
  }
  await clearFailedLogins(user.email);
  const weak = await passwordProblem(parsed.data.newPassword, [user.email, user.name]);
  if (weak) return invalid({ newPassword: weak }, { form: "password" });
  await changePassword(db, user.id, parsed.data.newPassword);
  // A new password signs out every other device; this one gets a fresh session.
  await lucia.invalidateUserSessions(user.id);
  return startSession(user.id, "/settings", { "Set-Cookie": await toastHeader({ message: "auth.settings.passwordChanged" }) });
}

/** A card with one radio choice and its save button; `texts` holds its title, legend, one text per choice and save. */
function ChoiceForm(props: { intent: string; field: string; texts: string; legend: string; choices: readonly string[]; chosen: string }) {
  const { t } = useTranslation();
  const titleId = `${props.intent}-title`;
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t(`${props.texts}.title`)}</h2>
      <Form method="post">
        <input type="hidden" name="intent" value={props.intent} />
        <fieldset>
          <legend>{t(`${props.texts}.${props.legend}`)}</legend>
          {props.choices.map((choice) => (
            <label key={choice} className="radio">
              <input type="radio" name={props.field} value={choice} defaultChecked={props.chosen === choice} />{" "}
              {t(`${props.texts}.${choice}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t(`${props.texts}.save`)}</button>
      </Form>
    </section>
  );
}

export default function SettingsPage() {
  const { t } = useTranslation();
  const { email, name, followers, digestFrequency, alertChannel } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = refusalOf(actionData);
  const serverErrors = failed && "form" in failed && failed.form === "password" ? failed.errors : undefined;
  const followerErrors = failed && "form" in failed && failed.form === "followers" ? failed.errors : undefined;
  const { onSubmit, register, errorFor } = useValidatedForm(ChangePasswordSchema, { serverErrors });
  return (
    <>
      <h1>{t("auth.settings.title")}</h1>
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t("auth.settings.profile")}</h2>
        <p>
          {name} · {email}
        </p>
        <p className="hint">{t("auth.settings.languageHint")}</p>
      </section>
      <ChoiceForm
        intent="digest"
        field="frequency"
        texts="notifications.settings"
        legend="frequency"
        choices={DIGEST_FREQUENCIES}
        chosen={digestFrequency}
      />
      <ChoiceForm
        intent="alerts"
        field="channel"
        texts="delivery.settings"
        legend="channel"
        choices={ALERT_CHANNELS}
        chosen={alertChannel}
      />
      <section className="card" id="followers" aria-labelledby="followers-title">
        <h2 id="followers-title">{t("auth.settings.followersTitle")}</h2>
        <p className="hint">{t("auth.settings.followersHint")}</p>
        <FollowersForm defaultValues={followers} serverErrors={followerErrors} submitLabel={t("auth.settings.saveFollowers")} />
      </section>
      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">{t("auth.settings.changePassword")}</h2>
        <FormError error={serverErrors?.[""]} />
        <Form method="post" onSubmit={onSubmit} noValidate>
          <input type="hidden" name="intent" value="password" />
          <TextInput
            label={t("auth.settings.currentPassword")}
            type="password"
            autoComplete="current-password"
            registration={register("currentPassword")}
            error={errorFor("currentPassword")}
          />
          <TextInput
            label={t("auth.settings.newPassword")}
            type="password"
            autoComplete="new-password"
            hint={t("auth.fields.passwordHint")}
            registration={register("newPassword")}
            error={errorFor("newPassword")}
          />
          <TextInput
            label={t("auth.fields.confirmPassword")}
            type="password"
            autoComplete="new-password"
            registration={register("confirmPassword")}
            error={errorFor("confirmPassword")}
          />
          <button type="submit">{t("auth.settings.savePassword")}</button>
        </Form>
      </section>
    </>
  );
}
