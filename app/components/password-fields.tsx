import { useTranslation } from "react-i18next";
import { TextInput } from "~/components/forms";

type Registration = Parameters<typeof TextInput>[0]["registration"];

/** A new password typed twice: the first-run set-up and the invitation say "Password", a reset says "New password". */
export function NewPasswordFields({
  register,
  errorFor,
  replacing = false,
}: {
  register: (name: "password" | "confirmPassword") => Registration;
  errorFor: (name: string) => string | undefined;
  replacing?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={replacing ? t("auth.settings.newPassword") : t("auth.fields.password")}
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
