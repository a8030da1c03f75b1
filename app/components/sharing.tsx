import { Form, Link } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type LinkCard, PostPreview } from "~/components/post-preview";
import { GuardrailNotice, LockedNote, useGuardrailProblem } from "~/components/share-guardrails";
import type { GuardrailProblem, NetworkGuardrails } from "~/models/sharing/guardrail-match";
import { OpenedField, PopupShareStatus, useSharePopup } from "~/components/share-popup";
import { useCheckedForm } from "~/components/checked-form";
import { FormError, TextArea, TextInput } from "~/components/fields";
import { NETWORK_LIMITS } from "~/models/content/text";
import { finalShareText, networkShareUrl, postLength, shareTextProblem } from "~/models/sharing/share-text";
import { checkShare } from "~/models/sharing/share-check";
import type { ShareDraft } from "~/models/sharing/shares.server";
import type { ShareNetwork } from "~/models/core/networks";
import type { FieldErrors } from "~/utils/forms";

// The table and the styles live apart so that My shares loads no form code (react-hook-form, zod).
export { SharedLinksTable, sharingLinks } from "~/components/shared-links";

/** What the action answered, as the dialog needs it. */
export type ShareOutcome =
  | { ok: true; intent: "copy"; network: ShareNetwork; text: string; scored: boolean; points: number }
  | {
      ok: true;
      intent: "share";
      opened: "popup" | "link";
      network: ShareNetwork;
      networkUrl: string;
      scored: boolean;
      points: number;
      reachMissing: boolean;
    }
  | { ok: false; errors: FieldErrors; guardrail?: GuardrailProblem };

function copyToClipboard(text: string): Promise<boolean> {
  if (typeof navigator === "undefined" || !navigator.clipboard) return Promise.resolve(false);
  return navigator.clipboard.writeText(text).then(
    () => true,
    () => false,
  );
}

/**
 * The share dialog: networks as plain links (?network=…#share, so it works without JavaScript),
 * the editable post with a live length counter, "Share on <network>" (records the share, then the
 * browser goes to the network's share page) and "Copy text" (records the share on that network and
 * copies the post). With JavaScript the text is also copied for networks that take only the link.
 */
export function ShareDialog({
  itemId,
  drafts,
  selected,
  recentlyScored,
  outcome,
  via = "feed",
  preview,
  guardrails,
  children,
}: {
  /** Blocked phrases, disclosure and lock per network, checked as the person types. */
  guardrails?: Partial<Record<ShareNetwork, NetworkGuardrails>>;
  /** Shown inside the form above the text (the approved versions to start from). */
  children?: ReactNode;
  /** What the network's link card shows: the item's title, image and site. */
  preview?: LinkCard;
  /** The channel that opened the dialog (kept across network switches, recorded with the share). */
  via?: string;
  itemId: string;
  drafts: ShareDraft[];
  selected: ShareNetwork;
  recentlyScored: ShareNetwork[];
  outcome: ShareOutcome | undefined;
}) {
  const { t } = useTranslation();
  const draft = drafts.find((d) => d.network === selected) ?? drafts[0];
  const serverErrors = outcome && !outcome.ok ? outcome.errors : undefined;
  const { form, onSubmit, register, errorFor } = useCheckedForm(checkShare, {
    serverErrors,
    defaultValues: { network: draft.network, text: draft.text, subject: draft.subject ?? "", link: draft.trackedUrl },
  });
  const [copied, setCopied] = useState<boolean | null>(null);
  const watched = form.watch("text");
  const text = typeof watched === "string" ? watched : draft.text;
  const final = finalShareText(text, draft.trackedUrl);
  const length = postLength(draft.network, final);
  const limit = NETWORK_LIMITS[draft.network];
  const networkName = t(`scoring.networks.${draft.network}`);
  const guard = guardrails?.[draft.network];
  const locked = Boolean(guard && guard.lockedText !== null);
  const guardrail = useGuardrailProblem(text, draft.trackedUrl, guard, outcome && !outcome.ok ? outcome.guardrail : undefined);
  const copyIfValid = (always: boolean) => {
    if (!always || guardrail.live || shareTextProblem(draft.network, text, draft.trackedUrl)) return;
    void copyToClipboard(final).then(setCopied);
  };
  const copiedHere = outcome?.ok && outcome.intent === "copy" ? outcome : null;
  const sharedHere = outcome?.ok && outcome.intent === "share" ? outcome : null;
  const openPopup = useSharePopup(draft.network);
  const copiedNetwork = copiedHere ? t(`scoring.networks.${copiedHere.network}`) : "";

  return (
    <div className="share-dialog">
      <p className="hint">{t("sharing.dialog.intro")}</p>
      <nav aria-label={t("sharing.dialog.networks")}>
        <ul className="network-tabs">
          {drafts.map((d) => (
            <li key={d.network}>
              <Link
                to={`/feed/${itemId}?network=${d.network}${via !== "feed" ? `&via=${via}` : ""}#share`}
                preventScrollReset
                replace
                aria-current={d.network === draft.network ? "page" : undefined}
                className={d.network === draft.network ? "network-tab current" : "network-tab"}
              >
                {t(`scoring.networks.${d.network}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {recentlyScored.includes(draft.network) ? <p className="hint">{t("sharing.dialog.reshareNote", { network: networkName })}</p> : null}
      <FormError error={serverErrors?.[""]} />
      {copiedHere ? (
        <div className="share-done" role="status">
          <p>
            {copied ? t("sharing.dialog.copied", { network: copiedNetwork }) : t("sharing.dialog.copyManually", { network: copiedNetwork })}
          </p>
          <p>{copiedHere.scored ? t("sharing.dialog.scored", { points: copiedHere.points }) : t("sharing.dialog.notScored")}</p>
          {copied ? null : (
            <label className="field">
              <span>{t("sharing.dialog.copiedText")}</span>
              <textarea readOnly rows={6} value={copiedHere.text} onFocus={(e) => e.currentTarget.select()} />
            </label>
          )}
        </div>
      ) : null}
      {sharedHere ? <PopupShareStatus {...sharedHere} linkOnly={draft.linkOnly} /> : null}
      <Form method="post" onSubmit={onSubmit} noValidate className="share-form" preventScrollReset>
        {/* defaultValue as well as the form's defaults: the server renders the values, so the form works without JavaScript. */}
        <input type="hidden" defaultValue={draft.network} {...register("network")} />
        <input type="hidden" defaultValue={draft.trackedUrl} {...register("link")} />
        <OpenedField />
        {children}
        {draft.network === "email" ? (
          <TextInput
            label={t("sharing.dialog.subject")}
            defaultValue={draft.subject ?? ""}
            registration={register("subject")}
            error={errorFor("subject")}
          />
        ) : (
          <input type="hidden" defaultValue="" {...register("subject")} />
        )}
        {locked ? <LockedNote /> : null}
        <TextArea
          label={t("sharing.dialog.text")}
          rows={8}
          readOnly={locked}
          defaultValue={draft.text}
          hint={t("sharing.dialog.textHint")}
          registration={register("text")}
          error={errorFor("text")}
        />
        <p className={`counter${length > limit ? " counter-over" : ""}`} aria-live="polite">
          {t(draft.network === "x" ? "sharing.dialog.counterX" : "sharing.dialog.counter", { length, limit })}
          {length > limit ? ` · ${t("sharing.dialog.over", { count: length - limit })}` : ""}
        </p>
        <GuardrailNotice problem={guardrail.shown} />
        <p className="hint">
          {t("sharing.dialog.yourLink", { network: networkName })} <code>{draft.trackedUrl}</code>
        </p>
        {draft.linkOnly ? <p className="paste-hint">{t("experience.share.pasteFirst", { network: networkName })}</p> : null}
        <PostPreview network={draft.network} text={final} card={preview} />
        <div className="actions">
          <button
            type="submit"
            name="intent"
            value="share"
            disabled={Boolean(guardrail.live)}
            onClick={(event) => {
              copyIfValid(draft.linkOnly);
              const valid = !shareTextProblem(draft.network, text, draft.trackedUrl);
              openPopup(
                event,
                valid ? networkShareUrl(draft.network, { finalText: final, trackedUrl: draft.trackedUrl, subject: "" }) : null,
              );
            }}
          >
            {t("sharing.dialog.share", { network: networkName })}
          </button>
          <button
            type="submit"
            name="intent"
            value="copy"
            className="secondary"
            disabled={Boolean(guardrail.live)}
            onClick={() => copyIfValid(true)}
          >
            {t("sharing.dialog.copy")}
          </button>
        </div>
        <p className="hint">{t("sharing.dialog.copyHint", { network: networkName })}</p>
      </Form>
    </div>
  );
}
