import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCheckedForm } from "~/components/checked-form";
import { TextInput } from "~/components/fields";
import { SHARE_NETWORKS, type ShareNetwork } from "~/models/core/networks";
import { checkFollowers } from "~/models/sharing/follower-check";
import type { FieldErrors } from "~/utils/forms";

/**
 * The follower counts per network, posted to the settings action (intent "followers"); `redirectTo` says where
 * to go once saved (settings itself by default).
 */
export function FollowersForm({
  defaultValues,
  serverErrors,
  redirectTo,
  submitLabel,
}: {
  defaultValues: Record<ShareNetwork, number>;
  serverErrors?: FieldErrors;
  redirectTo?: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const form = useCheckedForm(checkFollowers, { serverErrors, defaultValues });
  return (
    <Form method="post" action="/settings" onSubmit={form.onSubmit} noValidate>
      <input type="hidden" name="intent" value="followers" />
      {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
      <div className="grid">
        {SHARE_NETWORKS.map((network) => (
          <TextInput
            key={network}
            label={t(`auth.settings.networks.${network}`)}
            type="number"
            min={0}
            inputMode="numeric"
            registration={form.register(network)}
            error={form.errorFor(network)}
          />
        ))}
      </div>
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}

/**
 * The question at the end of onboarding: the follower counts per network, or skip (which saves zeros, so it is
 * not asked again; the prompt after a share with no reach still reminds).
 */
export function FollowerQuestion() {
  const { t } = useTranslation();
  const counts = Object.fromEntries(SHARE_NETWORKS.map((network) => [network, 0])) as Record<ShareNetwork, number>;
  return (
    <section className="card follower-question" aria-labelledby="follower-question-title" data-testid="follower-question">
      <h2 id="follower-question-title">{t("experience.followers.questionTitle")}</h2>
      <p>{t("experience.followers.why")}</p>
      <FollowersForm defaultValues={counts} redirectTo="/" submitLabel={t("auth.settings.saveFollowers")} />
      <Form method="post" action="/settings" className="inline-form">
        <input type="hidden" name="intent" value="followers" />
        <input type="hidden" name="redirectTo" value="/" />
        <button type="submit" name="skip" value="1" className="secondary">
          {t("experience.followers.skip")}
        </button>
      </Form>
    </section>
  );
}
