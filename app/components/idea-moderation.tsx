import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Select, TextArea, useValidatedForm } from "~/components/forms";
import { BOARD_STATUSES, CommentSchema, HideCommentSchema, StatusSchema } from "~/models/ideas/schema";
import type { FieldErrors } from "~/utils/forms";

export function CommentForm({ errors }: { errors?: FieldErrors }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { onSubmit, register, errorFor } = useValidatedForm(CommentSchema, { serverErrors: errors, defaultValues: { intent: "comment" } });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="comment" />
      <TextArea label={t("ideas.comment")} rows={3} registration={register("body")} error={errorFor("body")} />
      <button type="submit" disabled={navigation.state !== "idle"}>
        {t("ideas.sendComment")}
      </button>
    </Form>
  );
}

export function HideCommentForm({ commentId, errors }: { commentId: string; errors?: FieldErrors }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { onSubmit, register, errorFor } = useValidatedForm(HideCommentSchema, {
    serverErrors: errors,
    defaultValues: { intent: "hide", commentId },
  });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="hide" />
      <input type="hidden" name="commentId" value={commentId} />
      <TextArea label={t("ideas.hideReason")} rows={1} registration={register("reason")} error={errorFor("reason")} />
      <button type="submit" className="secondary" disabled={navigation.state !== "idle"}>
        {t("ideas.hide")}
      </button>
    </Form>
  );
}

/** The editor's status form: status, a reason (needed to decline) and "what we did". */
export function StatusForm({ outcome, errors }: { outcome: string | null; errors?: FieldErrors }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { onSubmit, register, errorFor } = useValidatedForm(StatusSchema, {
    serverErrors: errors,
    defaultValues: { intent: "status", status: "under_review", outcome: outcome ?? "" },
  });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <FormError error={errors?.[""]} />
      <input type="hidden" name="intent" value="status" />
      <Select label={t("ideas.newStatus")} registration={register("status")} error={errorFor("status")}>
        {BOARD_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`ideas.statuses.${status}`)}
          </option>
        ))}
      </Select>
      <TextArea label={t("ideas.declineReason")} rows={2} registration={register("reason")} error={errorFor("reason")} />
      <TextArea
        label={t("ideas.outcome")}
        hint={t("ideas.outcomeHint")}
        rows={3}
        registration={register("outcome")}
        error={errorFor("outcome")}
      />
      <button type="submit" disabled={navigation.state !== "idle"}>
        {t("ideas.saveStatus")}
      </button>
    </Form>
  );
}
