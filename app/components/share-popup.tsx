import { useSubmit } from "@remix-run/react";
import { type MouseEvent, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { FollowersPrompt } from "~/components/home";
import type { ShareNetwork } from "~/models/core/networks";

/** Window sizes of the networks' share pages; mail and WhatsApp go on in the page as without JavaScript. */
const POPUP_SIZES: Partial<Record<ShareNetwork, { width: number; height: number }>> = {
  linkedin: { width: 600, height: 640 },
  x: { width: 600, height: 460 },
  facebook: { width: 640, height: 560 },
};

/**
 * How the page will reach the network, for the action: "link" as the server renders it, "redirect" once JavaScript
 * runs (the script follows the answer's redirect, which the Content-Security-Policy's form-action does not
 * restrict). Without JavaScript the action answers with the network's page as a plain link, since a form post
 * redirected to another site is blocked by that form-action. A post without the field (an API client) is redirected.
 */
export function OpenedField() {
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (field.current) field.current.value = "redirect";
  }, []);
  return <input ref={field} type="hidden" name="opened" defaultValue="link" />;
}

/**
 * Opens the network's share page in a window of its own during the click (the only moment a browser allows
 * one), with `noopener`: the window is a new browsing context outside the app's Cross-Origin-Opener-Policy,
 * holding nothing of Altavoz. The share is then recorded by a post that answers with what was recorded
 * (`opened=popup`) instead of the redirect, so the person stays here and sees it. Without JavaScript, or for
 * mail and WhatsApp, the button posts the form and the answer's redirect takes the page to the network.
 */
export function useSharePopup(network: ShareNetwork) {
  const submit = useSubmit();
  const size = POPUP_SIZES[network];
  /** For the share button's click: returns true when the popup took over (the form must not post again). */
  return (event: MouseEvent<HTMLButtonElement>, networkUrl: string | null): boolean => {
    const form = event.currentTarget.form;
    if (!size || !networkUrl || !form || typeof window === "undefined") return false;
    event.preventDefault();
    const left = Math.max(0, Math.round(window.screenX + (window.outerWidth - size.width) / 2));
    const top = Math.max(0, Math.round(window.screenY + (window.outerHeight - size.height) / 2));
    window.open(networkUrl, "_blank", `noopener,noreferrer,popup,width=${size.width},height=${size.height},left=${left},top=${top}`);
    const data = new FormData(form);
    data.set("intent", "share");
    data.set("opened", "popup");
    submit(data, { method: "post", preventScrollReset: true });
    return true;
  };
}

/**
 * What the share recorded, with the network's page as a plain link: again, in case a blocker stopped the popup,
 * or the way there without JavaScript.
 */
export function PopupShareStatus({
  network,
  networkUrl,
  opened,
  scored,
  points,
  linkOnly,
  reachMissing,
}: {
  network: ShareNetwork;
  networkUrl: string;
  opened: "popup" | "link";
  scored: boolean;
  points: number;
  linkOnly: boolean;
  reachMissing: boolean;
}) {
  const { t } = useTranslation();
  const name = t(`scoring.networks.${network}`);
  const web = networkUrl.startsWith("https:");
  return (
    <div className="share-done" role="status" data-testid="share-popup-status">
      <p>{t(opened === "popup" ? "experience.share.opened" : "experience.share.recorded", { network: name })}</p>
      <p>{scored ? t("sharing.dialog.scored", { points }) : t("sharing.dialog.notScored")}</p>
      {linkOnly ? <p>{t("experience.share.pasteNow", { network: name })}</p> : null}
      {reachMissing ? <FollowersPrompt /> : null}
      <p>
        <a
          href={networkUrl}
          className={opened === "link" ? "button" : undefined}
          {...(web ? { target: "_blank", rel: "noopener noreferrer" } : {})}
        >
          {t(opened === "popup" ? "experience.share.openAgain" : "experience.share.openNow", { network: name })}
        </a>
      </p>
    </div>
  );
}
