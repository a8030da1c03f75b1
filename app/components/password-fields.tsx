import { useTranslation } from "react-i18next";
import { TextInput } from "~/components/forms";

type Registration = Parameters<typeof TextInput>[0]["registration"];

/** A new password typed twice, as on the first-run set-up and the invitation page. */
export function NewPasswordFields({
  register,
  errorFor,
}: {
  register: (name: "password" | "confirmPassword") => Registration;
  errorFor: (name: string) => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t("auth.fields.password")}
        type="password"
        autoComplete="new-password"
        hint={t("auth.fields.passwordHint")}
        registration={register("password")}
        error={errorFor("password")}
      />
      <TextInput
        label={t("auth.fields.confirmPassword")}
        type="password"
        autoComplete="new-password"
        registration={register("confirmPassword")}
        error={errorFor("confirmPassword")}
      />
    </>
  );
}
