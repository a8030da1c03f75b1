import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";
import { FormError, TextInput, useValidatedForm } from "~/components/forms";
import { NewPasswordFields } from "~/components/password-fields";
import { acceptInvitation, findOpenInvitation } from "~/models/people/invitations.server";
import { passwordProblem } from "~/utils/password.server";
import { startSession } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { newPasswordFields, PASSWORDS_DIFFER, passwordsMatch, requiredText } from "~/utils/form-fields";
import { invalid } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { assertSameOrigin } from "~/utils/origin.server";
import { errorsOf } from "~/utils/action-result";

const AcceptInvitationSchema = z
  .object({
    name: requiredText(120),
    ...newPasswordFields(),
  })
  .refine(passwordsMatch, PASSWORDS_DIFFER);

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await findOpenInvitation(db, params.token ?? "");
  if (!invitation) return json({ invitation: null }, { status: 410 });
  return json({ invitation: { email: invitation.email, name: invitation.name } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const parsed = parseFormData(AcceptInvitationSchema, await request.formData());
  if (!parsed.success) return invalid(parsed.errors);
  const invitation = await findOpenInvitation(db, params.token ?? "");
  const weak = await passwordProblem(parsed.data.password, [parsed.data.name, invitation?.email ?? ""]);
  if (weak) return invalid({ password: weak });
  const result = await acceptInvitation(db, params.token ?? "", {
    name: parsed.data.name,
    password: parsed.data.password,
    locale: await resolveLocale(request),
  });
  if (!result.ok) return invalid({ "": "auth.invite.invalid" });
  return startSession(result.userId, "/");
}

export default function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useValidatedForm(AcceptInvitationSchema, {
    serverErrors,
    defaultValues: { name: invitation?.name ?? "" },
  });
  if (!invitation) {
    return (
      <section className="card narrow" aria-labelledby="invite-title">
        <h1 id="invite-title">{t("auth.invite.invalidTitle")}</h1>
        <p>{t("auth.invite.invalid")}</p>
        <Link to="/login">{t("auth.invite.toLogin")}</Link>
      </section>
    );
  }
  return (
    <section className="card narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{t("auth.invite.title")}</h1>
      <p>{t("auth.invite.intro", { email: invitation.email })}</p>
      <FormError error={serverErrors?.[""]} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <TextInput label={t("auth.fields.name")} autoComplete="name" registration={register("name")} error={errorFor("name")} />
        <NewPasswordFields register={register} errorFor={errorFor} />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("auth.invite.submit")}
        </button>
      </Form>
    </section>
  );
}
